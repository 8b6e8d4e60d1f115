import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { categories } from '@/db/schema';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { listQueue, queueSpec } from '@/lib/complaints/queues';
import { suggestTriage } from '@/lib/triage/suggest';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';

forEachBackend('triage suggestions', (backend) => {
  let fx: Fixture;
  let desk: StaffUser;

  beforeAll(async () => {
    fx = await openFixture(backend);
    desk = (await loadStaffUser(fx.actors.desk.id, fx.db))!;
  });

  it("maps the model's codes onto the business's category and the site's department, with confidence", async () => {
    const s = (await suggestTriage(desk, { text: '销售顾问强行推销贷款和保险，说不办就没有优惠，态度很差', channel: 'walk_in' }, fx.db))!;
    expect(s.category).toMatchObject({ code: 'attitude', name: '服务态度' });
    expect(s.department).toMatchObject({ code: 'sales', id: fx.dept.sales });
    expect(s.category!.confidence).toBeGreaterThan(0.3);
    expect(s.category!.confidence).toBeLessThanOrEqual(1);
    expect(s.severity.code).toBe('general');
    expect(s.crisis.flag).toBe(false);
  });

  it('warns of a crisis (12315, a reporter) and suggests urgent; a warning light alone is no crisis', async () => {
    const s = (await suggestTriage(desk, { text: '天窗漏水修了一个月都没修好，我已经打了12315，还联系了电视台的记者', channel: 'phone' }, fx.db))!;
    expect(s.crisis.flag).toBe(true);
    expect(s.crisis.signals).toEqual(['crisis_media', 'crisis_regulator']);
    expect(s.severity.code).toBe('urgent');
    const light = (await suggestTriage(desk, { text: '仪表盘上的报警灯一直亮着，车开起来没什么问题', channel: 'phone' }, fx.db))!;
    expect(light.crisis.flag).toBe(false);
    expect(light.category?.code).toBe('quality');
  });

  it('suggests no category the business no longer offers, and nothing for a text too short to read', async () => {
    await fx.db.update(categories).set({ active: false }).where(eq(categories.code, 'price'));
    try {
      const s = (await suggestTriage(desk, { text: '保养账单上多收了一项发动机清洗，我根本没同意做，请退钱' }, fx.db))!;
      expect(s.category).toBeNull();
      expect(s.department?.code).toBe('finance');
    } finally {
      await fx.db.update(categories).set({ active: true }).where(eq(categories.code, 'price'));
    }
    expect(await suggestTriage(desk, { text: '很差！' }, fx.db)).toBeNull();
  });

  it("screens a customer's own words at intake; the queue row carries the stored flag the crisis badge reads", async () => {
    const form = await fx.create(T0, { channel: 'web', description: '车辆刹车异响，前后修了三次都没修好。\n如果本周还不解决，我们车主维权群二十多人会一起去市场监管局。' }, null);
    const calm = await fx.create(T0, { channel: 'web', description: '车辆刹车异响，仪表盘报警灯亮了，我当时就想报警。' }, null);
    const page = await listQueue(desk, queueSpec(desk, 'triage')!, { size: 100 }, at(T0, 0.5), fx.db);
    const row = (id: string) => page.rows.find((r) => r.id === id)!;
    expect(row(form.id).crisis).toBe(true);
    expect(row(calm.id).crisis).toBe(false);
  });
});
