/**
 * Everything an input names (department, customer manager, involved party, responsible person,
 * accountability) is of the form's site, as the pickers offer it (issue 14, findings 2 and 8):
 * another site's department or staff, an admin or someone who left is refused with a field error
 * and nothing is written; a group-wide staff member may be named on any site's form, and a
 * group-wide user acting on another site's form chooses among that site's departments.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { complaints, departments, notifications, sites, users } from '@/db/schema';
import { applyEvent, createComplaint, type CommandActor } from '@/lib/complaints/commands';
import { saveDeterminationDraft } from '@/lib/complaints/draft';
import { CommandError } from '@/lib/complaints/errors';
import { loadChoices } from '@/lib/complaints/form-view';
import { loadIntakeChoices } from '@/lib/complaints/intake';
import { siteDirectory } from '@/lib/complaints/staff-directory';
import { loadStaffUser } from '@/db/queries/staff';
import { decodeIssue } from '@/lib/validation/issues';
import { forEachBackend } from '@/tests/helpers/databases';
import { at, baseComplaint, historyCount, notificationCount, openFixture, T0, type Fixture, type FormDriver } from '@/tests/commands/fixtures';

const triage = (departmentId: string, extra: Record<string, unknown> = {}) => ({ departmentId, severity: 'important', followUpWanted: false, ...extra });
const determination = (fx: Fixture, extra: Record<string, unknown> = {}) => ({
  founded: true, responsibleDepartmentId: fx.dept.service, rootCause: '未按规范作业', responsiblePerson: 'none',
  remedyProposal: { kind: 'repair', description: '免费返修' }, preventiveAction: '班前会通报', customerContacted: true, ...extra,
});
const handling = (accountability: unknown[]) => ({
  remedyDelivered: { kind: 'repair', description: '已返修' }, rootCause: '未按规范作业', preventiveAction: '班前会通报', accountability,
  customerWhen: '今天已修好', customerHow: '免费返修', customerCause: '装配不当', customerPrevention: '加强培训',
});

/** The rule key of the field error (`validation.rules.<key>`). */
function ruleOf(err: CommandError, field: string): string | undefined {
  const word = decodeIssue(err.fieldErrors?.[field]?.[0] ?? '');
  return word?.kind === 'rule' ? word.key : undefined;
}

