/**
 * A person's data (PIPL): find, export, erase on request, legal hold, and the history trigger's
 * one narrow exception (migration 0015). Retention is in retention.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { adminAudit, attachments, complaintEvents, complaints, notifications, pendingContacts, pendingItems, remedies, accountabilityEntries } from '@/db/schema';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { storeAttachment, attachmentPath } from '@/lib/attachments';
import { monthlyReport } from '@/lib/complaints/reports';
import { searchComplaints } from '@/lib/complaints/search';
import { clearLegalHold, erasePerson, exportPerson, findPerson, PrivacyError, setLegalHold } from '@/lib/privacy';
import { personKeySchema } from '@/lib/privacy/schemas';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, type Fixture, type FormDriver } from '@/tests/commands/fixtures';

const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kesu-privacy-'));
process.env.KESU_ATTACHMENTS_DIR = filesDir;
afterAll(() => fs.rmSync(filesDir, { recursive: true, force: true }));

const key = (kind: string, value: string) => personKeySchema.parse({ kind, value });
const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(PrivacyError);
  return err as PrivacyError;
};

forEachBackend('person data', (backend) => {
  let fx: Fixture;
  let desk: StaffUser;
  let admin: StaffUser;
  let management: StaffUser;
  let machao: StaffUser;
  let seq = 0;

  /** A customer of their own, whose identifiers appear nowhere else. */
  const person = () => {
    seq++;
    const n = String(seq).padStart(4, '0');
    return {
      customerName: `欧阳${'甲乙丙丁戊己庚辛壬癸'[seq % 10]}${'子丑寅卯辰巳午未申酉'[seq % 10]}${n}`,
      customerPhone: `1390000${n}`,
      customerEmail: `person${n}@example.com`,
      plate: `粤Q·P${n}`,
      subjectProduct: `车架号 LVX${n}`,
      description: `客户${n}：车辆保养后空调异味，电话 1390000${n}。`,
      customerRequest: `请联系 person${n}@example.com`,
    };
  };
  type Person = ReturnType<typeof person>;

  /** Opens a form for `p`, with a note, evidence, a remedy and the customer's own words, closed as archived. */
  async function archivedForm(p: Person, start: Date): Promise<FormDriver> {
    const form = await fx.create(start, p);
    const buf = Buffer.from(`photo of ${p.customerName} ${Math.random()}`);
    const sha256 = await storeAttachment(buf);
    await fx.db.insert(attachments).values({ complaintId: form.id, sha256, filename: `${p.customerName}-行驶证.jpg`, mime: 'image/jpeg', size: buf.length, fromCustomer: true });
    await form.fire('note', 'desk', { text: `已致电 ${p.customerName}（${p.customerPhone}），客户要求回电。`, customerVisible: true }, at(start, 0.1));
    await form.fire(
      'resolve_on_spot',
      'desk',
      {
        remedy: { kind: 'compensation', description: `补偿 ${p.customerName} 保养费`, amountCents: 30000 },
        rootCause: `技师未清洁空调滤芯（车牌 ${p.plate}）`,
        preventiveAction: '保养清单增加空调滤芯检查',
        followUpWanted: true,
        customerWhen: '今天',
        customerHow: `为 ${p.customerName} 更换滤芯`,
        customerCause: '滤芯未清洁',
        customerPrevention: '增加检查项',
      },
      at(start, 0.2),
    );
    await form.fire('record_follow_up', 'desk', { satisfaction: 4, summary: `${p.customerName} 表示满意` }, at(start, 1));
    await form.fire('pass_assessment', 'desk', { timely: true, standardMet: true, comment: `回访 ${p.customerPhone}` }, at(start, 2));
    return form;
  }

  beforeAll(async () => {
    fx = await openFixture(backend);
    desk = (await loadStaffUser(fx.actors.desk.id, fx.db))!;
    admin = (await loadStaffUser(fx.actors.admin.id, fx.db))!;
    management = (await loadStaffUser(fx.actors.management.id, fx.db))!;
    machao = (await loadStaffUser(fx.actors.machao.id, fx.db))!;
  });

  const auditRows = (action: string) => fx.db.select().from(adminAudit).where(eq(adminAudit.action, action)).orderBy(asc(adminAudit.id));

  it('finds a person by phone (as typed), e-mail (any case) or exact name, and records each look-up with a masked key', async () => {
    const p = person();
    const a = await archivedForm(p, T0);
    const b = await fx.create(at(T0, 3), { ...p, customerEmail: p.customerEmail.toUpperCase() });
    await fx.create(at(T0, 4), person()); // someone else
    const typed = `+86 ${p.customerPhone.slice(0, 3)} ${p.customerPhone.slice(3, 7)} ${p.customerPhone.slice(7)}`;
    expect((await findPerson(desk, key('phone', typed), fx.db)).map((f) => f.number)).toEqual([a.number, b.number]);
    expect((await findPerson(admin, key('email', p.customerEmail.toUpperCase()), fx.db)).map((f) => f.number)).toEqual([a.number, b.number]);
    const byName = await findPerson(desk, key('name', p.customerName), fx.db);
    expect(byName.map((f) => [f.number, f.closedAt !== null])).toEqual([[a.number, true], [b.number, false]]);
    const [row] = (await auditRows('person.find')).slice(-1);
    expect(row).toMatchObject({ actorUserId: desk.id, targetType: 'person', targetLabel: `${[...p.customerName][0]}****` });
    expect(row.after).toEqual({ kind: 'name', forms: [a.number, b.number] });
    const audit = JSON.stringify(await auditRows('person.find'));
    for (const secret of [p.customerPhone, p.customerEmail, p.customerName]) expect(audit).not.toContain(secret);
    expect(audit).toContain(`+86139****${p.customerPhone.slice(-4)}`);
  });

  it('is for the desk and admins only, and never shows a form its viewer may not see', async () => {
    const p = person();
    await fx.create(T0, p);
    for (const u of [management, machao]) expect((await refusal(findPerson(u, key('phone', p.customerPhone), fx.db))).code).toBe('forbidden');
    // The involved party rule: a desk user recorded as involved does not find the form.
    const other = person();
    const form = await fx.create(T0, other);
    await fx.db.execute(sql`insert into complaint_parties (complaint_id, user_id) values (${form.id}, ${desk.id})`);
    expect(await findPerson(desk, key('phone', other.customerPhone), fx.db)).toEqual([]);
    expect((await findPerson(admin, key('phone', other.customerPhone), fx.db)).map((f) => f.number)).toEqual([form.number]);
  });

  it('exports everything held about the person, and records the export', async () => {
    const p = person();
    const a = await archivedForm(p, T0);
    const data = await exportPerson(desk, key('email', p.customerEmail), undefined, fx.db);
    expect(data.forms.map((f) => f.number)).toEqual([a.number]);
    const [f] = data.forms;
    expect(f.customer).toMatchObject({ name: p.customerName, phone: `+86${p.customerPhone}`, email: p.customerEmail });
    expect(f.subject.plate).toBe(p.plate.toUpperCase());
    expect(f.description).toBe(p.description);
    expect(f.history.map((e) => e.type)).toEqual(['create', 'note', 'resolve_on_spot', 'record_follow_up', 'pass_assessment']);
    expect(JSON.stringify(f.history)).toContain(`已致电 ${p.customerName}`);
    expect(f.remedies).toEqual([expect.objectContaining({ kind: 'compensation', description: `补偿 ${p.customerName} 保养费`, amountCents: 30000 })]);
    expect(f.evidence.map((e) => e.filename)).toEqual([`${p.customerName}-行驶证.jpg`]);
    expect(f.messagesToCustomer.length).toBeGreaterThan(0);
    // The access code and the private link are keys, not data about the person: left out.
    const [form] = await fx.db.select().from(complaints).where(eq(complaints.id, a.id));
    expect(JSON.stringify(data)).not.toContain(form.trackingToken);
    const [row] = (await auditRows('person.export')).slice(-1);
    expect(row).toMatchObject({ actorUserId: desk.id, targetLabel: 'p***@example.com', after: { kind: 'email', forms: [a.number] } });
  });

  it('refuses erasure while a form is open or on hold, naming the forms, and changes nothing', async () => {
    const p = person();
    const closed = await archivedForm(p, T0);
    const open = await fx.create(at(T0, 5), p);
    const k = key('phone', p.customerPhone);
    const numbers = [closed.number, open.number];
    const err = await refusal(erasePerson(desk, k, numbers, undefined, fx.db));
    expect(err.code).toBe('open_forms');
    expect(err.params.numbers).toBe(open.number);
    await open.fire('withdraw', 'desk', { reason: `${p.customerName} 撤诉` }, at(T0, 6));

    // Legal hold: admins and management place it, with a reason; the desk may not.
    expect((await refusal(setLegalHold(desk, closed.number, '诉讼', undefined, fx.db))).code).toBe('forbidden');
    await setLegalHold(management, closed.number, '客户已起诉，法院调取证据', undefined, fx.db);
    expect((await refusal(setLegalHold(admin, closed.number, '再次', undefined, fx.db))).code).toBe('already_on_hold');
    const held = await refusal(erasePerson(admin, k, numbers, undefined, fx.db));
    expect(held.code).toBe('on_hold');
    expect(held.params.numbers).toBe(closed.number);
    // A list that is not the forms found (a form came in since): nothing is erased.
    await clearLegalHold(admin, closed.number, fx.db);
    expect((await refusal(erasePerson(desk, k, [closed.number], undefined, fx.db))).code).toBe('changed');
    const [row] = await fx.db.select().from(complaints).where(eq(complaints.id, closed.id));
    expect(row.customerName).toBe(p.customerName);
    expect(row.anonymisedAt).toBeNull();
    expect((await auditRows('legal_hold.set')).slice(-1)[0]).toMatchObject({ actorUserId: management.id, targetLabel: closed.number, after: { reason: '客户已起诉，法院调取证据' } });
    expect((await auditRows('legal_hold.clear')).slice(-1)[0]).toMatchObject({ actorUserId: admin.id, targetLabel: closed.number });
    expect(await auditRows('person.erase')).toEqual([]);
  });

  it('erases every personal field — form, history payloads, outbox, ledger, remedies, files — and keeps numbers, history and counts', async () => {
    const p = person();
    const a = await archivedForm(p, T0);
    const b = await fx.create(at(T0, 1), p);
    await b.fire('reject', 'desk', { explanation: `${p.customerName}，经核实该问题不属于我店责任。` }, at(T0, 1.5));
    // A pending item's ledger notes about the person (written directly: the procedure's path is long).
    const [item] = await fx.db.insert(pendingItems).values({ complaintId: b.id, reason: 'customer_absent', explanation: `${p.customerName} 出差`, nextContactOn: '2026-12-04', closedAt: at(T0, 1.5) }).returning();
    await fx.db.insert(pendingContacts).values({ pendingItemId: item.id, summary: `致电 ${p.customerPhone} 无人接听`, nextContactOn: '2026-12-04' });
    await fx.db.insert(accountabilityEntries).values({ complaintId: a.id, person: '李明', type: 'penalty', amountCents: 5000, reason: `未按规定处理 ${p.customerName} 的车辆` });
    // The same photo on someone else's form: the file stays for them.
    const other = person();
    const kept = await fx.create(T0, other);
    const [shared] = await fx.db.select().from(attachments).where(eq(attachments.complaintId, a.id));
    await fx.db.insert(attachments).values({ complaintId: kept.id, sha256: shared.sha256, filename: 'same.jpg', mime: 'image/jpeg', size: shared.size });
    const onlyB = await storeAttachment(Buffer.from(`only b ${Math.random()}`));
    await fx.db.insert(attachments).values({ complaintId: b.id, sha256: onlyB, filename: `${p.customerName}.pdf`, mime: 'application/pdf', size: 10 });

    const ids = [a.id, b.id];
    const historyBefore = await fx.db.select().from(complaintEvents).where(inArray(complaintEvents.complaintId, ids)).orderBy(asc(complaintEvents.id));
    const formsBefore = await fx.db.select().from(complaints).where(inArray(complaints.id, ids)).orderBy(asc(complaints.number));
    expect((await fx.db.select().from(notifications).where(and(inArray(notifications.complaintId, ids), eq(notifications.audience, 'customer')))).length).toBeGreaterThan(0);
    const report = () => monthlyReport(admin, '2026-11', 'Asia/Shanghai', fx.db);
    const reportBefore = await report();
    // The staff search (trigram, CJK token and phone-digit indexes are expressions over the fields).
    const search = async (f: Record<string, string>) =>
      (await searchComplaints(desk, { q: undefined, number: undefined, name: undefined, plate: undefined, phone: undefined, overdue: false, ...f }, { now: at(T0, 10) }, fx.db)).rows.map((r) => r.number).sort();
    const searches: Record<string, string>[] = [{ phone: p.customerPhone.slice(-6) }, { name: p.customerName }, { q: p.customerName.slice(0, 2) + p.customerName.slice(2, 4) }, { plate: p.plate }, { q: p.subjectProduct }];
    for (const f of searches) expect(await search(f), JSON.stringify(f)).toEqual([a.number, b.number].sort());

    const done = await erasePerson(desk, key('phone', p.customerPhone), [a.number, b.number], at(T0, 10), fx.db);
    expect(done).toEqual({ forms: [a.number, b.number].sort(), files: 1 });

    // Nothing of the person is left in any row about these forms.
    const everything = JSON.stringify([
      await fx.db.select().from(complaints).where(inArray(complaints.id, ids)),
      await fx.db.select().from(complaintEvents).where(inArray(complaintEvents.complaintId, ids)),
      await fx.db.select().from(notifications).where(inArray(notifications.complaintId, ids)),
      await fx.db.select().from(remedies).where(inArray(remedies.complaintId, ids)),
      await fx.db.select().from(pendingItems).where(inArray(pendingItems.complaintId, ids)),
      await fx.db.select().from(pendingContacts).where(eq(pendingContacts.pendingItemId, item.id)),
      await fx.db.select().from(accountabilityEntries).where(inArray(accountabilityEntries.complaintId, ids)),
      await fx.db.select().from(attachments).where(inArray(attachments.complaintId, ids)),
      await fx.db.select().from(adminAudit),
    ]);
    const phoneDigits = p.customerPhone;
    for (const secret of [p.customerName, phoneDigits, p.customerEmail, p.plate.toUpperCase(), p.subjectProduct, p.description, p.customerRequest]) {
      expect(everything, secret).not.toContain(secret);
    }
    const formsAfter = await fx.db.select().from(complaints).where(inArray(complaints.id, ids)).orderBy(asc(complaints.number));
    for (const [before, after] of formsBefore.map((f, i) => [f, formsAfter[i]] as const)) {
      expect(after).toMatchObject({
        number: before.number,
        status: before.status,
        version: before.version,
        severity: before.severity,
        categoryId: before.categoryId,
        receivedAt: before.receivedAt,
        resolvedAt: before.resolvedAt,
        satisfaction: before.satisfaction,
        customerName: '***',
        customerPhone: '***',
        customerEmail: null,
        plate: null,
        description: '***',
      });
      expect(after.anonymisedAt).toEqual(at(T0, 10));
      expect(after.trackingToken).not.toBe(before.trackingToken);
      expect(after.accessCode).not.toBe(before.accessCode);
    }
    // The staff's analysis stays, less the customer's identifiers.
    expect(formsAfter.find((f) => f.id === a.id)!.rootCause).toBe('技师未清洁空调滤芯（车牌 ***）');
    const [entry] = await fx.db.select().from(accountabilityEntries).where(eq(accountabilityEntries.complaintId, a.id));
    expect(entry).toMatchObject({ person: '李明', amountCents: 5000, reason: '未按规定处理 *** 的车辆' });
    // The history: every row kept, in order, with its type, states, time and staff actor; only texts replaced.
    const historyAfter = await fx.db.select().from(complaintEvents).where(inArray(complaintEvents.complaintId, ids)).orderBy(asc(complaintEvents.id));
    const shape = (e: (typeof historyBefore)[number]) => [e.id, e.version, e.type, e.fromState, e.toState, e.actorId, e.actorRole, e.at.toISOString(), e.customerVisible];
    expect(historyAfter.map(shape)).toEqual(historyBefore.map(shape));
    const followUp = historyAfter.find((e) => e.complaintId === a.id && e.type === 'record_follow_up')!;
    expect(followUp.payload).toEqual({ satisfaction: 4, summary: '***' });
    expect(historyAfter.find((e) => e.complaintId === a.id && e.type === 'resolve_on_spot')!.payload).toMatchObject({ remedy: { kind: 'compensation', amountCents: 30000, description: '***' } });
    expect(historyAfter.filter((e) => e.actorRole !== 'customer').map((e) => e.actorName)).toEqual(historyBefore.filter((e) => e.actorRole !== 'customer').map((e) => e.actorName));
    // The outbox: no address; a message still queued is not sent any more.
    const outbox = await fx.db.select().from(notifications).where(and(inArray(notifications.complaintId, ids), eq(notifications.audience, 'customer')));
    expect(outbox.every((n) => n.address === null && n.status !== 'queued')).toBe(true);
    // Files: the form's own file is gone from disk, the shared one stays for the other form.
    expect(await fx.db.select().from(attachments).where(inArray(attachments.complaintId, ids))).toEqual([]);
    expect(fs.existsSync(attachmentPath(onlyB))).toBe(false);
    expect(fs.existsSync(attachmentPath(shared.sha256))).toBe(true);
    // Figures: the monthly report counts the same forms, resolutions and compensation.
    const reportAfter = await report();
    expect(reportAfter.received).toEqual(reportBefore.received);
    expect(reportAfter.compensation.map((c) => [c.number, c.amountCents])).toEqual(reportBefore.compensation.map((c) => [c.number, c.amountCents]));
    for (const f of searches) expect(await search(f), JSON.stringify(f)).toEqual([]);
    expect(await search({ q: a.number })).toEqual([a.number]);
    // The act is on record, without the data; and the person is found no more.
    const [row] = (await auditRows('person.erase')).slice(-1);
    expect(row).toMatchObject({ actorUserId: desk.id, targetType: 'person', targetLabel: `+86139****${phoneDigits.slice(-4)}`, after: { kind: 'phone', forms: [a.number, b.number].sort(), files: 1 } });
    expect(await findPerson(desk, key('phone', p.customerPhone), fx.db)).toEqual([]);
    expect((await refusal(erasePerson(desk, key('phone', p.customerPhone), [a.number], undefined, fx.db))).code).toBe('not_found');
  });

  describe('the history stays append-only but for the anonymisation', () => {
    it('refuses an UPDATE or DELETE of the history without the setting, on a form not anonymised, or of any other column', async () => {
      const p = person();
      const form = await fx.create(T0, p);
      const refused = async (statement: ReturnType<typeof sql>, setting: boolean) => {
        const err = await fx.db
          .transaction(async (tx) => {
            if (setting) await tx.execute(sql`select set_config('kesu.anonymising', 'on', true)`);
            await tx.execute(statement);
          })
          .then(() => undefined, (e: unknown) => e);
        expect(String((err as { cause?: unknown })?.cause ?? err)).toContain('append-only');
      };
      const payload = sql`update complaint_events set payload = '{}'::jsonb where complaint_id = ${form.id}`;
      await refused(payload, false);
      await refused(payload, true); // the form is not anonymised
      await fx.db.update(complaints).set({ anonymisedAt: T0 }).where(eq(complaints.id, form.id));
      await refused(payload, false); // anonymised, but the transaction did not ask
      await refused(sql`update complaint_events set type = 'note' where complaint_id = ${form.id}`, true);
      await refused(sql`update complaint_events set at = now() where complaint_id = ${form.id}`, true);
      await refused(sql`update complaint_events set actor_name = 'x' where complaint_id = ${form.id} and actor_role <> 'customer'`, true);
      await refused(sql`delete from complaint_events where complaint_id = ${form.id}`, true);
      // The one allowed change: the payload (and a customer's own name) of an anonymised form, in a transaction that asked.
      await fx.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('kesu.anonymising', 'on', true)`);
        await tx.execute(payload);
      });
      expect((await form.history()).map((e) => e.payload)).toEqual([{}]);
      // The setting does not outlive its transaction.
      await refused(payload, false);
    });
  });
});
