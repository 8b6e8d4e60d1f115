import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { attachments, complaintEvents, complaintLinks, complaints, inboundMail, notifications } from '@/db/schema';
import { pollMailbox } from '@/lib/channels/mail/import';
import { replyAddress } from '@/lib/channels/mail/reply-token';
import { forEachBackend } from '@/tests/helpers/databases';
import { pngBytes, setupDesk } from '../public/fixtures';
import { hasDovecot, startDovecot, type Dovecot } from './dovecot';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-mail-'));
process.env.KESU_ATTACHMENTS_DIR = dir;
process.env.AUTH_SECRET ??= 'test-secret-for-reply-tokens';
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let seq = 0;
function message(headers: Record<string, string>, body: string): string {
  const all = { From: '"Lin Xiaojie" <lin@example.com>', To: 'service@example.com', Subject: 'Complaint', 'Message-ID': `<m${++seq}.${Date.now()}@example.com>`, Date: new Date().toUTCString(), 'MIME-Version': '1.0', ...headers };
  return `${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\n')}\n${body}`;
}

const png = Buffer.from(pngBytes()).toString('base64');
const withPhoto = (text: string, html: string) => message(
  { Subject: '=?UTF-8?B?' + Buffer.from('保养后车门异响').toString('base64') + '?=', 'Content-Type': 'multipart/mixed; boundary="b1"' },
  `
--b1
Content-Type: multipart/alternative; boundary="b2"

--b2
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

${Buffer.from(text).toString('base64')}
--b2
Content-Type: text/html; charset=utf-8

${html}
--b2--
--b1
Content-Type: image/png; name="door.png"
Content-Disposition: attachment; filename="door.png"
Content-Transfer-Encoding: base64

${png}
--b1
Content-Type: text/html; name="evil.png"
Content-Disposition: attachment; filename="evil.png"

<script>alert(1)</script>
--b1--
`,
);

