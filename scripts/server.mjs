// The production server: Next's request handler behind node:http, so that the portal knows
// each request's socket address (Next 16's request APIs do not expose it). The address —
// or, behind a trusted proxy (KESU_TRUSTED_PROXIES), the client it forwarded for — goes
// to the app in the internal x-kesu-client-ip header; a client's own copy is dropped.
// Usage: node scripts/server.mjs [port]   (needs `next build` first)
// Where it listens: KESU_HOST when set; else, with demo data on (KESU_DEMO=1, whose passwords
// are public), on 127.0.0.1 only; else on every interface. HOSTNAME is not read: Docker and
// some shells set it to the machine's name, which would decide the address without anyone asking.
import http from 'node:http';
import v8 from 'node:v8';
import next from 'next';
import { parseTrustedProxies, stampClientAddress } from './client-address.mjs';

// V8 grows its heap to up to 4 × what the last full GC kept, and a page's garbage filled it:
// at most 2 × kept the RSS after load ~100 MB lower, at the same req/s (README "Performance").
v8.setFlagsFromString('--heap-growing-percent=100');
process.env.NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED = '1';
const port = Number(process.argv[2] || process.env.PORT || 3000);
const demo = process.env.KESU_DEMO === '1';
const hostname = process.env.KESU_HOST || (demo ? '127.0.0.1' : undefined); // undefined: every interface
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
server.on('error', (err) => {
  // A taken port or an address this machine does not have: one sentence, not a stack trace.
  console.error(`[kesu] cannot listen on ${hostname ?? 'every interface'}, port ${port}: ${err.code ?? err.message}${err.code === 'EADDRINUSE' ? ' (another program uses this port: set PORT to another one)' : ''}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  const how = trust.kind === 'none' ? 'socket address' : trust.kind === 'hops' ? `${trust.hops} trusted proxy hop(s)` : 'trusted proxy list';
  const where = process.env.KESU_HOST
    ? `${hostname} (KESU_HOST)`
    : demo
      ? '127.0.0.1 only, because demo data is on and its passwords are public (KESU_HOST=0.0.0.0 listens on every interface)'
      : 'every interface (KESU_HOST sets one address)';
  console.log(`[kesu] listening on ${where}, port ${port}; client address: ${how}`);
  const any = !hostname || hostname === '0.0.0.0' || hostname === '::';
  const bracket = (h) => (h.includes(':') ? `[${h}]` : h);
  // Next prepares its production server — and runs instrumentation.ts: migrations, demo data —
  // on the first request, not at app.prepare(). Make that request now, so that the start shows
  // those steps and "ready" means ready. (The root page: it only redirects; a static path does
  // not wait for the preparation.)
  const self = any ? (hostname === '::' ? '[::1]' : '127.0.0.1') : bracket(hostname);
  fetch(`http://${self}:${port}/`, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(600_000) }).then(
    (r) => {
      if (r.status >= 500) console.error(`[kesu] the portal answered its first request with ${r.status}: see the error above`);
      else console.log(`[kesu] ready: http://${any || hostname === '127.0.0.1' ? 'localhost' : bracket(hostname)}:${port}`);
    },
    (err) => console.error(`[kesu] the first request to the portal failed: ${err.cause?.code ?? err.message}`),
  );
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
