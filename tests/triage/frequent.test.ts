import { beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { frequentProblemForms, notifications } from '@/db/schema';
import { frequentProblemsIn, raiseFrequentProblems } from '@/lib/triage/frequent';
import { summaryFigures } from '@/lib/complaints/summaries';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';

// One fault told three ways by three customers, a fourth later, and an unrelated complaint.
const sameFault = [
  '新买的星驰S7天窗漏水，下雨后座椅全湿了，车顶内衬也在滴水。',
  '星驰S7的天窗下雨就漏水，车里地毯和座椅都泡湿了，提车才两个月。',
  '我的星驰S7天窗密封不好，昨晚下雨漏水把后排座椅弄湿了。',
];
const fourth = '星驰S7天窗又是漏水，洗车后座椅湿透，你们到底查没查原因？';
const other = '销售顾问承诺送的脚垫和贴膜到现在都没兑现，打电话也不接。';

forEachBackend('high-frequency problems', (backend) => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  const alerts = () =>
    fx.db
      .select({ recipient: notifications.recipientUserId, channel: notifications.channel, payload: notifications.payload })
      .from(notifications)
      .where(and(eq(notifications.template, 'frequent_problem'), eq(notifications.channel, 'inbox')));

  it('three similar forms within the window raise one alert to quality and management, with the group', async () => {
    const forms = [];
    for (const [i, description] of sameFault.entries()) {
      forms.push(await fx.create(at(T0, i * 20), { description, customerPhone: `1390001000${i}`, plate: undefined }));
      if (i === 1) expect(await raiseFrequentProblems(fx.db, at(T0, i * 20 + 1))).toBe(0); // two are not yet a group
    }
    await fx.create(at(T0, 30), { description: other, customerPhone: '13900010009', plate: undefined });
    expect(await raiseFrequentProblems(fx.db, at(T0, 41))).toBe(1);
    // Run again, and with a fourth similar form: no second alert; it joins the group.
    expect(await raiseFrequentProblems(fx.db, at(T0, 42))).toBe(0);
    const late = await fx.create(at(T0, 50), { description: fourth, customerPhone: '13900010005', plate: undefined });
    expect(await raiseFrequentProblems(fx.db, at(T0, 51))).toBe(0);

    const rows = await alerts();
    const recipients = rows.map((r) => r.recipient);
    expect(new Set(recipients).size).toBe(recipients.length); // each person once
    expect(recipients).toEqual(expect.arrayContaining([fx.actors.quality.id, fx.actors.management.id]));
    expect(recipients).not.toContain(fx.actors.service.id);
    const payload = rows[0].payload as { count: number; forms: { number: string }[] };
    expect(payload.count).toBe(3);
    expect(payload.forms.map((f) => f.number)).toEqual(forms.map((f) => f.number));

    const [member] = await fx.db.select().from(frequentProblemForms).where(eq(frequentProblemForms.complaintId, late.id));
    expect(member).toBeDefined();

    // The weekly summary lists the week's groups.
    const groups = await frequentProblemsIn(fx.db, fx.siteId, at(T0, -24), at(T0, 24 * 6));
    expect(groups).toHaveLength(1);
    expect(groups[0].forms).toHaveLength(4);
    const figures = await summaryFigures(fx.db, 'weekly', fx.siteId, at(T0, -24), at(T0, 24 * 6), at(T0, 24 * 6));
    expect(figures.frequent).toEqual([expect.objectContaining({ count: 4 })]);
  });
});
