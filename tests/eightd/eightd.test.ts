import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture, type FormDriver } from '@/tests/commands/fixtures';
import { complaintParties, eightdSteps } from '@/db/schema';
import { addWorkingDays, localDate } from '@/lib/workflow';
import { saveDiscipline, startEightD, type EightDActor } from '@/lib/eightd/commands';
import { eightdOfForm, listEightD, loadEightD } from '@/lib/eightd/read';
import { EightDError } from '@/lib/eightd/errors';
import { disciplines } from '@/lib/eightd/schemas';
import { eightdTables } from '@/lib/eightd/export';
import { CommandError } from '@/lib/complaints/errors';
import { seedDemoEightD } from '@/lib/eightd/demo';
import { openDemo } from '@/tests/helpers/demo';
import type { StaffUser } from '@/db/queries/staff';

const refusal = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof EightDError || e instanceof CommandError ? e.code : String(e)));

forEachBackend('8D reports', (backend) => {
  let fx: Fixture;
  let first: FormDriver; // a product-quality form
  let repeat: FormDriver; // the same customer's repeat complaint about it (linked at intake)
  let service: FormDriver; // an attitude form of the service department
  let reportId: string;
  const a = (login: keyof Fixture['actors']): EightDActor => fx.actors[login];
  const quality = { categoryCode: 'quality', description: '新车刹车异响，保养后仍然存在，担心安全。', customerRequest: '查明原因并彻底修好。', subjectProduct: '凯美瑞 2.5L' };

  beforeAll(async () => {
    fx = await openFixture(backend);
    first = await fx.create(T0, quality);
    await first.fire('triage', 'desk', { departmentId: fx.dept.quality, severity: 'important', followUpWanted: true }, T0);
    // The same phone within the repeat period: linked to the first form at intake.
    repeat = await fx.create(at(T0, 2), { ...quality, description: '刹车又响了，上次说修好了。' });
    service = await fx.create(T0);
    await service.fire('triage', 'desk', { departmentId: fx.dept.service, severity: 'general', followUpWanted: true }, T0);
  });

  it('starts a report on a quality form: D2 from the form, a deadline per discipline on the business calendar, the start in the form history', async () => {
    const started = await startEightD({ complaintId: first.id, expectedVersion: first.version }, a('quality'), at(T0, 1), fx.db);
    expect(started.created).toBe(true);
    reportId = started.reportId;
    first.version = started.complaint.version;
    const history = await first.history();
    const last = history.at(-1)!;
    expect(last).toMatchObject({ type: 'eightd_started', customerVisible: false, actorName: fx.actors.quality.name, payload: { reportId } });

    const view = (await loadEightD(fx.actors.quality, reportId, fx.db))!;
    expect(view.report.problem).toContain(first.number);
    expect(view.report.problem).toContain('新车刹车异响');
    expect(view.report.problem).not.toContain('13800138001'); // never the customer's phone
    expect(view.mayEdit).toBe(true);
    expect(view.steps.map((s) => s.discipline)).toEqual([...disciplines]);
    // Monday 10:00 + 1 working day = Tuesday; + 5 = next Monday (the weekend skipped).
    const due = Object.fromEntries(view.steps.map((s) => [s.discipline, localDate(s.dueAt, fx.calendar.timeZone)]));
    expect(due.d1).toBe('2026-11-03');
    expect(due.d4).toBe('2026-11-09');
    expect(view.steps.find((s) => s.discipline === 'd8')!.dueAt).toEqual(addWorkingDays(at(T0, 1), 30, fx.calendar));
  });

  it('shares the report with the linked repeat form, and the form pages say so', async () => {
    const attached = await startEightD({ complaintId: repeat.id, expectedVersion: repeat.version }, a('management'), at(T0, 3), fx.db);
    expect(attached).toMatchObject({ created: false, reportId });
    expect((await repeat.history()).at(-1)).toMatchObject({ type: 'eightd_attached', payload: { reportId } });
    const view = (await loadEightD(fx.actors.management, reportId, fx.db))!;
    expect(view.forms.map((f) => f.number).sort()).toEqual([first.number, repeat.number].sort());
    const onPage = await eightdOfForm(fx.actors.desk, { id: repeat.id, siteId: fx.siteId, categoryId: null, status: 'received' }, fx.db);
    expect(onPage.report?.id).toBe(reportId);
    // A form belongs to one report at most.
    expect(await refusal(startEightD({ complaintId: repeat.id, expectedVersion: attached.complaint.version }, a('management'), at(T0, 3), fx.db))).toBe('already_linked');
  });

  it('lets the quality department and management edit; others read or see nothing', async () => {
    const d1 = { reportId, discipline: 'd1' as const, team: '周敏（质量部，组长）、张强（服务部）、孙伟（配件部）' };
    // The service head is not the owner; the desk and the GM read only; finance sees no report.
    expect(await refusal(saveDiscipline(d1, fx.actors.service, at(T0, 4), fx.db))).toBe('forbidden');
    expect(await refusal(saveDiscipline(d1, fx.actors.desk, at(T0, 4), fx.db))).toBe('forbidden');
    expect(await refusal(saveDiscipline(d1, fx.actors.gm, at(T0, 4), fx.db))).toBe('forbidden');
    expect(await loadEightD(fx.actors.desk, reportId, fx.db)).not.toBeNull();
    expect((await loadEightD(fx.actors.gm, reportId, fx.db))!.mayEdit).toBe(false);
    expect(await loadEightD(fx.actors.finance, reportId, fx.db)).toBeNull();
    // Another department reads an open report only when it covers one of its forms.
    expect(await loadEightD(fx.actors.parts, reportId, fx.db)).toBeNull();
    expect(await listEightD(fx.actors.parts, { closed: false }, fx.db)).toEqual([]);
    // Only quality forms for the quality department; management may choose any form.
    expect(await refusal(startEightD({ complaintId: service.id, expectedVersion: service.version }, a('quality'), at(T0, 4), fx.db))).toBe('not_found');
    expect(await refusal(startEightD({ complaintId: service.id, expectedVersion: service.version }, a('service'), at(T0, 4), fx.db))).toBe('forbidden');

    // A form about the same problem that is not linked as a repeat: offered the open report, and joined by choice.
    const offer = await eightdOfForm(fx.actors.management, { id: service.id, siteId: fx.siteId, categoryId: null, status: 'investigating' }, fx.db);
    expect(offer).toMatchObject({ mayStart: true, joinable: [{ value: reportId }] });
    expect((await eightdOfForm(fx.actors.parts, { id: service.id, siteId: fx.siteId, categoryId: null, status: 'investigating' }, fx.db)).mayStart).toBe(false);
    const joined = await startEightD({ complaintId: service.id, expectedVersion: service.version, reportId }, a('management'), at(T0, 4), fx.db);
    expect(joined).toMatchObject({ created: false, reportId });
    service.version = joined.complaint.version;

    await saveDiscipline(d1, fx.actors.quality, at(T0, 4), fx.db);
    await saveDiscipline({ reportId, discipline: 'd3', containment: '同批次刹车片全部封存，在店车辆逐台检查。' }, fx.actors.management, at(T0, 5), fx.db);
    // The person complained about: the report does not exist for them.
    // The service department now reads the open report (it covers one of its forms) but does not edit it.
    expect((await loadEightD(fx.actors.service, reportId, fx.db))!.mayEdit).toBe(false);
    await fx.db.insert(complaintParties).values({ complaintId: repeat.id, userId: fx.actors.liming.id });
    expect(await loadEightD(fx.actors.liming, reportId, fx.db)).toBeNull();
    expect(await refusal(saveDiscipline(d1, fx.actors.liming, at(T0, 5), fx.db))).toBe('not_found');
    await fx.db.delete(complaintParties).where(eq(complaintParties.userId, fx.actors.liming.id));
  });

  it('marks each discipline done against its deadline, closes at D8 only after D1–D7, then lists it as a lesson learned', async () => {
    const when = at(T0, 6);
    expect(await refusal(saveDiscipline({ reportId, discipline: 'd8', closure: '关闭' }, fx.actors.quality, when, fx.db))).toBe('steps_open');
    expect(await refusal(saveDiscipline({ reportId, discipline: 'd4', rootCause: '' } as never, fx.actors.quality, when, fx.db))).toBe('invalid_input');
    await saveDiscipline({ reportId, discipline: 'd2', problem: '同一批次刹车片在低速制动时异响。' }, fx.actors.quality, when, fx.db);
    await saveDiscipline({ reportId, discipline: 'd4', rootCause: '供应商刹车片配方批次变更，摩擦系数偏高。', why1: '制动时刹车片振动', why2: '摩擦系数偏高', why3: '配方批次变更', why4: '', why5: '' }, fx.actors.quality, when, fx.db);
    await saveDiscipline({ reportId, discipline: 'd5', correctiveActions: '更换为旧配方刹车片。' }, fx.actors.quality, when, fx.db);
    // D6 late: after its deadline (20 working days).
    const late = addWorkingDays(at(T0, 1), 21, fx.calendar);
    await saveDiscipline({ reportId, discipline: 'd6', verification: '30 台车复检无异响。' }, fx.actors.quality, late, fx.db);
    await saveDiscipline({ reportId, discipline: 'd7', preventionStandards: '来料检验增加摩擦系数抽检。', preventionTraining: '技师培训异响诊断。', preventionSupplier: '供应商变更配方须提前通知。' }, fx.actors.quality, late, fx.db);

    const open = await listEightD(fx.actors.quality, { closed: false, now: late }, fx.db);
    expect(open.map((r) => r.id)).toEqual([reportId]);
    expect(open[0].next).toMatchObject({ discipline: 'd8' });

    const view = (await loadEightD(fx.actors.quality, reportId, fx.db))!;
    const step = (d: string) => view.steps.find((s) => s.discipline === d)!;
    expect(step('d1').doneAt!.getTime()).toBeLessThanOrEqual(step('d1').dueAt.getTime());
    expect(step('d6').doneAt!.getTime()).toBeGreaterThan(step('d6').dueAt.getTime());
    expect(step('d3').doneBy).toBe(fx.actors.management.name);
    expect(view.report.whys).toEqual(['制动时刹车片振动', '摩擦系数偏高', '配方批次变更']);
    // Saving again keeps the first completion time.
    await saveDiscipline({ reportId, discipline: 'd1', team: '周敏、张强、孙伟、刘洋' }, fx.actors.quality, late, fx.db);
    const [d1] = await fx.db.select().from(eightdSteps).where(eq(eightdSteps.discipline, 'd1'));
    expect(d1.doneAt).toEqual(at(T0, 4));

    await saveDiscipline({ reportId, discipline: 'd8', closure: '客户确认满意，团队总结完成。' }, fx.actors.quality, late, fx.db);
    expect(await refusal(saveDiscipline({ reportId, discipline: 'd1', team: 'x' }, fx.actors.quality, late, fx.db))).toBe('closed');

    // The lessons learned: every staff role but finance, searchable by its words.
    expect((await listEightD(fx.actors.parts, { closed: true, q: '摩擦系数' }, fx.db)).map((r) => r.id)).toEqual([reportId]);
    expect(await listEightD(fx.actors.parts, { closed: true, q: '空调异味' }, fx.db)).toEqual([]);
    expect(await listEightD(fx.actors.finance, { closed: true }, fx.db)).toEqual([]);
    const closed = (await loadEightD(fx.actors.parts, reportId, fx.db))!;
    expect(closed.mayEdit).toBe(false);
    expect(closed.forms.every((f) => !f.open)).toBe(true); // the forms themselves stay the quality department's
    // The form page offers D4 and D7 for the customer-facing summary.
    const onPage = await eightdOfForm(fx.actors.quality, { id: first.id, siteId: fx.siteId, categoryId: null, status: 'investigating' }, fx.db);
    expect(onPage.report).toMatchObject({ rootCause: '供应商刹车片配方批次变更，摩擦系数偏高。' });
    expect(onPage.report!.prevention).toContain('来料检验');
  });

  describe('export', () => {
    it('writes the report as a sheet: each discipline, its text, deadline and completion', async () => {
      const view = (await loadEightD(fx.actors.management, reportId, fx.db))!;
      const [sheet] = eightdTables(view, 'zh-CN', fx.calendar.timeZone);
      const rows = [...(sheet.rows as unknown[][])];
      expect(rows).toHaveLength(9);
      expect(String(rows[4][1])).toContain('配方批次变更');
      expect(rows[8][3]).toBeInstanceOf(Date);
    });
  });
});

forEachBackend('8D demo data', (backend) => {
  // The demo's forms take ~10 s to make: once is enough (the commands themselves run on both back-ends above).
  it.skipIf(backend.kind !== 'pglite')('makes a closed report (a lesson learned) and an open one through the commands', async () => {
    const staff: Record<string, StaffUser> = {};
    const now = new Date('2026-11-20T06:00:00Z');
    const { db } = await openDemo(backend, now, staff);
    expect(await seedDemoEightD(db, now)).toBe(2);
    const lessons = await listEightD(staff.parts, { closed: true }, db);
    expect(lessons).toHaveLength(1);
    expect(lessons[0].prevention).toContain('PDI');
    const open = await listEightD(staff.quality, { closed: false, now }, db);
    expect(open).toHaveLength(1);
    expect(open[0].next?.discipline).toBe('d2');
    expect(await seedDemoEightD(db, now)).toBe(0);
  });
});
