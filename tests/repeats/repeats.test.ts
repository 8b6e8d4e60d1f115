import { afterEach, beforeAll, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { complaintLinks, complaints } from '@/db/schema';
import { loadStaffUser, type StaffUser } from '@/db/queries/staff';
import { findEarlierForms } from '@/lib/complaints/intake';
import { listQueue, queueSpec } from '@/lib/complaints/queues';
import { monthlyReport } from '@/lib/complaints/reports';
import { loadRepeatLinks } from '@/lib/complaints/repeats';
import { searchComplaints } from '@/lib/complaints/search';
import { queueSummaries } from '@/lib/complaints/summaries';
import { submitPublicComplaint } from '@/lib/public/submit';
import { listInbox } from '@/lib/notify/inbox';
import { forEachBackend } from '@/tests/helpers/databases';
import { openFixture, T0, at, HOUR, type Fixture } from '@/tests/commands/fixtures';

const DAY = 24 * HOUR;

forEachBackend('repeat complaints', (backend) => {
  let fx: Fixture;
  let desk: StaffUser;
  let gm: StaffUser;
  let seq = 0;
  /** A customer of their own: phone, plate and words no other test uses. */
  const customer = () => {
    seq++;
    const n = String(seq).padStart(4, '0');
    return {
      customerPhone: `1370000${n}`,
      plate: `粤Z·R${n}`,
      description: `第 ${seq} 位客户：车辆保养后仪表盘报警灯常亮，一直没有人联系我处理这件事情。`,
    };
  };
  const linksOf = async (id: string) =>
    (await fx.db.select().from(complaintLinks).where(eq(complaintLinks.complaintId, id)).orderBy(asc(complaintLinks.reason))).map((l) => [l.earlierId, l.reason]);

  beforeAll(async () => {
    fx = await openFixture(backend);
    desk = (await loadStaffUser(fx.actors.desk.id, fx.db))!;
    gm = (await loadStaffUser(fx.actors.gm.id, fx.db))!;
  });
  afterEach(() => {
    delete process.env.KESU_REPEAT_DAYS;
  });

  it('stores the phone in E.164 and links a later form of the same phone, however it was typed', async () => {
    const c = customer();
    const first = await fx.create(T0, c);
    const again = await fx.create(at(T0, 5 * 24), { ...c, customerPhone: `+86 ${c.customerPhone.slice(0, 3)} ${c.customerPhone.slice(3, 7)}-${c.customerPhone.slice(7)}`, plate: undefined, description: '又是这个问题，报警灯还亮着，请尽快处理。' });
    expect((await again.row()).customerPhone).toBe(`+86${c.customerPhone}`);
    expect(await linksOf(again.id)).toEqual([[first.id, 'phone']]);
    expect(await linksOf(first.id)).toEqual([]); // the earlier form is not a repeat itself
  });

  it('links the same plate written otherwise, and the same words in the same category', async () => {
    const a = customer();
    const b = customer();
    const first = await fx.create(T0, a);
    const byPlate = await fx.create(at(T0, 1), { ...b, plate: a.plate.replace('·', ' ').toLowerCase() });
    expect(await linksOf(byPlate.id)).toEqual([[first.id, 'plate']]);
    // The same complaint again from another number, without a plate: spacing and punctuation aside.
    const byText = await fx.create(at(T0, 2), { ...customer(), plate: undefined, description: ` ${a.description.replace('，', ', ').replace('。', '')} ` });
    expect(await linksOf(byText.id)).toEqual([[first.id, 'text']]);
    // The same words in another category are another complaint.
    const otherCategory = await fx.create(at(T0, 3), { ...customer(), plate: undefined, description: a.description, categoryCode: 'price' });
    expect(await linksOf(otherCategory.id)).toEqual([]);
    // Phone and plate together: one row per reason.
    const both = await fx.create(at(T0, 4), { ...b, plate: a.plate, description: '另一件事：洗车后车门有划痕，希望给个说法。' });
    const sorted = (rows: string[][]) => rows.map((r) => r.join(' ')).sort();
    expect(sorted(await linksOf(both.id))).toEqual(sorted([[byPlate.id, 'phone'], [first.id, 'plate'], [byPlate.id, 'plate']]));
  });

  it('does not link a form outside the period (KESU_REPEAT_DAYS, 90 days by default)', async () => {
    const c = customer();
    const first = await fx.create(T0, c);
    const late = await fx.create(new Date(T0.getTime() + 91 * DAY), { ...c, plate: undefined, description: '九十多天后又来投诉同样的问题，还是没有修好。' });
    expect(await linksOf(late.id)).toEqual([]);
    process.env.KESU_REPEAT_DAYS = '120';
    const within = await fx.create(new Date(T0.getTime() + 92 * DAY), { ...c, plate: undefined, description: '第三次投诉：报警灯仍然常亮，请给出解决方案。' });
    expect((await linksOf(within.id)).map(([id]) => id).sort()).toEqual([first.id, late.id].sort());
  });

  it('links a web submission too, in its own transaction (a double submit links once)', async () => {
    const c = customer();
    const first = await fx.create(T0, c);
    const key = crypto.randomUUID();
    const submit = () =>
      submitPublicComplaint({
        fields: { idempotencyKey: key, customerName: '刘先生', customerPhone: `${c.customerPhone.slice(0, 3)} ${c.customerPhone.slice(3, 7)} ${c.customerPhone.slice(7)}`, categoryCode: 'quality', description: '网上再反映一次：报警灯的问题还是没有解决。' },
        photos: [],
        honeypot: '',
        ip: `198.51.100.${seq}`,
        locale: 'zh-CN',
      }, at(T0, 30), fx.db);
    const r = await submit();
    await submit();
    expect(r.kind).toBe('created');
    const [web] = await fx.db.select().from(complaints).where(eq(complaints.idempotencyKey, key));
    expect(web.customerPhone).toBe(`+86${c.customerPhone}`);
    expect(await linksOf(web.id)).toEqual([[first.id, 'phone']]);
  });

  it('the desk’s warning, the form page, the queue and the search agree on it', async () => {
    const c = customer();
    const first = await fx.create(T0, c);
    const spaced = `${c.customerPhone.slice(0, 3)} ${c.customerPhone.slice(3, 7)} ${c.customerPhone.slice(7)}`;
    // While typing: the same rule as the stored links, with the number typed with spaces.
    const warning = await findEarlierForms(desk, { phone: spaced }, fx.db, at(T0, 1));
    expect(warning.map((w) => [w.number, w.reasons])).toEqual([[first.number, ['phone']]]);
    expect(await findEarlierForms(desk, { phone: spaced }, fx.db, new Date(T0.getTime() + 100 * DAY))).toEqual([]);
    const again = await fx.create(at(T0, 1), { ...c, plate: undefined, description: '还是同一个问题，请尽快给我答复，谢谢。' });

    const links = await loadRepeatLinks(desk, again.id, fx.db);
    expect(links.earlier.map((l) => [l.number, l.status, l.reasons])).toEqual([[first.number, 'received', ['phone']]]);
    expect((await loadRepeatLinks(desk, first.id, fx.db)).later.map((l) => l.number)).toEqual([again.number]);

    const triage = await listQueue(desk, queueSpec(desk, 'triage')!, { size: 100 }, at(T0, 2), fx.db);
    const flag = (id: string) => triage.rows.find((r) => r.id === id)?.repeat;
    expect(flag(again.id)).toBe(true);
    expect(flag(first.id)).toBe(false);

    // Searching the digits finds it however they are typed.
    for (const typed of [c.customerPhone, spaced, `+86-${c.customerPhone}`, c.customerPhone.slice(-6)]) {
      const found = await searchComplaints(desk, { q: undefined, number: undefined, name: undefined, plate: undefined, overdue: false, phone: typed }, { now: at(T0, 2) }, fx.db);
      expect(found.rows.map((r) => r.number).sort(), typed).toEqual([first.number, again.number].sort());
    }
  });

  it('counted in the monthly report per category and in the weekly summary', async () => {
    // A week and a month of their own (on PostgreSQL the suite shares one database): Monday 2027-06-07.
    const T = new Date('2027-06-07T01:00:00Z');
    const c = { customerPhone: '13655550001', plate: '粤Y·C0001', description: '第一次：保养后发动机异响，一直没有得到处理。' };
    await fx.create(T, { ...c, categoryCode: 'quality' });
    await fx.create(at(T, 2), { ...c, plate: undefined, categoryCode: 'quality', description: '第二次：异响还在，再次投诉。' });
    await fx.create(at(T, 3), { ...c, customerPhone: '13655550002', categoryCode: 'attitude', description: '车牌相同，换了电话号码再来投诉态度问题。' });
    await fx.create(at(T, 4), { customerPhone: '13655550003', plate: undefined, categoryCode: 'attitude', description: '另一位客户，与前面的投诉无关，服务态度差。' });
    const management = (await loadStaffUser(fx.actors.management.id, fx.db))!;
    const report = await monthlyReport(management, '2027-06', 'Asia/Shanghai', fx.db);
    expect(report.received.map((r) => [r.categoryEn, r.forms, r.repeats]).sort()).toEqual([
      ['Product quality', 2, 1],
      ['Service attitude', 2, 1],
    ].sort());

    expect(await queueSummaries(fx.db, 'weekly', new Date('2027-06-08T01:00:00Z'), 'Asia/Shanghai')).toBe(2);
    const [notice] = await listInbox(fx.actors.gm.id, 'zh-CN', 5, fx.db);
    expect(notice.text).toContain('本周受理 4 张');
    expect(notice.text).toContain('重复投诉（同一客户在规定期限内再次投诉）2 张');
    const [en] = await listInbox(fx.actors.management.id, 'en', 5, fx.db);
    expect(en.text).toContain('Repeat complaints among those received (the same customer again within the period): 2.');
  });

  it('the form page shows only the linked forms the viewer may see', async () => {
    const c = customer();
    const first = await fx.create(T0, { ...c, partyUserIds: [fx.actors.gm.id] });
    const again = await fx.create(at(T0, 1), { ...c, plate: undefined, description: '再次投诉：同样的问题仍未解决，请回电。' });
    expect(await linksOf(again.id)).toEqual([[first.id, 'phone']]);
    // The GM is recorded as involved in the earlier form: for them it does not exist.
    expect((await loadRepeatLinks(gm, again.id, fx.db)).earlier).toEqual([]);
    expect((await loadRepeatLinks(desk, again.id, fx.db)).earlier.map((l) => l.number)).toEqual([first.number]);
  });
});
