// npm run bench:export — the 10,000-row XLSX (and CSV) export alone, in this process, on the
// bench's PGlite data set (generated when missing): rows/s and peak RSS without starting the
// portal. `--forms N` (default 100000), `--rows N` (default 10000), `--format xlsx|csv|both`.
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { loadCalendar } from '@/lib/complaints/settings';
import { preparePglite } from './dataset';
import { benchExport } from './export';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const forms = Number(option('forms') ?? 100000);
const rows = Number(option('rows') ?? 10000);
const format = option('format') ?? 'both';
const log = (m: string) => console.log(`[bench:export] ${m}`);

const dataset = await preparePglite(path.resolve('.bench-data'), forms, false, log);
const database = await openDatabase({ url: '', dataDir: path.join(dataset.dataDir!, 'pglite'), migrate: false });
try {
  const [{ id }] = await database.execute(`select id from users where login = 'management'`);
  const management = (await loadStaffUser(String(id), database.db)) as StaffUser;
  const timeZone = (await loadCalendar(database.db)).timeZone;
  for (const f of format === 'both' ? (['xlsx', 'csv'] as const) : [format as 'xlsx' | 'csv']) {
    const r = await benchExport(database, management, timeZone, f, rows);
    log(`${f}: ${r.rows} rows in ${r.seconds} s (${r.rows_per_s} rows/s; CPU ${r.cpu_s} s, ${r.rows_per_cpu_s} rows per CPU-second), ${Math.round(r.bytes / 1024)} kB, RSS ${r.rss_before_mb} → peak ${r.rss_peak_mb} MB`);
  }
} finally {
  await database.close();
}
