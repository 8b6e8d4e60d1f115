/** Retention (PIPL): closed forms are anonymised by a job after the period the admin sets. */
import { beforeAll, expect, it } from 'vitest';
import { asc, eq, inArray } from 'drizzle-orm';
import { adminAudit, complaints } from '@/db/schema';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { monthlyReport } from '@/lib/complaints/reports';
import { loadRetentionYears, PrivacyError, runRetention, saveRetentionYears, setLegalHold } from '@/lib/privacy';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';

const DAY = 24;
const YEAR = 365 * DAY;

forEachBackend('retention', (backend) => {
  let fx: Fixture;
  let admin: StaffUser;
  let desk: StaffUser;
  beforeAll(async () => {
    fx = await openFixture(backend);
    admin = (await loadStaffUser(fx.actors.admin.id, fx.db))!;
    desk = (await loadStaffUser(fx.actors.desk.id, fx.db))!;
  });

  it('keeps 3 years by default; the admin sets the period, recorded in the audit log', async () => {
    expect(await loadRetentionYears(fx.db)).toBe(3);
    const err = await saveRetentionYears(desk, 1, fx.db).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(PrivacyError);
    await saveRetentionYears(admin, 5, fx.db);
    await saveRetentionYears(admin, 3, fx.db);
    expect(await loadRetentionYears(fx.db)).toBe(3);
    const rows = await fx.db.select().from(adminAudit).where(eq(adminAudit.action, 'retention.update')).orderBy(asc(adminAudit.id));
    expect(rows.map((r) => [r.actorUserId, r.before, r.after])).toEqual([
      [admin.id, { years: 3 }, { years: 5 }],
      [admin.id, { years: 5 }, { years: 3 }],
    ]);
  });

  it('anonymises only the closed forms past the period and not on hold, in batches, once; reports keep their counts', async () => {
    const customer = (n: number) => ({ customerName: `保留${n}号客户`, customerPhone: `1371111${String(n).padStart(4, '0')}` });
    // Closed (rejected) at T0 + 1 h: due after 3 years.
    const old = [];
    for (let n = 1; n <= 5; n++) {
      const f = await fx.create(T0, customer(n));
      await f.fire('reject', 'desk', { explanation: '经核实不属于我店责任。' }, at(T0, 1));
      old.push(f);
    }
    // Withdrawn at T0 + 1 h, but under legal hold.
    const held = await fx.create(T0, customer(6));
    await held.fire('withdraw', 'desk', { reason: '客户撤诉' }, at(T0, 1));
    await setLegalHold(admin, held.number, '仲裁进行中', undefined, fx.db);
    // Closed two years later: not due yet.
    const recent = await fx.create(at(T0, 2 * YEAR), customer(7));
    await recent.fire('reject', 'desk', { explanation: '不属于我店责任。' }, at(T0, 2 * YEAR + 1));
    // Received at T0 and still open: never anonymised, however old.
    const open = await fx.create(T0, customer(8));

    const report = () => monthlyReport(admin, '2026-11', 'Asia/Shanghai', fx.db);
    const before = await report();
    const now = at(T0, 3 * YEAR + 10 * DAY);
    const first = await runRetention(fx.db, now, { batchSize: 2 });
    expect(first).toMatchObject({ years: 3, anonymised: 5 });
    expect(first.numbers.sort()).toEqual(old.map((f) => f.number).sort());

    const rows = await fx.db.select().from(complaints).where(inArray(complaints.id, [...old, held, recent, open].map((f) => f.id)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const f of old) expect(byId.get(f.id)).toMatchObject({ customerName: '***', customerPhone: '***', status: 'rejected', anonymisedAt: now });
    for (const f of [held, recent, open]) expect(byId.get(f.id)!.anonymisedAt).toBeNull();
    expect(byId.get(held.id)!.customerName).toBe('保留6号客户');
    // Three batches of at most 2: three audit rows by the system, naming the forms.
    const audit = await fx.db.select().from(adminAudit).where(eq(adminAudit.action, 'retention.anonymise')).orderBy(asc(adminAudit.id));
    expect(audit.map((r) => r.actorUserId)).toEqual([null, null, null]);
    expect(audit.flatMap((r) => (r.after as { forms: string[] }).forms).sort()).toEqual(old.map((f) => f.number).sort());
    expect(JSON.stringify(audit)).not.toContain('保留');
    // Reports count anonymised forms as before.
    expect(await report()).toEqual(before);

    // Idempotent: a second run (or a second instance) finds nothing left to do.
    expect(await runRetention(fx.db, now, { batchSize: 2 })).toMatchObject({ anonymised: 0 });
    expect((await fx.db.select().from(adminAudit).where(eq(adminAudit.action, 'retention.anonymise'))).length).toBe(3);
    // A shorter period makes the recent form due; the held one stays held.
    await saveRetentionYears(admin, 1, fx.db);
    expect((await runRetention(fx.db, now)).numbers).toEqual([recent.number]);
  });
});
