import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { complaints } from '@/db/schema';
import { applyEvent, createComplaint, type CommandActor } from '@/lib/complaints/commands';
import { loadPublicView, lookupByNumberAndCode, numberWindowMs } from '@/lib/public/tracking';
import { forEachBackend } from '@/tests/helpers/databases';
import { customerInput, setupDesk } from './fixtures';

forEachBackend('public tracking', (backend) => {
  let database: Database;
  let desk: CommandActor;
  beforeAll(async () => {
    database = await backend.open();
    ({ actor: desk } = await setupDesk(database.db));
  });

  const newForm = async () => (await createComplaint(database.db, customerInput(), null)).complaint;
  let ipSeq = 0;
  const ip = () => `192.0.2.${++ipSeq}`;

  it('finds the form by number and access code, forgiving case and spaces', async () => {
    const form = await newForm();
    const now = new Date();
    expect(await lookupByNumberAndCode(database.db, { number: form.number, code: form.accessCode, ip: ip() }, now)).toEqual({ kind: 'found', token: form.trackingToken });
    expect(await lookupByNumberAndCode(database.db, { number: ` ${form.number.toLowerCase()} `, code: form.accessCode.toLowerCase().replace(/(.{4})/, '$1 '), ip: ip() }, now)).toEqual({ kind: 'found', token: form.trackingToken });
  });

  it('answers a wrong code, an unknown number and an empty code alike', async () => {
    const form = await newForm();
    const answers = [
      await lookupByNumberAndCode(database.db, { number: form.number, code: 'WRONGCDE', ip: ip() }),
      await lookupByNumberAndCode(database.db, { number: 'KS-1999-000001', code: form.accessCode, ip: ip() }),
      await lookupByNumberAndCode(database.db, { number: form.number, code: '', ip: ip() }),
      await lookupByNumberAndCode(database.db, { number: undefined, code: null, ip: ip() }),
    ];
    for (const a of answers) expect(a).toEqual({ kind: 'not_found' });
  });

  it('locks a number for 15 minutes after 5 failures, with the same answer, even for the right code', async () => {
    const form = await newForm();
    const t0 = new Date(Date.now() + 3_600_000);
    for (let i = 0; i < 5; i++) {
      expect(await lookupByNumberAndCode(database.db, { number: form.number, code: `BAD${i}`, ip: ip() }, new Date(t0.getTime() + i * 1000))).toEqual({ kind: 'not_found' });
    }
    const during = new Date(t0.getTime() + 4000 + numberWindowMs - 1000);
    expect(await lookupByNumberAndCode(database.db, { number: form.number, code: form.accessCode, ip: ip() }, during)).toEqual({ kind: 'not_found' });
    const after = new Date(t0.getTime() + 4000 + numberWindowMs + 1000);
    expect(await lookupByNumberAndCode(database.db, { number: form.number, code: form.accessCode, ip: ip() }, after)).toEqual({ kind: 'found', token: form.trackingToken });
  });

  it('limits lookups per address (KESU_TRACK_IP_LIMIT a minute) and tells how long to wait', async () => {
    const form = await newForm();
    const address = ip();
    const now = new Date(Date.now() + 7_200_000);
    process.env.KESU_TRACK_IP_LIMIT = '3';
    try {
      for (let i = 0; i < 3; i++) expect((await lookupByNumberAndCode(database.db, { number: form.number, code: 'x', ip: address }, now)).kind).toBe('not_found');
      const limited = await lookupByNumberAndCode(database.db, { number: form.number, code: form.accessCode, ip: address }, now);
      expect(limited).toEqual({ kind: 'rate_limited', retryAfterMs: 60_000 });
      expect((await lookupByNumberAndCode(database.db, { number: form.number, code: form.accessCode, ip: ip() }, now)).kind).toBe('found');
    } finally {
      delete process.env.KESU_TRACK_IP_LIMIT;
    }
  });

  it('shows the customer only what is meant for them: no internal notes, no names, no accountability', async () => {
    const form = await newForm();
    const [dept] = await database.db.select({ id: complaints.departmentId }).from(complaints).where(eq(complaints.id, form.id));
    let version = form.version;
    const fire = async (event: Parameters<typeof applyEvent>[1]['event'], input: unknown) => {
      const r = await applyEvent(database.db, { complaintId: form.id, event, input, actor: desk, expectedVersion: version });
      version = r.complaint.version;
    };
    await fire('triage', { departmentId: dept.id!, severity: 'general', customerManagerId: desk.id });
    await fire('note', { text: '内部备注：当事人是马超', customerVisible: false });
    await fire('note', { text: '我们正在调查，明天回复您。', customerVisible: true });
    const view = await loadPublicView(database.db, form.trackingToken);
    expect(view).not.toBeNull();
    expect(view!.status).toBe('investigating');
    expect(view!.stepDueAt).toBeInstanceOf(Date);
    expect(view!.resolutionDueAt).toBeInstanceOf(Date);
    expect(view!.history.map((h) => h.type)).toEqual(['create', 'triage', 'note']);
    expect(view!.history.map((h) => h.actor)).toEqual(['customer', 'desk', 'desk']);
    const text = JSON.stringify(view);
    expect(text).toContain('明天回复您');
    expect(text).not.toContain('马超');
    expect(text).not.toContain('王丽'); // the desk member's name
    expect(text).not.toContain(desk.id);
    expect(text).not.toContain(form.accessCode);
    expect(view!.survey).toEqual({ open: false });
    expect(await loadPublicView(database.db, 'nope')).toBeNull();
  });
});
