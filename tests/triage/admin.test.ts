import { beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { adminAudit, notifications } from '@/db/schema';
import { loadTriageAdmin, saveTriageSettings, suggestionAcceptance } from '@/lib/triage/admin';
import { loadTriageSettings } from '@/lib/triage/settings';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';

forEachBackend('triage admin', (backend) => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  it('shows how often the suggestion was taken: category and crisis at intake, department and severity at triage', async () => {
    // Suggested: attitude, sales, general. The desk takes the category, changes the department.
    const words = '销售顾问强行推销贷款和保险，说不办就没有优惠，态度很差';
    const form = await fx.create(at(T0, 0), { description: words, categoryCode: 'attitude', severity: 'general', customerPhone: '13900020001' });
    await fx.create(at(T0, 1), { description: words, categoryCode: 'other', severity: 'general', customerPhone: '13900020002' });
    const created = (await form.history()).find((e) => e.type === 'create')!;
    expect(created.payload).toMatchObject({ triage: { suggested: { category: { code: 'attitude' }, department: { code: 'sales' } }, chosen: { category: 'attitude', crisis: false } } });
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', major: false, followUpWanted: true }, at(T0, 2));

    const admin = fx.actors.admin;
    const a = await suggestionAcceptance(admin, fx.db, at(T0, 3));
    expect(a).toEqual({ forms: 2, triaged: 1, category: 1, crisis: 2, department: 0, severity: 1 });
    const view = await loadTriageAdmin(admin, fx.db);
    expect(view.inUse).toMatchObject({ starter: true, version: 'starter-1', trainSize: 720 });
    expect(view.inUse.labels.category!.accuracy).toBeGreaterThan(view.inUse.labels.category!.baseline_accuracy);
  });

  it("saves the settings with an audit row; a named centre head is told of a crisis instead of the whole desk", async () => {
    const admin = fx.actors.admin;
    await saveTriageSettings(admin, { confidencePercent: 70, frequentCount: 4, frequentDays: 10, centreHeadUserId: fx.actors.chenchen.id }, fx.db);
    expect(await loadTriageSettings(fx.db)).toEqual({ confidencePercent: 70, frequentCount: 4, frequentDays: 10, centreHeadUserId: fx.actors.chenchen.id });
    const audit = await fx.db.select().from(adminAudit).where(eq(adminAudit.action, 'triage.settings'));
    expect(audit).toHaveLength(1);
    await expect(saveTriageSettings(admin, { confidencePercent: 101, frequentCount: 3, frequentDays: 7 }, fx.db)).rejects.toThrow();

    const form = await fx.create(at(T0, 5), { channel: 'web', description: '修了三次都没修好，我已经向12315投诉，还找了律师准备起诉。', customerPhone: '13900020003' }, null);
    const told = await fx.db
      .select({ recipient: notifications.recipientUserId })
      .from(notifications)
      .where(and(eq(notifications.complaintId, form.id), eq(notifications.template, 'crisis_flagged'), eq(notifications.channel, 'inbox')));
    const ids = told.map((r) => r.recipient);
    expect(ids).toContain(fx.actors.chenchen.id);
    expect(ids).not.toContain(fx.actors.desk.id);
    expect(ids).toEqual(expect.arrayContaining([fx.actors.gm.id, fx.actors.management.id]));
  });
});
