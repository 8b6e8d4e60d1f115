// The production server: Next's request handler behind node:http, so that the portal knows
// each request's socket address (Next 16's request APIs do not expose it). The address —
// or, behind a trusted proxy (KESU_TRUSTED_PROXIES), the client it forwarded for — goes
// to the app in the internal x-kesu-client-ip header; a client's own copy is dropped.
// Usage: node scripts/server.mjs [port]   (needs `next build` first)
import http from 'node:http';
import next from 'next';
import { parseTrustedProxies, stampClientAddress } from './client-address.mjs';

process.env.NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED = '1';
const port = Number(process.argv[2] || process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined; // all interfaces unless told
const trust = parseTrustedProxies(process.env.KESU_TRUSTED_PROXIES);

const app = next({ dev: false, dir: process.cwd(), port, hostname: hostname ?? 'localhost' });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  stampClientAddress(req, trust);
  handle(req, res).catch((err) => {
    console.error('[kesu] request failed', err);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.listen(port, hostname, () => {
  const how = trust.kind === 'none' ? 'socket address' : trust.kind === 'hops' ? `${trust.hops} trusted proxy hop(s)` : 'trusted proxy list';
  console.log(`[kesu] listening on http://${hostname ?? 'localhost'}:${port} (client address: ${how})`);
});

// Stop accepting, give open requests a moment, then exit: the 'exit' handlers release the
// data folder's lock (db/client.ts).
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
