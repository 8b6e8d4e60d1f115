// npm run db:restore -- FILE [--force] — into the database of this environment (PGlite in
// KESU_DATA_DIR, or DATABASE_URL) and the attachments folder. Refuses a non-empty database
// unless --force (which replaces its data), and a PGlite folder a running portal holds.
import path from 'node:path';
import { openDatabase } from './client';
import { restoreDatabase, RestoreRefused } from './backup';
import { attachmentsDir } from '../lib/attachments';

const args = process.argv.slice(2);
const force = args.includes('--force') || process.env.KESU_RESTORE_FORCE === '1';
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run db:restore -- FILE [--force]');
  process.exit(2);
}
try {
  const database = await openDatabase({ migrate: false });
  try {
    const r = await restoreDatabase(database, path.resolve(file), attachmentsDir(), { force });
    const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
    console.log(`restored ${file} into ${database.kind}: ${Object.keys(r.tables).length} tables, ${rows} rows, ${r.files} attachment files`);
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(`${err instanceof RestoreRefused ? 'restore refused' : 'restore failed'}: ${(err as Error).message}`);
  process.exit(1);
}
