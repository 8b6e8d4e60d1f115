import { beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';
import { listInbox } from '@/lib/notify/inbox';

forEachBackend('staff inbox', (backend) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await openFixture(backend);
  });

  it("shows a department head the forms routed to the department, in the reader's language, and nobody else's", async () => {
    const form = await fx.create(T0, { categoryCode: 'attitude' });
    await form.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general' }, at(T0, 1));
    const zh = await listInbox(fx.actors.service.id, 'zh-CN', 50, fx.db);
    expect(zh.find((n) => n.number === form.number)?.subject).toContain(form.number);
    const en = await listInbox(fx.actors.service.id, 'en', 50, fx.db);
    expect(en.find((n) => n.number === form.number)?.subject).toMatch(/^Form KS-/);
    // The parts department's head was not told.
    expect((await listInbox(fx.actors.parts.id, 'zh-CN', 50, fx.db)).some((n) => n.number === form.number)).toBe(false);
  });
});
