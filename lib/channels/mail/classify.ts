/**
 * Mail that no person wrote to us: auto-replies ("out of office"), bounces and delivery reports,
 * mailing-list and bulk mail. Such messages become neither forms nor notes (RFC 3834
 * Auto-Submitted, the de-facto Precedence and X-Autoreply headers, RFC 2369 List-* headers,
 * RFC 3464 multipart/report delivery reports, the null return path and mailer-daemon senders).
 * Pure: takes the header lines as mailparser gives them (lower-case names).
 */
export type AutomaticKind = 'auto_reply' | 'bounce' | 'list';

export function automaticKind(headers: ReadonlyMap<string, unknown>, from: string | undefined): AutomaticKind | null {
  const h = (name: string) => {
    const v = headers.get(name);
    if (v == null) return '';
    if (typeof v === 'string') return v.toLowerCase();
    if (typeof v === 'object' && 'value' in (v as object)) return String((v as { value: unknown }).value).toLowerCase();
    if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text).toLowerCase();
    return String(v).toLowerCase();
  };
  const contentType = h('content-type');
  const sender = (from ?? '').toLowerCase();
  if (contentType.startsWith('multipart/report') || contentType.includes('delivery-status')) return 'bounce';
  if (/^(mailer-daemon|postmaster)@/.test(sender) || h('x-failed-recipients')) return 'bounce';
  if (headers.has('return-path') && /^<?\s*>?$/.test(h('return-path').trim())) return 'bounce';
  const autoSubmitted = h('auto-submitted').trim();
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_reply';
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return 'auto_reply';
  const precedence = h('precedence').trim();
  if (precedence === 'auto_reply') return 'auto_reply';
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return 'list';
  if (headers.has('list-id') || headers.has('list-unsubscribe')) return 'list';
  return null;
}
