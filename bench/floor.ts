// The floor: the least a server can do to answer the desk's triage queue — node:http, one query,
// a plain HTML table. The portal's pages are compared with it in the same run.
//   FLOOR_PORT=3202 DATABASE_URL=postgres://… tsx bench/floor.ts     (or FLOOR_PGLITE_DIR=<copy>/pglite)
import http from 'node:http';
import { openDatabase } from '@/db/client';
import { queueSql } from './queue-sql';

const port = Number(process.env.FLOOR_PORT || 3202);
const database = await openDatabase(
  process.env.FLOOR_PGLITE_DIR ? { url: '', dataDir: process.env.FLOOR_PGLITE_DIR, migrate: false } : { url: process.env.DATABASE_URL, migrate: false },
);

const esc = (v: unknown) =>
  String(v ?? '').replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

const server = http.createServer(async (req, res) => {
  try {
    if (req.url === '/queue') {
      const rows = await database.execute(queueSql, []);
      const body = rows
        .map((r) => `<tr><td>${esc(r.number)}</td><td>${esc(r.customer_name)}</td><td>${esc(r.severity)}</td><td>${esc((r.step_due_at as Date | null)?.toISOString?.() ?? r.step_due_at)}</td><td>${esc(r.department)}</td></tr>`)
        .join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>queue</title><table>${body}</table>`);
      return;
    }
    res.writeHead(404).end();
  } catch (err) {
    console.error(err);
    res.writeHead(500).end();
  }
});
server.listen(port, '127.0.0.1', () => console.log(`[floor] ready on ${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    database.close().finally(() => process.exit(0));
  });
}
