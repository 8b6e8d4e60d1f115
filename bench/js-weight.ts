// The JavaScript a phone downloads on the first load of a page: shared by the bench
// (bench/public-weight.ts) and the budget test (e2e/public-weight.spec.ts), so both count alike.
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';

export interface JsFile {
  path: string;
  rawBytes: number;
  gzipBytes: number;
  wireBytes: number;
}

export interface FirstLoadJs {
  url: string;
  files: JsFile[];
  rawBytes: number;
  /** Sum of each decoded body gzipped with zlib level 9. */
  gzipBytes: number;
  /** Sum of the encoded body bytes as sent (Chromium's responseBodySize). */
  wireBytes: number;
}

/**
 * Loads url in a fresh context (cold cache, phone viewport), waits until the network has been
 * idle for 500 ms, and sums every script response of the load — the page's own chunks and
 * whatever its link prefetches pull in — each URL once.
 */
export async function measureFirstLoadJs(browser: Browser, url: string, opts: { locale?: string } = {}): Promise<FirstLoadJs> {
  const context = await browser.newContext({
    locale: opts.locale ?? 'zh-CN',
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const pending: Promise<JsFile | undefined>[] = [];
  const seen = new Set<string>();
  page.on('response', (response) => {
    const type = response.request().resourceType();
    const contentType = response.headers()['content-type'] ?? '';
    if (type !== 'script' && !/javascript/.test(contentType)) return;
    if (seen.has(response.url())) return;
    seen.add(response.url());
    pending.push(
      (async () => {
        const body = await response.body().catch(() => undefined);
        if (!body) return undefined;
        const sizes = await response.request().sizes().catch(() => undefined);
        return {
          path: new URL(response.url()).pathname,
          rawBytes: body.length,
          gzipBytes: gzipSync(body, { level: 9 }).length,
          wireBytes: sizes?.responseBodySize ?? 0,
        };
      })(),
    );
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  const files = (await Promise.all(pending)).filter((f): f is JsFile => f !== undefined);
  await context.close();
  const sum = (k: 'rawBytes' | 'gzipBytes' | 'wireBytes') => files.reduce((a, f) => a + f[k], 0);
  return { url, files, rawBytes: sum('rawBytes'), gzipBytes: sum('gzipBytes'), wireBytes: sum('wireBytes') };
}
