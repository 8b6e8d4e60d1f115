import { beforeAll, expect, it } from 'vitest';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { findSimilarForms, resetSimilarIndexes } from '@/lib/triage/similar-forms';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';

forEachBackend('similar complaints', (backend) => {
  let fx: Fixture;
  let desk: StaffUser;
  let quality: StaffUser;

  beforeAll(async () => {
    resetSimilarIndexes();
    fx = await openFixture(backend);
    desk = (await loadStaffUser(fx.actors.desk.id, fx.db))!;
    quality = (await loadStaffUser(fx.actors.quality.id, fx.db))!;
  });

  it('finds the same problem told in other words and another language, earlier forms only, best first', async () => {
    const first = await fx.create(T0, { description: '翔鹰Q9新车下雨天天窗漏水，车顶内饰都湿了，一股霉味。', customerPhone: '13900001001', plate: undefined });
    await fx.create(at(T0, 1), { description: '翔鹰Q9的收银员结账时态度很差，把单子扔给我。', customerPhone: '13900001002', plate: undefined });
    const query = await fx.create(at(T0, 2), { description: 'The sunroof of my 翔鹰Q9 leaks whenever it rains, water drips on the seats.', customerPhone: '13900001003', plate: undefined });
    const later = await fx.create(at(T0, 3), { description: '翔鹰Q9天窗渗水，洗完车顶棚往下滴水。', customerPhone: '13900001004', plate: undefined });
    const row = await query.row();
    const found = await findSimilarForms(desk, row, fx.db);
    const numbers = found.map((f) => f.number);
    expect(numbers[0]).toBe((await first.row()).number);
    expect(numbers).not.toContain(row.number); // not itself
    expect(numbers).not.toContain((await later.row()).number); // not a later form
    expect(found[0]).toMatchObject({ status: 'received' });
    expect(found[0].score).toBeGreaterThan(0.15);
    // The index picks up forms received after it was built: the later form finds the query.
    const again = await findSimilarForms(desk, await later.row(), fx.db);
    expect(again.map((f) => f.number)).toEqual(expect.arrayContaining([row.number, (await first.row()).number]));
  });

  it('shows only forms the viewer may see', async () => {
    const form = await fx.create(at(T0, 4), { description: '翔鹰Q9天窗密封条漏水，A柱往下流水。', customerPhone: '13900001005', plate: undefined });
    // A department sees only its own department's forms: none of these is triaged yet.
    expect(await findSimilarForms(quality, await form.row(), fx.db)).toEqual([]);
  });
});
