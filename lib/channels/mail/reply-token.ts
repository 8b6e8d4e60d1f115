import crypto from 'node:crypto';
import { authSecret } from '@/lib/auth/secret';
import { isComplaintNumber } from '@/lib/params';

/**
 * The reply token routes a customer's e-mail reply back to its form: the form's number and a
 * MAC of it ("KS-2026-000042.3f9a1c0b7d2e"), so nobody can add to a form by guessing its number.
 * Outgoing customer e-mails carry it in their Reply-To, as a plus address of KESU_MAIL_REPLY_TO
 * ("service@example.com" → "service+KS-2026-000042.3f9a1c0b7d2e@example.com").
 */
export function replyToken(number: string, secret = authSecret()): string {
  const mac = crypto.createHmac('sha256', secret).update(`reply:${number}`).digest('hex').slice(0, 12);
  return `${number}.${mac}`;
}

/** The Reply-To address for a form's customer e-mails, or undefined when KESU_MAIL_REPLY_TO is not set. */
export function replyAddress(number: string, base = process.env.KESU_MAIL_REPLY_TO): string | undefined {
  const m = base ? /^([^@\s+]+)@([^@\s]+)$/.exec(base.trim()) : null;
  if (!m) return undefined;
  return `${m[1]}+${replyToken(number)}@${m[2]}`;
}

const tokenInText = /([a-z]+-[0-9]+-[0-9]+)\.([0-9a-f]{12})/gi; // the number checked by isComplaintNumber

/** The form number whose valid token appears in one of the texts (recipient addresses, subject), if any. */
export function findReplyToken(texts: readonly string[], secret = authSecret()): string | null {
  for (const t of texts) {
    for (const m of t.matchAll(tokenInText)) {
      const number = m[1].toUpperCase();
      if (!isComplaintNumber(number)) continue;
      const expected = replyToken(number, secret).split('.')[1];
      const given = m[2].toLowerCase();
      if (crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return number;
    }
  }
  return null;
}
