import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { users } from '@/db/schema';
import { raiseCoverAlerts } from '@/lib/cover/alerts';
import { setOwnAbsence } from '@/lib/cover/absence';
import { listInbox } from '@/lib/notify/inbox';

const determination = (fx: Fixture) => ({
  founded: true,
  responsibleDepartmentId: fx.dept.service,
  rootCause: '接待高峰时段人员不足。',
  responsiblePerson: '马超',
  remedyProposal: { kind: 'apology', description: '书面致歉' },
  preventiveAction: '纳入月度培训。',
  customerContacted: true,
});

forEachBackend('absence cover', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  it('staff mark their own absence through a day, and clear it', async () => {
    const me = fx.actors.liming;
    expect(await setOwnAbsence(me, { absentThrough: '2026-11-05' }, T0, fx.db)).toBe('2026-11-05');
    const [row] = await fx.db.select({ absentUntil: users.absentUntil }).from(users).where(eq(users.id, me.id));
    expect(row.absentUntil?.toISOString()).toBe('2026-11-05T16:00:00.000Z'); // the next local midnight, Asia/Shanghai
    await expect(setOwnAbsence(me, { absentThrough: '2026-11-01' }, T0, fx.db)).rejects.toMatchObject({ code: 'due_in_past' });
    expect(await setOwnAbsence(me, { absentThrough: '' }, T0, fx.db)).toBeNull();
    const [back] = await fx.db.select({ absentUntil: users.absentUntil }).from(users).where(eq(users.id, me.id));
    expect(back.absentUntil).toBeNull();
  });

  it('an absent head’s form alerts the secondary once, in the history, and the secondary may submit the determination', async () => {
    const form = await fx.create(T0);
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true, customerManagerId: fx.actors.chenchen.id }, T0);
    expect(await raiseCoverAlerts(fx.db, at(T0, 1))).toBe(0); // the head is at work
    await fx.db.update(users).set({ absentUntil: at(T0, 48) }).where(eq(users.id, fx.actors.service.id));
    try {
      expect(await raiseCoverAlerts(fx.db, at(T0, 2))).toBe(1);
      expect(await raiseCoverAlerts(fx.db, at(T0, 3))).toBe(0); // once
      const rows = await fx.database.execute(`select recipient_user_id from notifications where complaint_id = '${form.id}' and template = 'cover_alert'`);
      expect(rows.map((r) => r.recipient_user_id)).toEqual([fx.actors.zhaogang.id]);
      const inbox = await listInbox(fx.actors.zhaogang.id, 'zh-CN', { form: form.number }, fx.db);
      expect(inbox.find((n) => n.template === 'cover_alert')?.subject).toContain(fx.actors.service.name);
      const alert = (await form.history()).at(-1)!;
      expect(alert).toMatchObject({ type: 'cover_alert', customerVisible: false, actorRole: 'system', payload: { absent: fx.actors.service.name, cover: fx.actors.zhaogang.name } });
      form.version = alert.version;
      const row = await form.fire('submit_determination', 'zhaogang', determination(fx), at(T0, 4));
      expect(row.status).toBe('management_review');
      expect((await form.history()).at(-1)).toMatchObject({ type: 'submit_determination', actorId: fx.actors.zhaogang.id });
      // The secondary away too: management hears that nobody can stand in.
      const second = await fx.create(at(T0, 5));
      await second.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true }, at(T0, 5));
      await fx.db.update(users).set({ absentUntil: at(T0, 48) }).where(eq(users.id, fx.actors.zhaogang.id));
      expect(await raiseCoverAlerts(fx.db, at(T0, 6))).toBe(1);
      const missing = await fx.database.execute(`select audience from notifications where complaint_id = '${second.id}' and template = 'cover_missing'`);
      expect(missing.length).toBeGreaterThan(0);
      expect(missing.every((r) => r.audience === 'management')).toBe(true);
    } finally {
      await fx.db.update(users).set({ absentUntil: null }).where(eq(users.id, fx.actors.service.id));
      await fx.db.update(users).set({ absentUntil: null }).where(eq(users.id, fx.actors.zhaogang.id));
    }
  });
});
