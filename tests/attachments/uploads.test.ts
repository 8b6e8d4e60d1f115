/**
 * Uploads (issue 9, findings 9 and 10): the type by content (file-type), pixel dimensions
 * (image-size), the stored name's extension from the detected type, the response headers, and
 * evidence only on open forms, each upload an `evidence_added` history row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, complaintEvents, complaints } from '@/db/schema';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { addEvidence } from '@/lib/complaints/attachments';
import { attachmentHeaders } from '@/lib/complaints/attachment-response';
import { CommandError } from '@/lib/complaints/errors';
import { submitPublicComplaint } from '@/lib/public/submit';
import { inspectUpload, maxImagePixels, maxImageSide, storedFilename } from '@/lib/uploads';
import { evidenceMimes, imageMimes, replay, type EventName, type State } from '@/lib/workflow';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { pngBytes } from '@/tests/public/fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-uploads-'));
process.env.KESU_ATTACHMENTS_DIR = dir;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// ---- test files, built byte by byte --------------------------------------------------------

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const box = (type: string, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, 'latin1'), body]);
};
const ftypHeic = box('ftyp', Buffer.from('heic', 'latin1'), u32(0), Buffer.from('mif1heic', 'latin1'));
/** A HEIC container that declares its image size (ispe) the way phones write it. */
const heic = (width: number, height: number) =>
  Buffer.concat([ftypHeic, box('meta', u32(0), box('iprp', box('ipco', box('ispe', u32(0), u32(width), u32(height)))))]);
const script = Buffer.from('<html><script>alert(document.cookie)</script></html>', 'latin1');
/** A PNG whose header claims width × height (the rest does not matter to a size check). */
const pngClaiming = (width: number, height: number) => {
  const b = Buffer.from(pngBytes());
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return Buffer.concat([b, Buffer.alloc(420_000)]); // about the 420 kB of the report
};
const jpeg = (width: number, height: number) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0]),
    Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
    Buffer.from([0xff, 0xd9]),
  ]);
const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const opts = { allowed: evidenceMimes, maxBytes: 10 * 1024 * 1024 };

describe('inspectUpload', () => {
  it('recognises JPEG, PNG, HEIC and PDF by content and reads image dimensions', async () => {
    expect(await inspectUpload(jpeg(640, 480), opts)).toEqual({ ok: true, mime: 'image/jpeg', ext: 'jpg', width: 640, height: 480 });
    expect(await inspectUpload(pngBytes(), opts)).toEqual({ ok: true, mime: 'image/png', ext: 'png', width: 1, height: 1 });
    expect(await inspectUpload(heic(4032, 3024), opts)).toMatchObject({ ok: true, mime: 'image/heic', ext: 'heic', width: 4032, height: 3024 });
    expect(await inspectUpload(pdf, opts)).toEqual({ ok: true, mime: 'application/pdf', ext: 'pdf' });
  });

  it('a HEIC header followed by HTML is not an image', async () => {
    expect(await inspectUpload(Buffer.concat([ftypHeic, script]), opts)).toEqual({ ok: false, refusal: 'not_image' });
  });

  it('refuses decompression bombs by their declared pixels: 12,000 × 12,000 from a 420 kB PNG', async () => {
    expect(await inspectUpload(pngClaiming(12_000, 12_000), opts)).toEqual({ ok: false, refusal: 'too_many_pixels' });
    expect(await inspectUpload(pngClaiming(maxImageSide + 1, 10), opts)).toEqual({ ok: false, refusal: 'too_many_pixels' });
    expect(await inspectUpload(pngClaiming(7_000, 7_000), opts)).toEqual({ ok: true, mime: 'image/png', ext: 'png', width: 7_000, height: 7_000 });
    expect(7_000 * 7_000).toBeLessThanOrEqual(maxImagePixels);
    expect(await inspectUpload(heic(12_000, 9_000), opts)).toEqual({ ok: false, refusal: 'too_many_pixels' });
  });

  it('refuses HTML, scripts, empty and oversized files, and PDFs where only photos are allowed', async () => {
    expect(await inspectUpload(script, opts)).toEqual({ ok: false, refusal: 'bad_type' });
    expect(await inspectUpload(new Uint8Array(), opts)).toEqual({ ok: false, refusal: 'empty' });
    expect(await inspectUpload(new Uint8Array(11), { ...opts, maxBytes: 10 })).toEqual({ ok: false, refusal: 'too_large' });
    expect(await inspectUpload(pdf, { allowed: imageMimes, maxBytes: 1e7 })).toEqual({ ok: false, refusal: 'bad_type' });
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(await inspectUpload(gif, opts)).toEqual({ ok: false, refusal: 'bad_type' });
  });
});

describe('storedFilename', () => {
  it('takes the extension of the detected type and keeps no path or control characters', () => {
    expect(storedFilename('invoice.html', 'heic')).toBe('invoice.heic');
    expect(storedFilename('../../etc/现场.PNG', 'png')).toBe('现场.png');
    expect(storedFilename('a\u0000b\u202e.txt', 'pdf')).toBe('ab.pdf');
    expect(storedFilename('.html', 'jpg', 'photo')).toBe('photo.jpg');
    expect(storedFilename('report.tar.gz', 'pdf')).toBe('report.tar.pdf');
  });
});

