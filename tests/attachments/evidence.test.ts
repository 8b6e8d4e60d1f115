import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, type Fixture } from '@/tests/commands/fixtures';
import { addEvidence, readEvidence, sniffEvidence } from '@/lib/complaints/attachments';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { CommandError } from '@/lib/complaints/errors';
import { pngBytes } from '@/tests/public/fixtures';

// A whole 1×1 PNG: the content check now reads the pixel dimensions, a bare signature is refused.
const png = pngBytes();
const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\n');
const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');

describe('sniffEvidence', () => {
  it('recognises photos and PDFs by content, not by name', async () => {
    expect(await sniffEvidence(png)).toBe('image/png');
    expect(await sniffEvidence(pdf)).toBe('application/pdf');
    expect(await sniffEvidence(html)).toBeNull();
  });
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-evidence-'));
beforeAll(() => {
  process.env.KESU_ATTACHMENTS_DIR = dir;
});
afterAll(() => {
  delete process.env.KESU_ATTACHMENTS_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

forEachBackend('staff evidence', (backend) => {
  let fx: Fixture;
  const user = async (login: keyof Fixture['actors']) => (await loadStaffUser(fx.actors[login].id, fx.db)) as StaffUser;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  it('stores a photo and a PDF for staff who may see the form, and serves them only to them', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude' }); // the service department's
    const service = await user('service');
    expect(await addEvidence({ complaintId: form.id, user: service, files: [{ name: '../../etc/现场.png', bytes: png }, { name: 'invoice.pdf', bytes: pdf }] }, undefined, fx.db)).toBe(2);
    const [first] = await fx.database.execute(`select id, filename, mime from attachments where complaint_id = '${form.id}' order by filename`);
    expect(first).toMatchObject({ filename: 'invoice.pdf', mime: 'application/pdf' });
    const read = await readEvidence(service, String(first.id), fx.db);
    expect(Buffer.from(read!.bytes).equals(Buffer.from(pdf))).toBe(true);
    // Another department's head may not see the form, so not its files either.
    expect(await readEvidence(await user('parts'), String(first.id), fx.db)).toBeNull();
    const names = (await fx.database.execute(`select filename from attachments where complaint_id = '${form.id}'`)).map((r) => r.filename);
    expect(names).toContain('现场.png'); // no path survives
  });

  it('refuses a file that is neither a photo nor a PDF, whatever its name', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude' });
    const err = await addEvidence({ complaintId: form.id, user: await user('service'), files: [{ name: 'photo.jpg', bytes: html }] }, undefined, fx.db).catch((e) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(err.code).toBe('upload_bad_type');
    expect(err.params).toEqual({ file: 'photo.jpg' });
    expect(await fx.database.execute(`select id from attachments where complaint_id = '${form.id}'`)).toHaveLength(0);
  });

  it('refuses an involved party and a department that does not own the form', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude', partyUserIds: [fx.actors.machao.id] });
    const party = await addEvidence({ complaintId: form.id, user: await user('machao'), files: [{ name: 'a.png', bytes: png }] }, undefined, fx.db).catch((e) => e);
    expect(party.code).toBe('involved_party');
    const other = await addEvidence({ complaintId: form.id, user: await user('parts'), files: [{ name: 'a.png', bytes: png }] }, undefined, fx.db).catch((e) => e);
    expect(other.code).toBe('not_found');
  });
});
