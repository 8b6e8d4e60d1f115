// npm run db:seed — reference data plus the demo staff and forms (only into an empty database).
import { openDatabase } from './client';
import { seedBase, seedDemo } from './seed';

const database = await openDatabase();
await seedBase(database.db);
const { forms } = await seedDemo(database.db, new Date(), { history: true });
console.log(forms ? `demo data: ${forms} forms created (${database.kind})` : `forms already present: demo users ensured, no forms added (${database.kind})`);
await database.close();