if (!hasDovecot()) throw new Error('dovecot-imapd is not installed: apt-get install -y dovecot-imapd');
forEachBackend('inbound e-mail over IMAP (dovecot)', (backend) => {
  let database: Database;
  let imap: Dovecot;
  beforeAll(async () => {
    database = await backend.open();
    await setupDesk(database.db);
    imap = await startDovecot();
  });
  afterAll(() => imap?.stop());

  it('a new message becomes a form; a reply a note; an auto-reply and a bounce are ignored; a second poll imports nothing', async () => {
    await imap.deliver(withPhoto('保养后左前车门一直有异响，请尽快处理。联系电话 138 0013 8000。', '<p>保养后左前车门一直有异响</p>'));
    await imap.deliver(message({ Subject: 'Re: 您的反馈', 'Auto-Submitted': 'auto-replied' }, '\n我正在休假，将于下周回复。\n'));
    await imap.deliver(
      message(
        { From: 'MAILER-DAEMON@mail.example.com', Subject: 'Undelivered Mail Returned to Sender', 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="r"' },
        '\n--r\nContent-Type: text/plain\n\nDelivery failed. Call 13800138000.\n--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.com\n\nFinal-Recipient: rfc822; nobody@example.com\nAction: failed\nStatus: 5.1.1\n--r--\n',
      ),
    );
    await imap.deliver(message({ From: 'news@example.com', Subject: 'Weekly deals', 'List-Id': '<deals.example.com>', Precedence: 'bulk' }, '\nBuy now 13800138000\n'));
    expect(await imap.unseen()).toBe(4);

    const first = await pollMailbox(database, { url: imap.url });
    expect(first).toMatchObject({ fetched: 4, forms: 1, notes: 0, ignored: 3 });
    const ignored = await database.db.select().from(inboundMail).where(eq(inboundMail.outcome, 'ignored'));
    expect(ignored.map((r) => r.reason).sort()).toEqual(['auto_reply', 'bounce', 'list']);
    const [form] = await database.db.select().from(complaints).where(eq(complaints.channel, 'email'));
    expect(form).toMatchObject({ customerName: 'Lin Xiaojie', customerEmail: 'lin@example.com', customerPhone: '+8613800138000', customerLocale: 'zh-CN', status: 'received' });
    expect(form.description).toBe('保养后车门异响\n\n保养后左前车门一直有异响，请尽快处理。联系电话 138 0013 8000。');
    // The photo passed the content check; the HTML page calling itself evil.png did not.
    const files = await database.db.select().from(attachments).where(eq(attachments.complaintId, form.id));
    expect(files.map((f) => [f.filename, f.mime, f.fromCustomer])).toEqual([['door.png', 'image/png', true]]);
    expect(await imap.unseen()).toBe(0);

    // The customer answers our e-mail: its Reply-To carries the form's reply token.
    process.env.KESU_MAIL_REPLY_TO = 'service@example.com';
    const to = replyAddress(form.number)!;
    expect(to).toMatch(/^service\+KS-\d{4}-\d{6}\.[0-9a-f]{12}@example\.com$/);
    await imap.deliver(message({ To: to, Subject: `Re: 您的反馈 ${form.number}`, 'In-Reply-To': '<x@kesu>' }, '\n车门的照片已附上，周六上午可以到店。\n\n在 2026年12月7日 写道：\n> 您的反馈已受理\n'));
    // A reply with a forged token is a new form's business (its sender's, known by address), not a note on this one.
    await imap.deliver(message({ From: 'mallory@example.com', To: `service+${form.number}.000000000000@example.com`, Subject: 'Re: hi' }, '\nlet me in\n'));
    const second = await pollMailbox(database, { url: imap.url });
    expect(second).toMatchObject({ fetched: 2, notes: 1, forms: 1, refused: 0 });
    const notes = await database.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, form.id));
    const note = notes.find((n) => n.type === 'note')!;
    expect(note).toMatchObject({ actorRole: 'customer', customerVisible: true, payload: { text: '车门的照片已附上，周六上午可以到店。', via: 'email' } });

    const third = await pollMailbox(database, { url: imap.url });
    expect(third).toMatchObject({ fetched: 0, forms: 0, notes: 0 });
    expect((await database.db.select({ email: complaints.customerEmail }).from(complaints).where(eq(complaints.channel, 'email'))).map((f) => f.email).sort()).toEqual(['lin@example.com', 'mallory@example.com']);
  });

  it('a message without a phone number becomes a form reached by its address; the next one from that address is its repeat', async () => {
    await imap.deliver(message({ From: '"Zhou Min" <Zhou.Min@example.com>', Subject: '发票开错了' }, '\n上周保养的发票抬头开错了，麻烦重开一张寄给我。\n'));
    expect(await pollMailbox(database, { url: imap.url })).toMatchObject({ fetched: 1, forms: 1, refused: 0 });
    const [first] = await database.db.select().from(complaints).where(eq(complaints.customerEmail, 'zhou.min@example.com'));
    expect(first).toMatchObject({ channel: 'email', customerName: 'Zhou Min', customerPhone: '', status: 'received' });
    // The receipt goes to the address only: no SMS to a number nobody gave.
    const receipts = await database.db.select().from(notifications).where(and(eq(notifications.complaintId, first.id), eq(notifications.audience, 'customer')));
    expect(receipts.map((n) => [n.channel, n.address])).toEqual([['email', 'zhou.min@example.com']]);

    // The same customer writes again about something else, still without a number: linked by the address.
    await imap.deliver(message({ From: 'zhou.min@example.com', Subject: 'Still waiting' }, '\nNobody has answered about the wrong invoice.\n'));
    expect(await pollMailbox(database, { url: imap.url })).toMatchObject({ fetched: 1, forms: 1 });
    const [second] = await database.db.select().from(complaints).where(and(eq(complaints.customerEmail, 'zhou.min@example.com'), ne(complaints.id, first.id)));
    const links = await database.db.select().from(complaintLinks).where(eq(complaintLinks.complaintId, second.id));
    expect(links.map((l) => [l.earlierId, l.reason])).toEqual([[first.id, 'email']]);
  });

  it('a hostile HTML-only body is stored as text; a killed importer loses no message and imports it once', async () => {
    const hostile = message(
      { From: 'x@example.com', Subject: '<img src=x onerror=alert(1)>', 'Content-Type': 'text/html; charset=utf-8' },
      '\n<html><body><script>alert(document.cookie)</script><p onclick="alert(2)">Door noise, call 13900139000</p><iframe src="javascript:alert(3)"></iframe><a href="javascript:alert(4)">click</a></body></html>\n',
    );
    await imap.deliver(hostile);
    // The process dies after the form's transaction committed, before \Seen was set.
    await expect(pollMailbox(database, { url: imap.url, afterCommit: () => { throw new Error('killed'); } })).rejects.toThrow('killed');
    expect(await imap.unseen()).toBe(1);
    const again = await pollMailbox(database, { url: imap.url });
    expect(again).toMatchObject({ fetched: 1, forms: 0, done: 1 });
    expect(await imap.unseen()).toBe(0);
    const forms = await database.db.select().from(complaints).where(eq(complaints.customerEmail, 'x@example.com'));
    expect(forms).toHaveLength(1);
    expect(forms[0].description).toContain('Door noise, call 13900139000');
    // The subject is text and stays text (escaped wherever it is shown); of the HTML body only its words remain.
    const [subject, ...body] = forms[0].description.split('\n\n');
    expect(subject).toBe('<img src=x onerror=alert(1)>');
    expect(body.join('\n\n')).toBe('Door noise, call 13900139000\n\nclick');
  });
});
