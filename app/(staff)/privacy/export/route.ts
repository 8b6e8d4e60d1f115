import { getTranslations } from 'next-intl/server';
import { currentStaff } from '@/lib/auth/session';
import { exportPerson, mayHandlePersonData } from '@/lib/privacy';
import { personKeySchema } from '@/lib/privacy/schemas';

export const dynamic = 'force-dynamic';

/**
 * A person's data as a JSON file (POST /privacy/export, kind + value as form fields): for a
 * request under the PIPL. POST so that the key stays out of URLs and logs; a route handler is a
 * public endpoint, so it signs the caller in, checks the role and the request's origin itself.
 */
export async function POST(request: Request) {
  const t = await getTranslations('privacy.export');
  const text = (status: number, body: string) =>
    new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  // Only the portal's own page may ask (a cross-site form post must not download anything).
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  if ((site && site !== 'same-origin') || (origin !== null && hostOf(origin) !== host)) return text(403, t('crossSite'));
  const user = await currentStaff();
  if (!user) return text(401, t('signedOut'));
  if (!mayHandlePersonData(user.role)) return text(403, t('forbidden'));
  const form = await request.formData().catch(() => null);
  const key = personKeySchema.safeParse({ kind: form?.get('kind'), value: form?.get('value') });
  if (!key.success) return text(400, t('badParams'));
  const now = new Date();
  const data = await exportPerson(user, key.data, now);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="person-data-${now.toISOString().slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    },
  });
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // 'null' (a sandboxed or privacy-sensitive context) is no origin of ours
  }
}
