import { getLocale, getTranslations } from 'next-intl/server';
import { clientAddress } from '@/lib/net/client-address';
import { kickOutbox } from '@/lib/jobs';
import { lookupByNumberAndCode } from '@/lib/public/tracking';
import { trackingReferrerPolicy } from '@/lib/security/headers';

/**
 * POST number + access code. A browser form without JavaScript gets a 303 to the private
 * tracking page, or a small page with the answer; the enhanced form (Accept: application/json)
 * gets JSON. Wrong number and wrong code: one answer (404, same body). Too many lookups, or
 * too many wrong ones, from one address: a real 429 with Retry-After (lib/public/tracking.ts).
 */
export async function POST(request: Request) {
  const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
  let number: unknown = '';
  let code: unknown = '';
  try {
    if ((request.headers.get('content-type') ?? '').includes('application/json')) {
      const body = (await request.json()) as Record<string, unknown>;
      number = body.number;
      code = body.code;
    } else {
      const form = await request.formData();
      number = form.get('number');
      code = form.get('code');
    }
  } catch {
    /* an unreadable body is a wrong lookup like any other */
  }
  const result = await lookupByNumberAndCode({ number, code, ip: clientAddress(request.headers) });
  const noStore = { 'Cache-Control': 'no-store', 'Referrer-Policy': trackingReferrerPolicy };
  if (result.kind === 'not_found' && result.alerted) await kickOutbox().catch(() => {});

  if (result.kind === 'found') {
    const url = `/track/${result.token}`;
    if (wantsJson) return Response.json({ ok: true, url }, { headers: noStore });
    return new Response(null, { status: 303, headers: { ...noStore, Location: url } });
  }
  const t = await getTranslations('public.track');
  const [status, error, message, extra] =
    result.kind === 'rate_limited'
      ? ([
          429,
          'rate_limited',
          result.scope === 'minute'
            ? t('rateLimited', { seconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)) })
            : t('tooManyWrong', { minutes: Math.max(1, Math.ceil(result.retryAfterMs / 60_000)) }),
          { 'Retry-After': String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))) },
        ] as const)
      : ([404, 'not_found', t('notFound'), {}] as const);
  const headers = { ...noStore, ...extra };
  if (wantsJson) return Response.json({ ok: false, error, message }, { status, headers });
  return new Response(await answerPage(message, t('title'), t('back')), {
    status,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
  });
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The no-JavaScript answer: a plain, accessible page that links back to the lookup form. */
async function answerPage(message: string, title: string, back: string): Promise<string> {
  const locale = await getLocale();
  return `<!doctype html>
<html lang="${escape(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#0f172a}a{color:#1e40af}</style></head>
<body><main><h1>${escape(title)}</h1><p role="alert">${escape(message)}</p><p><a href="/track">${escape(back)}</a></p></main></body></html>`;
}
