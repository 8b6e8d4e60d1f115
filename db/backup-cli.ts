// npm run db:backup [FILE] — the database (PGlite in KESU_DATA_DIR, or DATABASE_URL) and the
// attachments folder into one file (default: backups/kesu-<date-time>.jsonl.gz). See db/backup.ts.
import path from 'node:path';
import { openDatabase } from './client';
import { backupDatabase } from './backup';
import { attachmentsDir } from '../lib/attachments';

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
const file = path.resolve(process.argv[2] || path.join('backups', `kesu-${stamp}.jsonl.gz`));
try {
  // migrate: false — a backup changes nothing, not even the schema.
  const database = await openDatabase({ migrate: false });
  try {
    const r = await backupDatabase(database, file, attachmentsDir());
    const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
    console.log(`backup written: ${r.file} (${database.kind}: ${Object.keys(r.tables).length} tables, ${rows} rows, ${r.files} attachment files, ${r.bytes} bytes)`);
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(`backup failed: ${(err as Error).message}`);
  process.exit(1);
}
