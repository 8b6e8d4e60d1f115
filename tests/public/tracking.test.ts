import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { complaints, departments, notifications, users } from '@/db/schema';
import { applyEvent, createComplaint, type CommandActor } from '@/lib/complaints/commands';
import { loadPublicView, lookupByNumberAndCode, trackPairWindowMs } from '@/lib/public/tracking';
import { forEachBackend } from '@/tests/helpers/databases';
import { customerInput, setupDesk } from './fixtures';

forEachBackend('public tracking', (backend) => {
  let database: Database;
  let desk: CommandActor;
  beforeAll(async () => {
    database = await backend.open();
    ({ actor: desk } = await setupDesk(database.db));
  });

  const newForm = async () => (await createComplaint(customerInput(), null, undefined, database.db)).complaint;
  let ipSeq = 0;
  const ip = () => `192.0.2.${++ipSeq}`;

  it('finds the form by number and access code, forgiving case and spaces', async () => {
    const form = await newForm();
    const now = new Date();
    expect(await lookupByNumberAndCode({ number: form.number, code: form.accessCode, ip: ip() }, now, database.db)).toEqual({ kind: 'found', token: form.trackingToken });
    expect(await lookupByNumberAndCode({ number: ` ${form.number.toLowerCase()} `, code: form.accessCode.toLowerCase().replace(/(.{4})/, '$1 '), ip: ip() }, now, database.db)).toEqual({ kind: 'found', token: form.trackingToken });
  });

  it('answers a wrong code, an unknown number and an empty code alike', async () => {
    const form = await newForm();
    const answers = [
      await lookupByNumberAndCode({ number: form.number, code: 'WRONGCDE', ip: ip() }, undefined, database.db),
      await lookupByNumberAndCode({ number: 'KS-1999-000001', code: form.accessCode, ip: ip() }, undefined, database.db),
      await lookupByNumberAndCode({ number: form.number, code: '', ip: ip() }, undefined, database.db),
      await lookupByNumberAndCode({ number: undefined, code: null, ip: ip() }, undefined, database.db),
    ];
    for (const a of answers) expect(a).toEqual({ kind: 'not_found' });
  });

  const withEnv = async (vars: Record<string, string>, run: () => Promise<void>) => {
    Object.assign(process.env, vars);
    try {
      await run();
    } finally {
      for (const k of Object.keys(vars)) delete process.env[k];
    }
  };
  const lookup = (number: string, code: string, address: string, now = new Date()) => lookupByNumberAndCode({ number, code, ip: address }, now, database.db);

  it("a stranger's wrong codes never keep the customer out: the right code still works from another address", async () => {
    const form = await newForm();
    const now = new Date(Date.now() + 3_600_000);
    // 40 wrong codes from 8 addresses, 5 each (the most each address may try for this number).
    for (let a = 0; a < 8; a++) {
      const stranger = ip();
      for (let i = 0; i < 5; i++) expect(await lookup(form.number, `BAD${a}X${i}`, stranger, now)).toEqual({ kind: 'not_found' });
      expect(await lookup(form.number, 'BADAGAIN', stranger, now)).toMatchObject({ kind: 'rate_limited', scope: 'pair' });
    }
    expect(await lookup(form.number, form.accessCode, ip(), now)).toEqual({ kind: 'found', token: form.trackingToken });
    // And the private link never depended on any of it.
    expect((await loadPublicView(form.trackingToken, database.db))?.number).toBe(form.number);
  });

  it('limits wrong codes per number and address (KESU_TRACK_PAIR_FAILURES an hour), also in parallel; the right code resets it', () =>
    withEnv({ KESU_TRACK_IP_LIMIT: '100' }, async () => {
      const form = await newForm();
      const other = await newForm();
      const address = ip();
      const now = new Date(Date.now() + 2 * 3_600_000);
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => lookup(form.number, `WRONG${i}`, address, now)));
      expect(answers.filter((a) => a.kind === 'not_found')).toHaveLength(5); // at most 5 codes compared
      expect(answers.filter((a) => a.kind === 'rate_limited' && a.scope === 'pair')).toHaveLength(15);
      const limited = await lookup(form.number, form.accessCode, address, new Date(now.getTime() + 1000));
      expect(limited).toEqual({ kind: 'rate_limited', scope: 'pair', retryAfterMs: trackPairWindowMs - 1000 });
      // Another number from the same address is not affected; after the hour this one is open again.
      expect((await lookup(other.number, other.accessCode, address, new Date(now.getTime() + 2000))).kind).toBe('found');
      const later = new Date(now.getTime() + trackPairWindowMs + 1);
      for (let i = 0; i < 4; i++) expect((await lookup(form.number, `TYPO${i}`, address, later)).kind).toBe('not_found');
      expect((await lookup(form.number, form.accessCode, address, later)).kind).toBe('found');
      for (let i = 0; i < 4; i++) expect((await lookup(form.number, `TYPO${i}`, address, later)).kind).toBe('not_found');
    }));

  it('limits wrong lookups per address a day, all numbers together (KESU_TRACK_IP_DAILY_FAILURES)', () =>
    withEnv({ KESU_TRACK_IP_DAILY_FAILURES: '3', KESU_TRACK_IP_LIMIT: '100' }, async () => {
      const address = ip();
      const now = new Date(Date.now() + 3 * 3_600_000);
      const form = await newForm();
      for (let i = 0; i < 3; i++) expect((await lookup(`KS-1999-00010${i}`, 'ABCDEFGH', address, now)).kind).toBe('not_found');
      expect(await lookup(form.number, form.accessCode, address, now)).toMatchObject({ kind: 'rate_limited', scope: 'day' });
      expect((await lookup(form.number, form.accessCode, ip(), now)).kind).toBe('found');
    }));

  it('many wrong codes for one number in a day alert its customer manager once, and lock nothing', () =>
    withEnv({ KESU_TRACK_NUMBER_DAILY_ALERT: '3' }, async () => {
      const form = await newForm();
      const now = new Date(Date.now() + 4 * 3_600_000);
      const alerts = () =>
        database.db.select().from(notifications).where(and(eq(notifications.complaintId, form.id), eq(notifications.template, 'tracking_attempts')));
      expect(await lookup(form.number, 'WRONG001', ip(), now)).toEqual({ kind: 'not_found' });
      expect(await lookup(form.number, 'WRONG002', ip(), now)).toEqual({ kind: 'not_found' });
      expect(await alerts()).toHaveLength(0);
      expect(await lookup(form.number, 'WRONG003', ip(), now)).toEqual({ kind: 'not_found', alerted: true });
      expect(await lookup(form.number, 'WRONG004', ip(), now)).toEqual({ kind: 'not_found' });
      const sent = await alerts();
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ audience: 'customer_manager', channel: 'inbox', recipientUserId: desk.id, payload: { number: form.number, attempts: 3 } });
      expect((await lookup(form.number, form.accessCode, ip(), now)).kind).toBe('found');
    }));

  it('limits lookups per address (KESU_TRACK_IP_LIMIT a minute) and tells how long to wait', async () => {
    const form = await newForm();
    const address = ip();
    const now = new Date(Date.now() + 7_200_000);
    process.env.KESU_TRACK_IP_LIMIT = '3';
    try {
      for (let i = 0; i < 3; i++) expect((await lookupByNumberAndCode({ number: form.number, code: 'x', ip: address }, now, database.db)).kind).toBe('not_found');
      const limited = await lookupByNumberAndCode({ number: form.number, code: form.accessCode, ip: address }, now, database.db);
      expect(limited).toEqual({ kind: 'rate_limited', scope: 'minute', retryAfterMs: 60_000 });
      expect((await lookupByNumberAndCode({ number: form.number, code: form.accessCode, ip: ip() }, now, database.db)).kind).toBe('found');
    } finally {
      delete process.env.KESU_TRACK_IP_LIMIT;
    }
  });

  it('shows the customer only what is meant for them: no internal notes, no names, no accountability', async () => {
    const form = await newForm();
    const [dept] = await database.db.select({ id: complaints.departmentId }).from(complaints).where(eq(complaints.id, form.id));
    let version = form.version;
    const fire = async (event: Parameters<typeof applyEvent>[0]['event'], input: unknown) => {
      const r = await applyEvent({ complaintId: form.id, event, input, actor: desk, expectedVersion: version }, undefined, database.db);
      version = r.complaint.version;
    };
    // Triage needs someone in the department who can act on the form.
    const [head] = await database.db.insert(users).values({ siteId: desk.siteId, login: 'tracking-head', name: '张强', role: 'department', departmentId: dept.id!, passwordHash: 'x' }).returning();
    await database.db.update(departments).set({ headUserId: head.id }).where(eq(departments.id, dept.id!));
    await fire('triage', { departmentId: dept.id!, severity: 'general', followUpWanted: true, customerManagerId: desk.id });
    await fire('note', { text: '内部备注：当事人是马超', customerVisible: false });
    await fire('note', { text: '我们正在调查，明天回复您。', customerVisible: true });
    const view = await loadPublicView(form.trackingToken, database.db);
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
    expect(await loadPublicView('nope', database.db)).toBeNull();
  });
});
