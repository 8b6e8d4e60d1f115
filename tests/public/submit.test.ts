import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { attachments, complaints, notifications } from '@/db/schema';
import { attachmentPath } from '@/lib/attachments';
import { submitPublicComplaint, type PublicSubmission } from '@/lib/public/submit';
import { forEachBackend } from '@/tests/helpers/databases';
import { pngBytes, setupDesk } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-attach-'));
process.env.KESU_ATTACHMENTS_DIR = dir;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

forEachBackend('submitPublicComplaint', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await backend.open();
    await setupDesk(database.db);
  });

  let seq = 0;
  const submission = (over: Partial<PublicSubmission> = {}, fields: Record<string, unknown> = {}): PublicSubmission => ({
    fields: {
      idempotencyKey: crypto.randomUUID(),
      customerName: '林小姐',
      // Its own phone number and address each time: the per-phone and per-address limits of one test do not touch another.
      customerPhone: `138 0000 ${String(seq + 1).padStart(4, '0')}`,
      customerEmail: '',
      plate: '粤a·12345',
      subjectProduct: '',
      categoryCode: 'attitude',
      description: '前台接待态度冷淡。',
      customerRequest: '',
      ...fields,
    },
    photos: [],
    honeypot: '',
    ip: `198.51.100.${++seq}`,
    locale: 'en',
    ...over,
  });

  it('creates a web form in the page locale with its photos stored by content hash', async () => {
    const png = pngBytes();
    const r = await submitPublicComplaint(submission({ photos: [{ name: '../../etc/passwd.jpg', bytes: png }] }), undefined, database.db);
    expect(r.kind).toBe('created');
    if (r.kind !== 'created') return;
    const [form] = await database.db.select().from(complaints).where(eq(complaints.number, r.number));
    expect(form).toMatchObject({ channel: 'web', customerLocale: 'en', status: 'received', plate: '粤A·12345', customerEmail: null, accessCode: r.accessCode, trackingToken: r.trackingToken });
    const files = await database.db.select().from(attachments).where(eq(attachments.complaintId, form.id));
    expect(files).toHaveLength(1);
    // The stored name takes the extension of the detected type.
    expect(files[0]).toMatchObject({ mime: 'image/png', fromCustomer: true, size: png.length, filename: 'passwd.png' });
    expect(fs.readFileSync(attachmentPath(files[0].sha256, dir))).toEqual(Buffer.from(png));
    expect(attachmentPath(files[0].sha256, dir)).toBe(path.join(dir, files[0].sha256.slice(0, 2), files[0].sha256));
    // createComplaint queued the 'received' message with the number, code and link.
    const sms = await database.db.select().from(notifications).where(eq(notifications.complaintId, form.id));
    expect(sms.some((n) => n.audience === 'customer' && n.template === 'received' && n.locale === 'en')).toBe(true);
  });

  it('refuses a photo whose content is not an accepted image, whatever its name, and more than 3 photos', async () => {
    const before = (await database.db.select().from(complaints)).length;
    const fake = await submitPublicComplaint(submission({ photos: [{ name: 'photo.jpg', bytes: new Uint8Array(Buffer.from('<?php echo 1; ?>')) }] }), undefined, database.db);
    expect(fake).toEqual({ kind: 'invalid', fieldErrors: { photos: ['bad_type'] } });
    const many = await submitPublicComplaint(submission({ photos: Array.from({ length: 4 }, (_, i) => ({ name: `${i}.png`, bytes: pngBytes() })) }), undefined, database.db);
    expect(many.kind === 'invalid' && many.fieldErrors.photos).toContain('too_many');
    const invalid = await submitPublicComplaint(submission({}, { customerPhone: 'abc', categoryCode: '' }), undefined, database.db);
    expect(invalid.kind === 'invalid' && Object.keys(invalid.fieldErrors).sort()).toEqual(['categoryCode', 'customerPhone']);
    expect((await database.db.select().from(complaints)).length).toBe(before);
  });

  it('a double submit with the same key is one form; a filled honeypot pretends success and creates nothing', async () => {
    const s = submission();
    const [a, b] = await Promise.all([submitPublicComplaint(s, undefined, database.db), submitPublicComplaint(s, undefined, database.db)]);
    expect(a).toEqual(b);
    const before = (await database.db.select().from(complaints)).length;
    const bot = await submitPublicComplaint(submission({ honeypot: 'http://spam.example' }), undefined, database.db);
    expect(bot.kind).toBe('created');
    expect((await database.db.select().from(complaints)).length).toBe(before);
  });

  const withEnv = async (vars: Record<string, string>, run: () => Promise<void>) => {
    Object.assign(process.env, vars);
    try {
      await run();
    } finally {
      for (const k of Object.keys(vars)) delete process.env[k];
    }
  };

  it('limits submissions per address (KESU_SUBMIT_LIMIT an hour), invalid ones included', () =>
    withEnv({ KESU_SUBMIT_LIMIT: '3' }, async () => {
      const ip = '203.0.113.99';
      expect((await submitPublicComplaint(submission({ ip }), undefined, database.db)).kind).toBe('created');
      expect((await submitPublicComplaint(submission({ ip }, { customerPhone: 'abc' }), undefined, database.db)).kind).toBe('invalid');
      expect((await submitPublicComplaint(submission({ ip }), undefined, database.db)).kind).toBe('created');
      const limited = await submitPublicComplaint(submission({ ip }), undefined, database.db);
      expect(limited).toMatchObject({ kind: 'rate_limited', scope: 'address' });
      expect(limited.kind === 'rate_limited' && limited.retryAfterMs).toBeGreaterThan(3_500_000);
      // Invalid ones are refused too once the limit is reached: a robot cannot probe for free.
      expect((await submitPublicComplaint(submission({ ip }, { customerPhone: 'abc' }), undefined, database.db)).kind).toBe('rate_limited');
      expect((await submitPublicComplaint(submission({ ip: '203.0.113.100' }), undefined, database.db)).kind).toBe('created');
    }));

  it('limits accepted submissions per phone number (KESU_SUBMIT_PHONE_LIMIT a day), however it is spaced, from any address', () =>
    withEnv({ KESU_SUBMIT_PHONE_LIMIT: '2' }, async () => {
      const phone = (s: string) => ({ customerPhone: s });
      expect((await submitPublicComplaint(submission({}, phone('139 1111 2222')), undefined, database.db)).kind).toBe('created');
      expect((await submitPublicComplaint(submission({}, phone('13911112222')), undefined, database.db)).kind).toBe('created');
      const limited = await submitPublicComplaint(submission({}, phone('139-1111-2222')), undefined, database.db);
      expect(limited).toMatchObject({ kind: 'rate_limited', scope: 'phone' });
      expect(limited.kind === 'rate_limited' && limited.retryAfterMs).toBeGreaterThan(23 * 3_600_000);
      expect((await submitPublicComplaint(submission({}, phone('139 1111 3333')), undefined, database.db)).kind).toBe('created');
    }));

  it('counts uploaded bytes per address a day (KESU_SUBMIT_BYTES_PER_DAY), refused photos included', () =>
    withEnv({ KESU_SUBMIT_BYTES_PER_DAY: String(3 * 1024) }, async () => {
      const ip = '203.0.113.150';
      const png = pngBytes(); // 70 bytes: counts as 1 KiB
      const junk = { name: 'x.jpg', bytes: new Uint8Array(1500) }; // not an image: refused, but its 2 KiB were received
      expect((await submitPublicComplaint(submission({ ip, photos: [junk] }), undefined, database.db)).kind).toBe('invalid');
      expect((await submitPublicComplaint(submission({ ip, photos: [{ name: 'a.png', bytes: png }] }), undefined, database.db)).kind).toBe('created');
      const limited = await submitPublicComplaint(submission({ ip, photos: [{ name: 'b.png', bytes: png }] }), undefined, database.db);
      expect(limited).toMatchObject({ kind: 'rate_limited', scope: 'bytes' });
      // Without photos the same address may still send its complaint.
      expect((await submitPublicComplaint(submission({ ip }), undefined, database.db)).kind).toBe('created');
    }));

  it('a failure on the server side does not count against the customer', () =>
    withEnv({ KESU_SUBMIT_LIMIT: '1', KESU_SUBMIT_PHONE_LIMIT: '1' }, async () => {
      const ip = '203.0.113.200';
      const fields = { customerPhone: '137 0000 9999' };
      const blocker = path.join(dir, 'not-a-folder');
      fs.writeFileSync(blocker, 'x');
      process.env.KESU_ATTACHMENTS_DIR = path.join(blocker, 'sub'); // storing the photo fails
      try {
        await expect(submitPublicComplaint(submission({ ip, photos: [{ name: 'a.png', bytes: pngBytes() }] }, fields), undefined, database.db)).rejects.toThrow();
      } finally {
        process.env.KESU_ATTACHMENTS_DIR = dir;
      }
      expect((await submitPublicComplaint(submission({ ip, photos: [{ name: 'a.png', bytes: pngBytes() }] }, fields), undefined, database.db)).kind).toBe('created');
    }));
});
