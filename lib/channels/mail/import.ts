import 'server-only';
import crypto from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { convert } from 'html-to-text';
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import type { Database, Db } from '@/db/client';
import { complaints, inboundMail } from '@/db/schema';
import { storeAttachment } from '@/lib/attachments';
import { createComplaint } from '@/lib/complaints/commands';
import { CommandError } from '@/lib/complaints/errors';
import { log } from '@/lib/log';
import { inspectUpload, storedFilename } from '@/lib/uploads';
import { evidenceMimes, maxEvidenceBytes, maxEvidenceFiles, type EvidenceFile } from '@/lib/workflow';
import { CustomerNoteError, recordCustomerNote } from '../customer-note';
import { automaticKind } from './classify';
import { findReplyToken } from './reply-token';

/**
 * Inbound e-mail: polls one IMAP mailbox (IMAP_URL, e.g. imaps://user:password@mail.example.com/INBOX)
 * and turns each unseen message into
 * - a customer note on a form, when it answers one of our e-mails (a valid reply token in a
 *   recipient address or the subject, see reply-token.ts);
 * - otherwise a new form with channel 'email' through createComplaint (the sender as customer,
 *   subject and plain text — an HTML-only body converted to text —, its photos and PDFs as
 *   evidence after the same content checks as uploads);
 * - nothing, for auto-replies, bounces and list mail (classify.ts), recorded as 'ignored'.
 *
 * Exactly once, crash or not: the message's row in `inbound_mail` (keyed by Message-ID) is written
 * in the same transaction as the note, or right after the form whose idempotency key is the
 * Message-ID (a rerun finds that form instead of making a second one); \Seen is set only after
 * that. A process killed at any point leaves the message unseen, and the next poll either
 * imports it or finds it done and only marks it.
 */

export interface PollOptions {
  url?: string;
  now?: Date;
  /** Messages handled per poll. Default 50. */
  limit?: number;
  /** Test hook: runs after a message's transaction committed, before it is marked \Seen. */
  afterCommit?: (messageId: string) => void | Promise<void>;
}

export interface PollReport {
  fetched: number;
  forms: number;
  notes: number;
  ignored: number;
  refused: number;
  /** Already imported (a crash before marking): only marked now. */
  done: number;
}

type Outcome = { outcome: 'form' | 'note' | 'ignored' | 'refused' | 'done'; reason?: string; complaintId?: string };

