import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { maxRequestBodyBytes } from './lib/validation/limits';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const config: NextConfig = {
  poweredByHeader: false,
  // The type check belongs to the tests (`npm test`'s build, `npm run build`, `npm run typecheck`),
  // not to a user's first start: scripts/start.mjs builds with KESU_SKIP_TYPECHECK=1.
  typescript: { ignoreBuildErrors: process.env.KESU_SKIP_TYPECHECK === '1' },
  // PGlite's extensions and the native argon2 and jieba bindings must load from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', '@node-rs/jieba', 'pg-boss'],
  // The build's own assets skip proxy.ts (which sets the other security headers on everything else).
  async headers() {
    return [{ source: '/_next/static/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] }];
  },
  // The ledger's old CSV address (issue 18: one export route, lib/export): its query (scope,
  // closed) is passed on to /export/ledger.
  async redirects() {
    return [{ source: '/ledger/export', destination: '/export/ledger?format=csv', permanent: true }];
  },
  experimental: {
    authInterrupts: true, // forbidden() answers 403 for a signed-in user of the wrong role
    // One limit for a request body (lib/validation/limits.ts): the proxy runs on every path and
    // Next buffers only this much of a body that passes through it (10 MB by default), so both
    // must hold the largest form; proxy.ts refuses a larger body with a 413 before it is read.
    serverActions: { bodySizeLimit: maxRequestBodyBytes },
    proxyClientMaxBodySize: maxRequestBodyBytes,
  },
};

export default withNextIntl(config);