forEachBackend('references are of the form’s site', (backend) => {
  let fx: Fixture;
  let eastService: string; // the service department of another site
  let eastTech: string; // a department member of another site
  let groupDesk: CommandActor; // a group-wide desk user based at the other site
  let groupManagement: string; // a group-wide management user based at the other site
  let leaver: string; // a former member of this site's staff
  const admin = () => fx.actors.admin.id;

  beforeAll(async () => {
    fx = await openFixture(backend);
    const [east] = await fx.db.insert(sites).values({ code: 'east', name: '东区店' }).returning();
    const [dept] = await fx.db.insert(departments).values({ siteId: east.id, code: 'service', name: '东区售后服务部', nameEn: 'East service' }).returning();
    eastService = dept.id;
    const rows = await fx.db
      .insert(users)
      .values([
        { siteId: east.id, login: 'east-tech', name: '东区技师', role: 'department', departmentId: dept.id, email: 'et@kesu.test', passwordHash: 'x' },
        { siteId: east.id, login: 'group-desk', name: '集团客服', role: 'desk', groupWide: true, email: 'gd@kesu.test', passwordHash: 'x' },
        { siteId: east.id, login: 'group-mgmt', name: '集团管理部', role: 'management', groupWide: true, email: 'gm@kesu.test', passwordHash: 'x' },
        { siteId: fx.siteId, login: 'leaver', name: '已离职', role: 'department', departmentId: fx.dept.service, active: false, email: 'l@kesu.test', passwordHash: 'x' },
      ])
      .returning();
    const id = (login: string) => rows.find((r) => r.login === login)!.id;
    eastTech = id('east-tech');
    groupManagement = id('group-mgmt');
    leaver = id('leaver');
    groupDesk = { id: id('group-desk'), role: 'desk', departmentId: null, departmentPosition: null, name: '集团客服', siteId: east.id };
  });

  async function refused(p: Promise<unknown>, field: string, key = 'unknownChoice'): Promise<CommandError> {
    const err = await p.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).code).toBe('unknown_reference');
    expect(ruleOf(err as CommandError, field)).toBe(key);
    return err as CommandError;
  }

  /** Refused, and the form, its history and its outbox are as they were. */
  async function refusedUnchanged(form: FormDriver, fire: () => Promise<unknown>, field: string, key?: string) {
    const [row, events, notes] = [await form.row(), await historyCount(fx.db, form.id), await notificationCount(fx.db, form.id)];
    await refused(fire(), field, key);
    expect(await form.row()).toEqual(row);
    expect(await historyCount(fx.db, form.id)).toBe(events);
    expect(await notificationCount(fx.db, form.id)).toBe(notes);
  }

  describe('triage', () => {
    it('refuses another site’s department, from the desk and from a group-wide user', async () => {
      const form = await fx.create(T0);
      await refusedUnchanged(form, () => form.fire('triage', 'desk', triage(eastService), at(T0, 0.1)), 'departmentId');
      await refusedUnchanged(
        form,
        () => applyEvent({ complaintId: form.id, event: 'triage', input: triage(eastService), actor: groupDesk, expectedVersion: form.version }, { now: at(T0, 0.1) }, fx.db),
        'departmentId',
      );
      // The group-wide user chooses among the form's site's departments.
      const { complaint } = await applyEvent({ complaintId: form.id, event: 'triage', input: triage(fx.dept.service), actor: groupDesk, expectedVersion: form.version }, { now: at(T0, 0.2) }, fx.db);
      expect(complaint.departmentId).toBe(fx.dept.service);
      const sms = await fx.db.select({ payload: notifications.payload }).from(notifications).where(and(eq(notifications.complaintId, form.id), eq(notifications.audience, 'customer')));
      expect(JSON.stringify(sms)).not.toContain('东区');
    });

    it('refuses a customer manager who is not the directory’s desk staff; a group-wide desk user may be one', async () => {
      const form = await fx.create(at(T0, 1));
      for (const customerManagerId of [eastTech, fx.actors.machao.id, admin(), leaver]) {
        await refusedUnchanged(form, () => form.fire('triage', 'desk', triage(fx.dept.service, { customerManagerId }), at(T0, 1.1)), 'customerManagerId', customerManagerId === admin() ? 'adminNotNamable' : 'unknownChoice');
      }
      const row = await form.fire('triage', 'desk', triage(fx.dept.service, { customerManagerId: groupDesk.id }), at(T0, 1.2));
      expect(row.customerManagerId).toBe(groupDesk.id);
    });

    it('refuses an admin, another site’s staff or a leaver as an involved party', async () => {
      const form = await fx.create(at(T0, 2));
      for (const partyUserIds of [[admin()], [eastTech], [fx.actors.machao.id, leaver]]) {
        await refusedUnchanged(form, () => form.fire('triage', 'desk', triage(fx.dept.service, { partyUserIds }), at(T0, 2.1)), 'partyUserIds', partyUserIds[0] === admin() ? 'adminNotNamable' : 'unknownChoice');
      }
    });
  });

  describe('intake', () => {
    it('refuses an admin or a leaver as an involved party and writes no form', async () => {
      const before = (await fx.db.select({ id: complaints.id }).from(complaints)).length;
      await refused(createComplaint({ ...baseComplaint, partyUserIds: [admin()] }, fx.actors.desk, { now: at(T0, 3) }, fx.db), 'partyUserIds', 'adminNotNamable');
      await refused(createComplaint({ ...baseComplaint, partyUserIds: [leaver] }, fx.actors.desk, { now: at(T0, 3) }, fx.db), 'partyUserIds');
      expect((await fx.db.select({ id: complaints.id }).from(complaints)).length).toBe(before);
    });
  });

  describe('the determination', () => {
    let form: FormDriver;
    beforeAll(async () => {
      form = await fx.create(at(T0, 4));
      await form.fire('triage', 'desk', triage(fx.dept.service), at(T0, 4.1));
    });

    it('refuses another site’s responsible department or person, and an admin', async () => {
      await refusedUnchanged(form, () => form.fire('submit_determination', 'service', determination(fx, { responsibleDepartmentId: eastService }), at(T0, 5)), 'responsibleDepartmentId');
      const person = (responsibleUserId: string) => determination(fx, { responsiblePerson: undefined, responsibleUserId });
      await refusedUnchanged(form, () => form.fire('submit_determination', 'service', person(eastTech), at(T0, 5)), 'responsibleUserId');
      await refusedUnchanged(form, () => form.fire('submit_determination', 'service', person(admin()), at(T0, 5)), 'responsibleUserId', 'adminNotNamable');
    });

    it('a handler’s draft may not name them either', async () => {
      const draft = (input: Record<string, unknown>) => saveDeterminationDraft({ complaintId: form.id, input, actor: fx.actors.liming }, at(T0, 5), fx.db);
      const before = await form.row();
      await refused(draft({ responsibleDepartmentId: eastService }), 'responsibleDepartmentId');
      await refused(draft({ responsibleUserId: eastTech }), 'responsibleUserId');
      await refused(draft({ responsibleUserId: admin() }), 'responsibleUserId', 'adminNotNamable');
      expect((await form.row()).determinationDraft).toEqual(before.determinationDraft);
      await draft({ responsibleDepartmentId: fx.dept.service, responsibleUserId: fx.actors.machao.id });
    });

    it('a group-wide staff member may be named as the responsible person', async () => {
      const row = await form.fire('submit_determination', 'service', determination(fx, { responsiblePerson: undefined, responsibleUserId: groupManagement }), at(T0, 6));
      expect(row).toMatchObject({ status: 'management_review', responsibleUserId: groupManagement, responsiblePerson: '集团管理部' });
    });
  });

  describe('accountability', () => {
    let form: FormDriver;
    beforeAll(async () => {
      form = await fx.create(at(T0, 10), { categoryCode: 'workmanship' });
      await form.fire('triage', 'desk', triage(fx.dept.service), at(T0, 10.1));
      await form.fire('submit_determination', 'service', determination(fx), at(T0, 11));
      await form.fire('approve_opinion', 'management', { faultOpinion: '同意' }, at(T0, 12));
      await form.fire('approve_final', 'gm', { opinion: '同意' }, at(T0, 13));
    });
    const entry = (userId: string) => ({ userId, type: 'penalty', amountCents: 100, reason: '测试' });

    it('refuses an admin named by id through complete_handling, as the picker does not offer one', async () => {
      await refusedUnchanged(form, () => form.fire('complete_handling', 'management', handling([entry(fx.actors.machao.id), entry(admin())]), at(T0, 14)), 'accountability', 'adminNotNamable');
      await refusedUnchanged(form, () => form.fire('complete_handling', 'management', handling([entry(leaver)]), at(T0, 14)), 'accountability');
    });

    it('and through settle_fault; a group-wide staff member may be named', async () => {
      await form.fire('complete_handling', 'management', handling([entry(groupManagement)]), at(T0, 14));
      await form.fire('flag_fault', 'desk', { fault: '回访不及时' }, at(T0, 15));
      await refusedUnchanged(form, () => form.fire('settle_fault', 'management', { settlement: '通报', accountability: [entry(admin())] }, at(T0, 16)), 'accountability', 'adminNotNamable');
      await refusedUnchanged(form, () => form.fire('settle_fault', 'management', { settlement: '通报', accountability: [entry(eastTech)] }, at(T0, 16)), 'accountability');
      expect((await form.fire('settle_fault', 'management', { settlement: '通报', accountability: [entry(fx.actors.machao.id)] }, at(T0, 16))).status).toBe('archived');
    });
  });

  it('the pickers offer exactly the people the commands accept', async () => {
    const desk = (await loadStaffUser(fx.actors.desk.id, fx.db))!;
    const offered = (await siteDirectory(fx.db, fx.siteId)).map((p) => p.id);
    expect(offered).toContain(groupManagement);
    expect(offered).toContain(fx.actors.machao.id);
    for (const refusedId of [admin(), eastTech, leaver]) expect(offered).not.toContain(refusedId);
    expect((await loadIntakeChoices(desk, fx.db)).staff.map((s) => s.id).sort()).toEqual([...offered].sort());
    const choices = await loadChoices(desk, fx.db, fx.siteId);
    expect(choices.departments.map((d) => d.id)).not.toContain(eastService);
    expect(choices.managers.map((m) => m.id).sort()).toEqual([fx.actors.desk.id, fx.actors.chenchen.id, groupDesk.id].sort());
  });
});
