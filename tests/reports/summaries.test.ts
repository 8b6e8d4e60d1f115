import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { queueSummaries, summaryPeriod } from '@/lib/complaints/summaries';
import { listInbox } from '@/lib/notify/inbox';

it('a weekly summary covers the last 7 days, a monthly one the last month (business time)', () => {
  const tuesday = new Date('2026-11-10T01:00:00Z'); // 09:00 in Shanghai
  expect(summaryPeriod('weekly', tuesday, 'Asia/Shanghai')).toEqual({ from: '2026-11-03', to: '2026-11-10' });
  expect(summaryPeriod('monthly', new Date('2026-12-02T01:00:00Z'), 'Asia/Shanghai')).toEqual({ from: '2026-11-01', to: '2026-12-01' });
  expect(summaryPeriod('accountability', new Date('2026-01-04T01:00:00Z'), 'Asia/Shanghai')).toEqual({ from: '2025-12-01', to: '2026-01-01' });
});

forEachBackend('periodic summaries', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  it('tells the GM and management what came in; the penalties go to the GM and finance', async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude' }); // Monday 2026-11-02
    await fx.create(at(T0, 2), { categoryCode: 'price' });
    await form.fire('resolve_on_spot', 'desk', {
      remedy: { kind: 'apology', description: '致歉' }, rootCause: '态度', preventiveAction: '培训', followUpWanted: false,
      customerWhen: '今天已处理完毕。', customerHow: '已按处理措施落实。', customerCause: '我们的工作疏漏。', customerPrevention: '已加强培训和检查。',
    }, at(T0, 3));
    // Found not founded after investigation and closed by the GM: counted apart, never as resolved.
    const notFounded = await fx.create(at(T0, 1), { categoryCode: 'parts' });
    await notFounded.fire('triage', 'desk', { departmentId: fx.dept.parts, severity: 'general', followUpWanted: true }, at(T0, 1.5));
    await notFounded.fire('submit_determination', 'parts', {
      founded: false, rootCause: '配件非本店安装', customerExplanation: '经核对维修记录，该配件并非本店安装。', customerContacted: true,
    }, at(T0, 2));
    await notFounded.fire('approve_opinion', 'management', { faultOpinion: '同意' }, at(T0, 2.5));
    await notFounded.fire('approve_final', 'gm', { opinion: '同意' }, at(T0, 3.5));
    const tuesdayAfter = new Date('2026-11-03T01:00:00Z'); // the next day, a Tuesday
    expect(await queueSummaries(fx.db, 'weekly', tuesdayAfter, 'Asia/Shanghai')).toBe(2); // gm + management
    const [notice] = await listInbox(fx.actors.gm.id, 'zh-CN', 5, fx.db);
    expect(notice.subject).toBe('客诉周报（2026年10月27日 至 2026年11月2日）');
    expect(notice.text).toContain('本周受理 3 张，解决 1 张，调查后认定不成立 1 张');
    expect(await listInbox(fx.actors.finance.id, 'zh-CN', 5, fx.db)).toEqual([]);
    expect(await queueSummaries(fx.db, 'accountability', new Date('2026-12-04T01:00:00Z'), 'Asia/Shanghai')).toBe(2); // gm + finance
    expect((await listInbox(fx.actors.finance.id, 'en', 5, fx.db))[0].subject).toBe('Penalties and rewards (Nov 1, 2026 to Nov 30, 2026)');
  });
});
