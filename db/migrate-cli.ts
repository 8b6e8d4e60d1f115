// npm run db:migrate — applies the committed migrations to PGlite (KESU_DATA_DIR) or DATABASE_URL.
import { openDatabase } from './client';

const database = await openDatabase();
console.log(`migrations applied (${database.kind})`);
await database.close();