export function imapConfig(raw = process.env.IMAP_URL): { host: string; port: number; secure: boolean; auth: { user: string; pass: string }; mailbox: string } | null {
  if (!raw) return null;
  const u = new URL(raw);
  const secure = u.protocol === 'imaps:';
  if (!secure && u.protocol !== 'imap:') throw new Error('IMAP_URL must start with imap:// or imaps://');
  return {
    host: u.hostname,
    port: Number(u.port || (secure ? 993 : 143)),
    secure,
    auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

export async function pollMailbox(database: Database, opts: PollOptions = {}): Promise<PollReport> {
  const config = imapConfig(opts.url);
  if (!config) throw new Error('IMAP_URL is not set');
  const report: PollReport = { fetched: 0, forms: 0, notes: 0, ignored: 0, refused: 0, done: 0 };
  const client = new ImapFlow({ host: config.host, port: config.port, secure: config.secure, auth: config.auth, logger: false });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(config.mailbox);
    try {
      const uids = ((await client.search({ seen: false }, { uid: true })) || []).slice(0, opts.limit ?? 50);
      for (const uid of uids) {
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        report.fetched++;
        const parsed = await simpleParser(msg.source, { skipHtmlToText: true }); // our own conversion (bodyText): no link targets kept
        const messageId = messageKey(parsed, msg.source);
        const result = await importMessage(database, parsed, messageId, opts.now ?? new Date());
        report[result.outcome === 'form' ? 'forms' : result.outcome === 'note' ? 'notes' : result.outcome]++;
        await opts.afterCommit?.(messageId);
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return report;
}

/** The Message-ID, or a hash of the whole message for one without (the same bytes → the same key). */
function messageKey(parsed: ParsedMail, source: Buffer): string {
  const id = parsed.messageId?.trim();
  return id && id.length <= 900 ? id : `sha256:${crypto.createHash('sha256').update(source).digest('hex')}`;
}

async function alreadyDone(db: Db, messageId: string): Promise<boolean> {
  const [row] = await db.select({ id: inboundMail.messageId }).from(inboundMail).where(eq(inboundMail.messageId, messageId));
  return !!row;
}

async function record(db: Db, messageId: string, o: Outcome): Promise<void> {
  await db
    .insert(inboundMail)
    .values({ messageId, outcome: o.outcome, reason: o.reason ?? null, complaintId: o.complaintId ?? null })
    .onConflictDoNothing();
}

/** Decides and imports one parsed message. */
export async function importMessage(database: Database, parsed: ParsedMail, messageId: string, now: Date): Promise<Outcome> {
  const db = database.db;
  if (await alreadyDone(db, messageId)) return { outcome: 'done' };
  const from = parsed.from?.value[0];
  const sender = from?.address?.toLowerCase() ?? null;
  const automatic = automaticKind(parsed.headers, sender ?? undefined);
  if (automatic) {
    await record(db, messageId, { outcome: 'ignored', reason: automatic });
    return { outcome: 'ignored', reason: automatic };
  }
  const subject = cleanText(parsed.subject ?? '').slice(0, 300);
  const body = cleanText(bodyText(parsed));
  const evidence = await evidenceOf(parsed);

  const recipients = [parsed.to, parsed.cc, parsed.headers.get('delivered-to'), parsed.headers.get('x-original-to')]
    .flatMap((a) => (Array.isArray(a) ? a : [a]))
    .map((a) => (a && typeof a === 'object' && 'text' in a ? String((a as { text: string }).text) : typeof a === 'string' ? a : ''));
  const number = findReplyToken([...recipients, subject]);
  if (number) {
    const text = (stripQuoted(body) || subject || '—').slice(0, 4000);
    try {
      const { complaint } = await recordCustomerNote({ number }, { text, files: evidence, via: 'email' }, now, db, async (tx) => {
        const [row] = await tx
          .insert(inboundMail)
          .values({ messageId, outcome: 'note', complaintId: null })
          .onConflictDoNothing()
          .returning({ id: inboundMail.messageId });
        if (!row) throw new AlreadyImported();
      });
      await db.update(inboundMail).set({ complaintId: complaint.id }).where(eq(inboundMail.messageId, messageId));
      return { outcome: 'note', complaintId: complaint.id };
    } catch (err) {
      if (err instanceof AlreadyImported) return { outcome: 'done' };
      if (!(err instanceof CustomerNoteError)) throw err;
      // A closed form: the answer becomes a new form (the customer writes about something again).
    }
  }

  if (!sender) {
    await record(db, messageId, { outcome: 'refused', reason: 'no_sender' });
    return { outcome: 'refused', reason: 'no_sender' };
  }
  const description = [subject, body].filter(Boolean).join('\n\n').slice(0, 10_000);
  // Without a number the sender's address is the customer's contact (createComplaintSchema's rule
  // for channel 'email'): receipts and answers go there, repeats are found by it.
  const phone = phoneIn(`${subject}\n${body}`) ?? (await earlierPhone(db, sender));
  const input = {
    channel: 'email',
    customerName: cleanText(from?.name || sender.split('@')[0]).slice(0, 100) || sender,
    ...(phone ? { customerPhone: phone } : {}),
    customerEmail: sender,
    customerLocale: /[\u3400-\u9fff]/.test(description) ? 'zh-CN' : 'en',
    categoryCode: process.env.KESU_MAIL_CATEGORY || 'other',
    description: description.length >= 5 ? description : `${description} (e-mail)`,
  };
  try {
    const { complaint } = await createComplaint(input, null, { now, idempotencyKey: `mail:${crypto.createHash('sha256').update(messageId).digest('hex')}`, customerEvidence: evidence }, db);
    await record(db, messageId, { outcome: 'form', complaintId: complaint.id });
    return { outcome: 'form', complaintId: complaint.id };
  } catch (err) {
    if (!(err instanceof CommandError) || !err.fieldErrors) throw err;
    const reason = `invalid: ${Object.keys(err.fieldErrors).join(', ')}`;
    await record(db, messageId, { outcome: 'refused', reason });
    return { outcome: 'refused', reason };
  }
}

class AlreadyImported extends Error {}

/** The plain-text part, or the HTML part converted to text (no markup survives: it is stored and shown as text). */
function bodyText(parsed: ParsedMail): string {
  if (parsed.text && parsed.text.trim()) return parsed.text;
  if (typeof parsed.html === 'string' && parsed.html) {
    return convert(parsed.html, {
      wordwrap: false,
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
      ],
    });
  }
  return '';
}

/** No control characters but line breaks and tabs (the form's text fields refuse them), tidy blank lines. */
function cleanText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A reply's own words: the quoted message below it ("> …", "On … wrote:", "-----Original Message-----") left out. */
export function stripQuoted(body: string): string {
  const lines = body.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s*>/.test(line)) continue;
    if (/^(On .+ wrote:|在 .+ 写道[:：]|-{2,}\s*(Original Message|原始邮件)\s*-{2,}|From: .+|发件人[:：].+)$/i.test(line.trim())) break;
    out.push(line);
  }
  return out.join('\n').trim();
}

function phoneIn(text: string): string | null {
  for (const found of findPhoneNumbersInText(text.normalize('NFKC'), 'CN')) {
    if (found.number.isValid()) return found.number.number;
  }
  return null;
}

/** The phone of this sender's latest earlier form, if any (the same customer writing again). */
async function earlierPhone(db: Db, email: string): Promise<string | null> {
  const [row] = await db
    .select({ phone: complaints.customerPhone })
    .from(complaints)
    .where(sql`lower(${complaints.customerEmail}) = ${email}`)
    .orderBy(desc(complaints.receivedAt))
    .limit(1);
  return row?.phone || null; // '' on a form that had none
}

/** Attachments that pass the upload checks (type by content, size, pixels), stored by content hash. */
async function evidenceOf(parsed: ParsedMail): Promise<EvidenceFile[]> {
  const files: EvidenceFile[] = [];
  for (const a of parsed.attachments ?? []) {
    if (files.length >= maxEvidenceFiles) break;
    if (a.related) continue; // inline parts of an HTML body (logos, signatures)
    const bytes = new Uint8Array(a.content);
    const r = await inspectUpload(bytes, { allowed: evidenceMimes, maxBytes: maxEvidenceBytes });
    if (!r.ok) continue;
    const file = { filename: storedFilename(a.filename ?? 'attachment', r.ext, 'attachment'), mime: r.mime, size: bytes.length, ...(r.width ? { width: r.width, height: r.height } : {}) };
    files.push({ ...file, sha256: await storeAttachment(bytes) } as EvidenceFile);
  }
  return files;
}
