// npm run db:migrate — applies the committed migrations to PGlite (KESU_DATA_DIR) or DATABASE_URL.
import { DatabaseUnavailableError, openDatabase } from './client';

const database = await openDatabase().catch((err) => {
  if (!(err instanceof DatabaseUnavailableError)) throw err;
  console.error(err.message);
  process.exit(1);
});
console.log(`migrations applied (${database.kind})`);
await database.close();