describe('attachment response headers', () => {
  it('images inline, everything else as a download; always sandboxed and nosniff', () => {
    const img = attachmentHeaders({ mime: 'image/heic', size: 10, filename: 'invoice.heic' });
    expect(img['content-disposition']).toMatch(/^inline; /);
    const doc = attachmentHeaders({ mime: 'application/pdf', size: 10, filename: '发票.pdf' });
    expect(doc['content-disposition']).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('发票.pdf')}`);
    for (const h of [img, doc]) {
      expect(h['content-security-policy']).toBe('sandbox');
      expect(h['x-content-type-options']).toBe('nosniff');
    }
    // A row stored before names followed the type is served by its type as well.
    expect(attachmentHeaders({ mime: 'image/heic', size: 10, filename: 'invoice.html' })['content-disposition']).toContain('invoice.heic');
    expect(attachmentHeaders({ mime: 'text/html', size: 10, filename: 'x.html' })['content-disposition']).toMatch(/^attachment/);
  });
});

forEachBackend('evidence on forms', (backend) => {
  let fx: Fixture;
  const user = async (login: keyof Fixture['actors']) => (await loadStaffUser(fx.actors[login].id, fx.db)) as StaffUser;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });
  const history = (id: string) => fx.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, id)).orderBy(asc(complaintEvents.version));
  const files = (id: string) => fx.db.select().from(attachments).where(eq(attachments.complaintId, id));

  it('each upload is one internal evidence_added row that changes no state; names follow the type', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude' });
    const desk = await user('desk');
    expect(await addEvidence({ complaintId: form.id, user: desk, files: [{ name: 'invoice.html', bytes: heic(4032, 3024) }, { name: 'scan', bytes: pdf }] }, at(T0, 1), fx.db)).toBe(2);
    const rows = await history(form.id);
    expect(rows.map((r) => r.type)).toEqual(['create', 'evidence_added']);
    const ev = rows[1];
    expect(ev).toMatchObject({ fromState: 'received', toState: 'received', actorId: fx.actors.desk.id, customerVisible: false, version: 2 });
    expect(ev.payload).toEqual({
      files: [
        { filename: 'invoice.heic', mime: 'image/heic', size: heic(4032, 3024).length, width: 4032, height: 3024 },
        { filename: 'scan.pdf', mime: 'application/pdf', size: pdf.length },
      ],
    });
    expect((await form.row()).version).toBe(2);
    expect((await files(form.id)).map((f) => f.filename).sort()).toEqual(['invoice.heic', 'scan.pdf']);
    expect(() => replay(rows.slice(1).map((r) => ({ event: r.type as EventName, to: r.toState as State })))).not.toThrow();
  });

  it('refuses uploads on archived, rejected and withdrawn forms, in the command layer', async () => {
    for (const status of ['archived', 'rejected', 'withdrawn'] as const) {
      const form = await fx.create(T0, { categoryCode: 'attitude' });
      await fx.db.update(complaints).set({ status }).where(eq(complaints.id, form.id));
      const err = await addEvidence({ complaintId: form.id, user: await user('desk'), files: [{ name: 'a.png', bytes: pngBytes() }] }, undefined, fx.db).catch((e: unknown) => e);
      expect(err, status).toBeInstanceOf(CommandError);
      expect((err as CommandError).code).toBe('terminal');
      expect(await files(form.id)).toHaveLength(0);
      expect((await history(form.id)).map((r) => r.type)).toEqual(['create']);
    }
  });

  it('a HEIC header with HTML after it, or a 12,000 × 12,000 PNG, is refused and stores nothing', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude' });
    for (const bytes of [Buffer.concat([ftypHeic, script]), pngClaiming(12_000, 12_000)]) {
      const err = await addEvidence({ complaintId: form.id, user: await user('desk'), files: [{ name: 'invoice.html', bytes }] }, undefined, fx.db).catch((e: unknown) => e);
      expect((err as CommandError).code).toMatch(/^upload_(bad_type|not_image|too_many_pixels)$/);
      expect((err as CommandError).params.file).toBe('invoice.html');
    }
    expect(await files(form.id)).toHaveLength(0);
  });

  it("the customer's photos are attached with a customer-visible evidence_added row by the customer", async () => {
    const r = await submitPublicComplaint({
      fields: { idempotencyKey: crypto.randomUUID(), customerName: '林小姐', customerPhone: '138 0000 0000', categoryCode: 'attitude', description: '前台接待态度冷淡。' },
      photos: [{ name: 'scratch.html', bytes: jpeg(800, 600) }],
      honeypot: '',
      ip: '198.51.100.200',
      locale: 'zh-CN',
    }, undefined, fx.db);
    expect(r.kind).toBe('created');
    const [form] = await fx.db.select().from(complaints).where(eq(complaints.number, r.kind === 'created' ? r.number : ''));
    const rows = await history(form.id);
    expect(rows.map((x) => [x.type, x.actorRole, x.customerVisible])).toEqual([
      ['create', 'customer', true],
      ['evidence_added', 'customer', true],
    ]);
    expect(rows[1].payload).toEqual({ files: [{ filename: 'scratch.jpg', mime: 'image/jpeg', size: jpeg(800, 600).length, width: 800, height: 600 }] });
    expect(form.version).toBe(2);
    const [att] = await fx.db.select().from(attachments).where(and(eq(attachments.complaintId, form.id), eq(attachments.fromCustomer, true)));
    expect(att).toMatchObject({ filename: 'scratch.jpg', mime: 'image/jpeg' });
    const bomb = await submitPublicComplaint({
      fields: { idempotencyKey: crypto.randomUUID(), customerName: '林小姐', customerPhone: '138 0000 0000', categoryCode: 'attitude', description: '前台接待态度冷淡。' },
      photos: [{ name: 'big.png', bytes: pngClaiming(12_000, 12_000) }],
      honeypot: '',
      ip: '198.51.100.201',
      locale: 'zh-CN',
    }, undefined, fx.db);
    expect(bomb).toEqual({ kind: 'invalid', fieldErrors: { photos: ['too_many_pixels'] } });
  });
});
