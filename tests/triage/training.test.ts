import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { categories, complaints } from '@/db/schema';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { parseJsonl } from '@/lib/triage/evaluate';
import { heldOut, listTriageModels, trainOnClosedForms } from '@/lib/triage/training';
import { suggestTriage } from '@/lib/triage/suggest';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture } from '@/tests/commands/fixtures';

const labelled = parseJsonl(readFileSync(path.resolve(import.meta.dirname, '../fixtures/triage/train.jsonl'), 'utf8'))
  .filter((d) => !/[A-Za-z]{4}/.test(d.text)) // Chinese texts: the form's words
  .slice(0, 40);

forEachBackend('triage training on closed forms', (backend) => {
  let fx: Fixture;
  let desk: StaffUser;
  const ids: string[] = [];

  beforeAll(async () => {
    process.env.KESU_TRIAGE_MIN_FORMS = '30';
    fx = await openFixture(backend);
    desk = (await loadStaffUser(fx.actors.desk.id, fx.db))!;
  });
  afterAll(() => {
    delete process.env.KESU_TRIAGE_MIN_FORMS;
  });

  it('trains nothing below the minimum of closed forms', async () => {
    expect(await trainOnClosedForms(fx.db)).toMatchObject({ outcome: 'too_few', needed: 30 });
  });

  it('switches to a model of its own when it validates better than the starter, and suggests from it', async () => {
    // A business that files every complaint as "other", general, for its service department: the
    // starter cannot know that, a model of the business's own learns it.
    const cats = Object.fromEntries((await fx.db.select().from(categories)).map((c) => [c.code, c.id]));
    for (const [i, d] of labelled.entries()) {
      const form = await fx.create(at(T0, i / 10), { description: d.text, customerPhone: `1390000${String(2000 + i)}`, plate: undefined });
      ids.push(form.id);
      // Closing a form takes a dozen steps; the labels and the closed state are what training reads.
      await fx.db.update(complaints).set({ status: 'archived', categoryId: cats.other, departmentId: fx.dept.service, severity: 'general' }).where(eq(complaints.id, form.id));
    }
    const result = await trainOnClosedForms(fx.db, at(T0, 24));
    expect(result.outcome).toBe('switched');
    if (result.outcome !== 'switched') return;
    expect(result.scores.department.accuracy).toBe(1);
    expect(result.scores.category.accuracy).toBe(1);
    expect(result.scores.overall).toBeGreaterThan(result.current.scores.overall);
    expect(result.current.version).toBe('starter-1');
    const models = await listTriageModels(fx.db);
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({ active: true, trainSize: expect.any(Number), validateSize: expect.any(Number) });
    expect(models[0].trainSize + models[0].validateSize).toBe(labelled.length);
    const s = (await suggestTriage(desk, { text: '新车下雨天天窗漏水，车顶内饰都湿了' }, fx.db))!;
    expect(s.model).toBe(result.version);
    expect(s.department?.code).toBe('service');
    expect(s.category?.code).toBe('other');
  });

  it('keeps the model in use when a new one validates worse', async () => {
    // Training labels gone bad (every trained-on form filed as "price"); the held-out fifth unchanged.
    const trainedOn = ids.filter((id) => !heldOut(id));
    const [price] = await fx.db.select().from(categories).where(eq(categories.code, 'price'));
    await fx.db.update(complaints).set({ categoryId: price.id }).where(inArray(complaints.id, trainedOn));
    const result = await trainOnClosedForms(fx.db, at(T0, 48));
    expect(result.outcome).toBe('kept');
    const models = await listTriageModels(fx.db);
    expect(models.map((m) => m.active)).toEqual([false, true]); // newest first: stored, not switched to
  });
});
