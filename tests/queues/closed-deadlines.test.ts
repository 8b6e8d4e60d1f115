/**
 * A closed form counts no deadline down and is never overdue (issue 14, defect "not founded keeps
 * counting"): closed as not founded after investigation, rejected at the desk, or withdrawn, its
 * resolution date passes and nothing calls it overdue — not the form page's deadlines, the
 * search, its overdue filter or the deadline alerts — while an open form past its step is.
 */
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { complaints, deadlineAlerts } from '@/db/schema';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { raiseDeadlineAlerts } from '@/lib/complaints/alerts';
import { toFacts } from '@/lib/complaints/facts';
import { loadFormView } from '@/lib/complaints/form-view';
import { searchComplaints, searchFiltersSchema } from '@/lib/complaints/search';
import { isOverdue, runningDeadlines } from '@/lib/workflow';
import { forEachBackend } from '@/tests/helpers/databases';
import { at, openFixture, T0, type Fixture, type FormDriver } from '@/tests/commands/fixtures';

forEachBackend('closed forms are never overdue', (backend) => {
  let fx: Fixture;
  let admin: StaffUser;
  let notFounded: FormDriver;
  let rejected: FormDriver;
  let withdrawn: FormDriver;
  let open: FormDriver;
  /** Two months on: every deadline of these forms (urgent: 4 h to resolve) is long past. */
  const LATER = at(T0, 24 * 60);

  beforeAll(async () => {
    fx = await openFixture(backend);
    admin = (await loadStaffUser(fx.actors.admin.id, fx.db))!;
    notFounded = await fx.create(T0, { customerPhone: '13800000011' });
    await notFounded.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'urgent', followUpWanted: false }, at(T0, 0.1));
    await notFounded.fire('submit_determination', 'service', {
      founded: false, rootCause: '客户所述部件并非本店安装。', customerContacted: true, customerExplanation: '经查，该部件并非本店安装，故投诉不成立。',
    }, at(T0, 1));
    await notFounded.fire('approve_opinion', 'management', { faultOpinion: '同意不成立。' }, at(T0, 2));
    expect((await notFounded.fire('approve_final', 'gm', { opinion: '同意。' }, at(T0, 3))).status).toBe('rejected');
    rejected = await fx.create(T0, { customerPhone: '13800000012' });
    await rejected.fire('reject', 'desk', { explanation: '该车不在本店维修。' }, at(T0, 0.5));
    withdrawn = await fx.create(T0, { customerPhone: '13800000013' });
    await withdrawn.fire('withdraw', 'desk', { reason: '客户已自行解决。' }, at(T0, 0.5));
    open = await fx.create(T0, { customerPhone: '13800000014' }); // left in `received`, past its 1 h step
  });

  const closed = () => [notFounded, rejected, withdrawn];

  it('counts no deadline down on a closed form, not founded included', async () => {
    for (const form of closed()) {
      const row = await form.row();
      expect(row.resolvedAt).toBeNull(); // never resolved: only being closed stops the clock
      expect(row.resolutionDueAt.getTime()).toBeLessThan(LATER.getTime());
      const view = (await loadFormView(admin, form.number, LATER, fx.db))!;
      expect(runningDeadlines(toFacts(view.form, [], false))).toEqual({ step: null, response: null, resolution: null });
      expect(isOverdue(toFacts(row, [], false), LATER)).toBe(false);
    }
    const row = await open.row();
    expect(runningDeadlines(toFacts(row, [], false)).resolution).toEqual(row.resolutionDueAt);
    expect(isOverdue(toFacts(row, [], false), LATER)).toBe(true);
  });

  async function overdueBySearch(): Promise<Map<string, boolean>> {
    const page = await searchComplaints(admin, searchFiltersSchema.parse({}), { now: LATER }, fx.db);
    return new Map(page.rows.map((r) => [r.number, r.overdue]));
  }

  it('is not overdue in the search or its overdue filter, and raises no alert, even with a step deadline left on it', async () => {
    // Data written before closing cleared the step deadline (or by hand) must not count either.
    await fx.db.update(complaints).set({ stepDueAt: at(T0, 1) }).where(eq(complaints.id, notFounded.id));
    const shown = await overdueBySearch();
    for (const form of closed()) expect(shown.get(form.number), form.number).toBe(false);
    expect(shown.get(open.number)).toBe(true);
    const filtered = await searchComplaints(admin, searchFiltersSchema.parse({ overdue: '1' }), { now: LATER }, fx.db);
    expect(filtered.rows.map((r) => r.number)).toEqual([open.number]);
    await raiseDeadlineAlerts(fx.db, LATER);
    const alerted = await fx.db.select({ id: deadlineAlerts.complaintId }).from(deadlineAlerts).where(inArray(deadlineAlerts.complaintId, [...closed(), open].map((f) => f.id)));
    expect(alerted.map((a) => a.id)).toEqual([open.id]);
  });
});
