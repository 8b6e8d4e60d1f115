import { openApiDocument } from '@/lib/api/openapi';
import { isLocale, negotiateLocale } from '@/lib/i18n/locales';

// The API's description, generated from its zod schemas; public like any published API reference.
// Its words in the language asked for: ?lang=zh-CN|en, else Accept-Language.
export const GET = (req: Request) => {
  const lang = new URL(req.url).searchParams.get('lang');
  const locale = isLocale(lang) ? lang : negotiateLocale(req.headers.get('accept-language'));
  return new Response(JSON.stringify(openApiDocument(locale)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Language': locale, Vary: 'Accept-Language', 'Cache-Control': 'public, max-age=300' },
  });
};
