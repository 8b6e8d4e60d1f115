import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const config: NextConfig = {
  poweredByHeader: false,
  // PGlite's extensions and the native argon2 binding must load from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pg-boss'],
  // The build's own assets skip proxy.ts (which sets the other security headers on everything else).
  async headers() {
    return [{ source: '/_next/static/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] }];
  },
  experimental: {
    authInterrupts: true, // forbidden() answers 403 for a signed-in user of the wrong role
    serverActions: { bodySizeLimit: '32mb' },
  },
};

export default withNextIntl(config);
