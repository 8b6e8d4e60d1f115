// The 10,000-row XLSX export (issue 18): the search export's own code (lib/export), in the
// bench process, into a sink that counts bytes — rows/s and the process's peak RSS while it
// runs. A data set smaller than the export (the smoke) is read again from the start until the
// rows are there, so the measure is always of 10,000 rows through the keyset pages.
import { Writable, PassThrough } from 'node:stream';
import type { Database } from '@/db/client';
import type { StaffUser } from '@/db/queries/staff';
import { searchExport } from '@/lib/export/lists';
import { searchFiltersSchema } from '@/lib/complaints/search';
import { loadMessages } from '@/lib/i18n/messages';
import type { ExportLabels } from '@/lib/export/lists';
import { writeTable, type ExportFormat } from '@/lib/export/writers';
import type { ExportValue } from '@/lib/export/table';

export interface ExportBench {
  rows: number;
  seconds: number;
  rows_per_s: number;
  bytes: number;
  rss_before_mb: number;
  rss_peak_mb: number;
  /** CPU time of the whole process (user + system; on PGlite the database's too) during the export. */
  cpu_s: number;
  /** Rows per second of that CPU time: what a machine with a core to spare would reach. */
  rows_per_cpu_s: number;
  /** Distinct forms read (fewer than rows when the data set is smaller than the export). */
  passes: number;
}

/**
 * The labels from the message files by plain lookup: next-intl's translator pulls React in, which
 * tsx under --conditions=react-server cannot load (the same reason the seed avoids the templates).
 */
function plainLabels(): ExportLabels {
  const messages = loadMessages('zh-CN') as Record<string, unknown>;
  const lookup = (ns: string) => (key: string) => {
    let v: unknown = messages[ns];
    for (const part of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
    return typeof v === 'string' ? v : key;
  };
  return { t: lookup('export'), wf: lookup('workflow'), ledger: lookup('ledger'), locale: 'zh-CN', colon: '：' };
}

export async function benchXlsxExport(database: Database, user: StaffUser, timeZone: string, rows = 10_000): Promise<ExportBench> {
  return benchExport(database, user, timeZone, 'xlsx', rows);
}

export async function benchExport(database: Database, user: StaffUser, timeZone: string, format: ExportFormat, rows = 10_000): Promise<ExportBench> {
  const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
  global.gc?.();
  const before = mb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, mb())), 50);
  let passes = 0;
  async function* take(): AsyncGenerator<ExportValue[]> {
    let n = 0;
    for (;;) {
      passes++;
      const table = searchExport(user, searchFiltersSchema.parse({}), plainLabels(), { now: new Date(), timeZone }, database.db);
      let any = false;
      for await (const row of table.rows) {
        any = true;
        yield row;
        if (++n >= rows) return;
      }
      if (!any) return;
    }
  }
  const template = searchExport(user, searchFiltersSchema.parse({}), plainLabels(), { now: new Date(), timeZone }, database.db);
  const out = new PassThrough();
  let bytes = 0;
  const sink = new Writable({ write(chunk: Buffer, _enc, cb) { bytes += chunk.length; cb(); } });
  out.pipe(sink);
  const finished = new Promise((r) => sink.on('finish', r));
  const cpu = process.cpuUsage();
  const t = performance.now();
  const written = await writeTable({ ...template, rows: take() }, format, out);
  await finished;
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  clearInterval(sampler);
  peak = Math.max(peak, mb());
  return { rows: written, seconds: Math.round(seconds * 100) / 100, rows_per_s: Math.round(written / seconds), bytes, rss_before_mb: before, rss_peak_mb: peak, cpu_s: Math.round(cpuS * 100) / 100, rows_per_cpu_s: Math.round(written / cpuS), passes };
}
