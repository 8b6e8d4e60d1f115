import { and, count, desc, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import type { Db } from './client';
import { calendarDays, calendarSettings, categories, complaints, departments, notifications, sites, slaPolicy, users } from './schema';
import { hashPassword } from '@/lib/auth/password';
import { transportConfiguration } from '@/lib/notify/transports';
import { applyEvent, createComplaint, type CommandActor } from '@/lib/complaints/commands';
import { defaultTimeZone, loadCalendar, loadSlaPolicy } from '@/lib/complaints/settings';
import { defaultSlaPolicy, slaKeys, waitsFor, type EventName, type Role } from '@/lib/workflow';
import { generateRound } from '@/lib/documents/generate';
import { roundKinds } from '@/lib/documents/rounds';

const departmentList = [
  { code: 'service', name: '服务部', nameEn: 'Service' },
  { code: 'parts', name: '配件部', nameEn: 'Parts' },
  { code: 'sales', name: '销售部', nameEn: 'Sales' },
  { code: 'finance', name: '财务部', nameEn: 'Finance' },
  { code: 'logistics', name: '物流部', nameEn: 'Logistics' },
  { code: 'quality', name: '质量部', nameEn: 'Quality' },
];

const categoryList = [
  { code: 'quality', name: '产品质量', nameEn: 'Product quality', defaultDepartmentCode: 'quality', defaultSeverity: 'important' },
  { code: 'attitude', name: '服务态度', nameEn: 'Service attitude', defaultDepartmentCode: 'service', defaultSeverity: 'general' },
  { code: 'workmanship', name: '施工质量与文明生产', nameEn: 'Workmanship and site conduct', defaultDepartmentCode: 'service', defaultSeverity: 'general' },
  { code: 'delay', name: '工期延误 / 交付', nameEn: 'Delay / delivery', defaultDepartmentCode: 'logistics', defaultSeverity: 'important' },
  { code: 'parts', name: '配件供应', nameEn: 'Parts availability', defaultDepartmentCode: 'parts', defaultSeverity: 'general' },
  { code: 'price', name: '价格收费', nameEn: 'Price', defaultDepartmentCode: 'finance', defaultSeverity: 'general' },
  { code: 'other', name: '其他', nameEn: 'Other', defaultDepartmentCode: 'service', defaultSeverity: 'general' },
];

// Mainland China 2026 public holidays and makeup working days (调休), as published by the
// State Council; admin maintains the calendar for later years.
const holidays2026 = [
  ['2026-01-01', '2026-01-03', '元旦'],
  ['2026-02-15', '2026-02-23', '春节'],
  ['2026-04-04', '2026-04-06', '清明节'],
  ['2026-05-01', '2026-05-05', '劳动节'],
  ['2026-06-19', '2026-06-21', '端午节'],
  ['2026-09-25', '2026-09-27', '中秋节'],
  ['2026-10-01', '2026-10-07', '国庆节'],
] as const;
const makeupWorkdays2026 = [
  ['2026-01-04', '元旦调休'],
  ['2026-02-14', '春节调休'],
  ['2026-02-28', '春节调休'],
  ['2026-05-09', '劳动节调休'],
  ['2026-09-20', '国庆节调休'],
  ['2026-10-10', '国庆节调休'],
] as const;

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** Reference data every installation needs: one site, departments, categories, calendar, SLA policy. Idempotent. */
export async function seedBase(db: Db): Promise<void> {
  await db.insert(sites).values({ code: 'main', name: '总店' }).onConflictDoNothing();
  const [site] = await db.select().from(sites).where(eq(sites.code, 'main'));
  await db
    .insert(departments)
    .values(departmentList.map((d) => ({ ...d, siteId: site.id })))
    .onConflictDoNothing();
  await db.insert(categories).values(categoryList).onConflictDoNothing();
  await db.insert(calendarSettings).values({ id: 1, timeZone: defaultTimeZone() }).onConflictDoNothing();
  await db
    .insert(calendarDays)
    .values([
      ...holidays2026.flatMap(([from, to, name]) => daysBetween(from, to).map((day) => ({ day, kind: 'holiday', name }))),
      ...makeupWorkdays2026.map(([day, name]) => ({ day, kind: 'workday', name })),
    ])
    .onConflictDoNothing();
  await db
    .insert(slaPolicy)
    .values([
      ...slaKeys.map((key) => ({ key, amount: defaultSlaPolicy[key].amount, unit: defaultSlaPolicy[key].unit })),
      { key: 'pendingContactDay', amount: defaultSlaPolicy.pendingContactDay, unit: 'day_of_month' },
    ])
    .onConflictDoNothing();
}

/** Creates the first administrator of a production installation (from KESU_ADMIN_LOGIN / KESU_ADMIN_PASSWORD). */
export async function ensureAdmin(db: Db, login: string, password: string): Promise<void> {
  const [site] = await db.select().from(sites).where(eq(sites.code, 'main'));
  await db
    .insert(users)
    .values({ siteId: site.id, login: login.toLowerCase(), name: login, role: 'admin', passwordHash: await hashPassword(password) })
    .onConflictDoNothing();
}

export const demoPassword = 'kesu-demo';

/** The demo staff; the integration tests use the same people. */
export const demoUsers = [
  { login: 'desk', name: '王丽', role: 'desk', centreHead: true },
  { login: 'chenchen', name: '陈晨', role: 'desk' },
  { login: 'service', name: '张强', role: 'department', dept: 'service', position: 'head' },
  { login: 'liming', name: '李明', role: 'department', dept: 'service', position: 'primary' },
  { login: 'zhaogang', name: '赵刚', role: 'department', dept: 'service', position: 'secondary' },
  { login: 'machao', name: '马超', role: 'department', dept: 'service' },
  { login: 'parts', name: '孙伟', role: 'department', dept: 'parts', position: 'head' },
  { login: 'quality', name: '周敏', role: 'department', dept: 'quality', position: 'head' },
  { login: 'sales', name: '吴涛', role: 'department', dept: 'sales', position: 'head' },
  { login: 'logistics', name: '郑鹏', role: 'department', dept: 'logistics', position: 'head' },
  { login: 'financehead', name: '钱芳', role: 'department', dept: 'finance', position: 'head' },
  { login: 'management', name: '刘洋', role: 'management' },
  { login: 'gm', name: '黄志远', role: 'gm' },
  { login: 'admin', name: '系统管理员', role: 'admin' },
  { login: 'finance', name: '何静', role: 'finance' },
] as const satisfies readonly DemoUser[];

interface DemoUser {
  login: string;
  name: string;
  role: Role;
  dept?: string;
  position?: 'head' | 'primary' | 'secondary';
  /** Head of the customer-service centre: may hand forms over (lib/handover). */
  centreHead?: boolean;
}
const demoStaff: readonly DemoUser[] = demoUsers;

interface Story {
  category: string;
  channel: 'walk_in' | 'phone' | 'email' | 'social' | 'web' | 'letter';
  customer: string;
  phone: string;
  plate?: string;
  model?: string;
  product?: string;
  description: string;
  request: string;
  rootCause: string;
  remedy: { kind: 'repair' | 'apology' | 'compensation' | 'discount' | 'exchange' | 'certificate' | 'coupon'; description: string; amountCents?: number };
}

const stories: Story[] = [
  { category: 'quality', channel: 'walk_in', customer: '刘建国', phone: '13800138001', plate: '粤A·3K721', model: '凯美瑞 2.5L', description: '车辆保养后第三天仪表盘发动机故障灯亮起，怠速时抖动明显。', request: '尽快查明原因并免费修复。', rootCause: '保养时点火线圈插头未插到位。', remedy: { kind: 'repair', description: '免费重新检查并固定点火线圈插头，赠送一次全车检测。' } },
  { category: 'attitude', channel: 'phone', customer: '陈美玲', phone: '13900139002', plate: '粤B·8M305', model: '雷凌 1.8L', description: '前台接待在我询问维修进度时态度冷淡，多次打断我说话。', request: '希望接待人员道歉，并改进服务态度。', rootCause: '接待高峰时段人员不足，个别员工服务意识不到位。', remedy: { kind: 'apology', description: '服务经理当面致歉，并赠送一次免费洗车。' } },
  { category: 'workmanship', channel: 'walk_in', customer: '张海涛', phone: '13700137003', plate: '粤A·9Q118', model: '汉兰达 2.0T', description: '更换刹车片后发现座椅和方向盘上有油污，车内地垫被弄脏。', request: '清洁车辆内饰。', rootCause: '维修技师未按规定使用座椅套和方向盘套。', remedy: { kind: 'repair', description: '免费内饰深度清洁，并对技师进行文明生产培训。' } },
  { category: 'delay', channel: 'email', customer: '李思琪', phone: '13600136004', plate: '粤C·5T462', model: 'RAV4 荣放', description: '钣金喷漆承诺三天交车，现已第六天仍未完工，没有人主动通知我。', request: '明确交车时间，并对延误给予补偿。', rootCause: '油漆配件到货延误，且未及时告知客户。', remedy: { kind: 'compensation', description: '延误期间提供代步车，并补偿交通费。', amountCents: 30000 } },
  { category: 'parts', channel: 'phone', customer: '王志强', phone: '13500135005', plate: '粤A·2H889', model: '卡罗拉 1.2T', description: '预订的原厂前大灯总成已经等了三周还没到货。', request: '告知准确到货时间，如再拖延希望更换其他方案。', rootCause: '厂家区域仓缺货，订单未加急。', remedy: { kind: 'discount', description: '配件到货后免工时费安装。' } },
  { category: 'price', channel: 'walk_in', customer: '赵雅婷', phone: '13400134006', plate: '粤E·7C210', model: '威驰 1.5L', description: '结算单上多收了一项我没有同意的燃油系统清洗费用。', request: '退还多收的费用。', rootCause: '服务顾问未经客户确认即增加了项目。', remedy: { kind: 'compensation', description: '退还燃油系统清洗费用 280 元。', amountCents: 28000 } },
  { category: 'quality', channel: 'social', customer: '孙浩然', phone: '13300133007', plate: '粤A·6P573', model: '亚洲龙 2.0L', description: '新车提车一个月，空调出风口有异味，网上发帖后才有人联系我。', request: '彻底解决异味问题，并证明更换件为原厂件。', rootCause: '空调蒸发箱存在霉菌，新车运输储存期间受潮。', remedy: { kind: 'certificate', description: '更换空调滤芯并清洗蒸发箱，出具原厂配件证明。' } },
  { category: 'other', channel: 'letter', customer: '周文博', phone: '13200132008', product: '延保服务合同', description: '来信反映购买的延保服务合同条款与销售顾问口头承诺不一致。', request: '按照口头承诺的范围履行延保。', rootCause: '销售话术不规范，合同条款解释不到位。', remedy: { kind: 'coupon', description: '赠送两次保养券，并书面说明延保范围。' } },
  { category: 'attitude', channel: 'web', customer: '吴佳怡', phone: '13100131009', plate: '粤S·4N927', model: 'C-HR', description: '电话预约保养时客服让我等了二十分钟，最后说预约不上。', request: '希望改进预约流程。', rootCause: '预约系统排班未与接待人数同步。', remedy: { kind: 'apology', description: '客服主管回电致歉，并优先安排保养。' } },
  { category: 'workmanship', channel: 'phone', customer: '郑国栋', phone: '13000130010', plate: '粤A·1L356', model: '普拉多', description: '四轮定位后方向盘明显跑偏，高速上需要一直修正方向。', request: '重新做四轮定位并检查悬挂。', rootCause: '定位仪传感器未校准。', remedy: { kind: 'repair', description: '免费重新做四轮定位，并校准定位仪。' } },
];

type Step = [EventName, Record<string, unknown>, string];

/** The events that take a new form to each state, with realistic inputs (who, what). */
function pathTo(target: string, s: Story, ids: { dept: string; manager: string; responsible: string }, major: 'no' | 'waiting' | 'instructed' = 'no'): Step[] {
  const triage: Step = ['triage', { departmentId: ids.dept, severity: 'important', followUpWanted: true, customerManagerId: ids.manager, major: major !== 'no' }, 'desk'];
  const determination: Step = ['submit_determination', {
    founded: true, responsibleDepartmentId: ids.dept, rootCause: s.rootCause, responsibleUserId: ids.responsible, remedyProposal: s.remedy,
    preventiveAction: '纳入月度培训，并在班前会通报。', customerContacted: true,
  }, 'head'];
  const approve: Step = ['approve_opinion', { faultOpinion: '同意责任部门意见，按公司《客户投诉处理规定》处理。' }, 'management'];
  const final: Step = ['approve_final', { opinion: '同意，按管理部意见执行，三日内回复客户。' }, 'gm'];
  const complete: Step = ['complete_handling', {
    remedyDelivered: s.remedy, rootCause: s.rootCause, preventiveAction: '纳入月度培训，并在班前会通报。',
    accountability: [{ userId: ids.responsible, type: 'penalty', amountCents: 20000, reason: '未按作业规范操作，造成客户投诉。' }],
    // What the customer reads on the tracking page: the four answers in plain words.
    customerWhen: '已于处理完成当日全部落实。', customerHow: s.remedy.description, customerCause: s.rootCause,
    customerPrevention: '我们已将此事纳入员工月度培训，并在班前会通报，避免同样的问题再次发生。',
  }, 'management'];
  const followUp: Step = ['record_follow_up', { satisfaction: 5, summary: '客户表示问题已解决，对处理结果满意。' }, 'desk'];
  const instruct: Step = ['instruct', { instruction: '重大投诉：客户经理携服务经理登门拜访，当面听取意见，三日内报处理方案。' }, 'gm'];
  const determined: Step[] = major === 'instructed' ? [triage, instruct, determination] : [triage, determination];
  switch (target) {
    case 'received': return [];
    case 'rejected': return [['reject', { explanation: '经核查，该项目属于车辆正常磨损，不在保修范围内，已向客户详细说明。' }, 'desk']];
    case 'withdrawn': return [triage, ['withdraw', { reason: '客户表示问题已自行解决，主动撤回投诉。' }, 'desk']];
    case 'investigating': return major === 'instructed' ? [triage, instruct] : [triage];
    case 'pending_approval': return [triage, ['propose_pending', { reason: 'parts_delayed', explanation: '原厂配件需从厂家调货，预计四周到货。' }, 'desk']];
    case 'pending': return [...pathTo('pending_approval', s, ids), ['approve_pending', { comment: '同意列入未了事宜，每月4日跟进。' }, 'gm'], ['record_contact', { summary: '已电话联系客户，告知配件仍在途中。' }, 'desk']];
    case 'management_review': return determined;
    case 'negotiation': return [...determined, ['dispute_opinion', { reason: '责任认定依据不足，需召集责任部门与客户经理协商。' }, 'management']];
    case 'gm_decision': return [...determined, approve];
    case 'accountability': return [...determined, approve, final];
    case 'follow_up': return [...determined, approve, final, complete];
    case 'assessment': return [...determined, approve, final, complete, followUp];
    case 'fault_review': return [...determined, approve, final, complete, followUp, ['flag_fault', { fault: '责任部门超过24小时才提交处理意见。' }, 'desk']];
    case 'archived': return [...determined, approve, final, complete, followUp, ['pass_assessment', { timely: true, standardMet: true }, 'desk']];
    default: throw new Error(`no demo path to ${target}`);
  }
}

const demoTargets = [
  'received', 'received', 'received', 'received', 'investigating', 'investigating', 'investigating', 'investigating',
  'pending_approval', 'pending_approval', 'pending', 'pending', 'pending', 'management_review', 'management_review',
  'management_review', 'negotiation', 'negotiation', 'gm_decision', 'gm_decision', 'gm_decision', 'accountability',
  'accountability', 'follow_up', 'follow_up', 'follow_up', 'assessment', 'assessment', 'assessment', 'fault_review',
  'fault_review', 'archived', 'archived', 'archived', 'archived', 'archived', 'rejected', 'rejected', 'withdrawn', 'withdrawn',
];

/** Demo staff (password `kesu-demo`), about 40 forms in every state and four months of closed ones (seedHistory), made through the command layer. */
export async function seedDemo(db: Db, now = new Date(), opts: { history?: boolean } = {}): Promise<{ forms: number }> {
  const [site] = await db.select().from(sites).where(eq(sites.code, 'main'));
  const depts = await db.select().from(departments).where(eq(departments.siteId, site.id));
  const deptId = (code: string) => depts.find((d) => d.code === code)!.id;
  const passwordHash = await hashPassword(demoPassword);
  for (const u of demoStaff) {
    await db
      .insert(users)
      .values({ siteId: site.id, login: u.login, name: u.name, role: u.role, departmentId: u.dept ? deptId(u.dept) : null, centreHead: 'centreHead' in u && !!u.centreHead, passwordHash })
      .onConflictDoNothing();
  }
  const all = await db.select().from(users);
  const byLogin = (login: string) => all.find((u) => u.login === login)!;
  for (const u of demoStaff) {
    if (!u.dept || !u.position) continue;
    const column = u.position === 'head' ? 'headUserId' : u.position === 'primary' ? 'primaryUserId' : 'secondaryUserId';
    await db.update(departments).set({ [column]: byLogin(u.login).id }).where(eq(departments.id, deptId(u.dept)));
  }
  const [{ n }] = await db.select({ n: count() }).from(complaints);
  if (n > 0) return { forms: 0 };

  const actorOf = (login: string, dept?: string): CommandActor => {
    const u = byLogin(login);
    const position = demoStaff.find((d) => d.login === login)?.position ?? null;
    return { id: u.id, role: u.role as Role, departmentId: dept ? deptId(dept) : u.departmentId, departmentPosition: position, name: u.name, siteId: site.id };
  };
  const headOf: Record<string, string> = { service: 'service', parts: 'parts', quality: 'quality', sales: 'sales', logistics: 'logistics', finance: 'financehead' };
  const policy = await loadSlaPolicy(db);
  const calendar = await loadCalendar(db);
  const machao = byLogin('machao');

  let made = 0;
  for (let i = 0; i < demoTargets.length; i++) {
    const target = demoTargets[i];
    const story = stories[i % stories.length];
    const category = categoryList.find((c) => c.code === story.category)!;
    const dept = category.defaultDepartmentCode;
    // Open forms are recent (some past their deadline); closed ones are older.
    const closed = ['archived', 'rejected', 'withdrawn', 'assessment', 'fault_review'].includes(target);
    const ageHours = closed ? 24 * (6 + ((i * 7) % 40)) : 1 + ((i * 5) % 30);
    let at = new Date(now.getTime() - ageHours * 3_600_000);
    const { complaint } = await createComplaint(
      {
        channel: story.channel,
        customerName: story.customer,
        customerPhone: story.phone,
        plate: story.plate,
        vehicleModel: story.model,
        subjectProduct: story.product,
        categoryCode: story.category,
        severity: i % 9 === 0 ? 'urgent' : category.defaultSeverity,
        description: story.description,
        customerRequest: story.request,
        partyUserIds: story.category === 'workmanship' || story.category === 'quality' ? [machao.id] : [],
      },
      actorOf(i % 2 ? 'desk' : 'chenchen'),
      { now: at, policy, calendar },
      db,
    );
    let version = complaint.version;
    // A few major complaints: one still waiting for the GM's instruction, two instructed.
    const major = i === 5 ? 'waiting' : i === 6 || i === 14 ? 'instructed' : 'no';
    const steps = pathTo(target, story, { dept: deptId(dept), manager: byLogin('chenchen').id, responsible: machao.id }, major);
    const stepHours = Math.max(0.2, (ageHours * 0.8) / Math.max(steps.length, 1));
    for (const [event, input, who] of steps) {
      at = new Date(at.getTime() + stepHours * 3_600_000);
      const login = who === 'head' ? headOf[dept] : who;
      const result = await applyEvent(
        { complaintId: complaint.id, event, input, actor: actorOf(login), expectedVersion: version },
        { now: at, policy, calendar },
        db,
      );
      version = result.complaint.version;
    }
    made++;
  }
  if (opts.history) made += await seedHistory(db, now, { actorOf, deptId, headOf, policy, calendar, responsible: machao.id, others: [byLogin('zhaogang').id, byLogin('parts').id], manager: byLogin('chenchen').id });
  // The demo histories are made up: their notices stand for messages sent back then, not now.
  await db.update(notifications).set({ status: 'sent', sentAt: now });
  // Except to the customer on a channel with no provider: nothing could have been sent (issue 17).
  const providers = transportConfiguration();
  const unsent = (['email', 'sms'] as const).filter((c) => !providers[c].configured);
  if (unsent.length) {
    await db.update(notifications).set({ status: 'unsent', sentAt: null }).where(inArray(notifications.channel, [...unsent]));
  }
  await keepCurrentNoticesUnread(db, now);
  // The latest scheduled rounds as documents (/reports/documents), without sending anything.
  for (const kind of roundKinds) await generateRound(db, kind, now, calendar.timeZone, { notify: false });
  return { forms: made };
}

const historyNames = ['林晓东', '黄丽华', '何志明', '罗静怡', '高建华', '梁晓燕', '宋明轩', '唐雨桐', '许国庆', '韩梦婷', '冯子豪', '邓佳琪'];

type SeedContext = {
  actorOf: (login: string, dept?: string) => CommandActor;
  deptId: (code: string) => string;
  headOf: Record<string, string>;
  policy: Awaited<ReturnType<typeof loadSlaPolicy>>;
  calendar: Awaited<ReturnType<typeof loadCalendar>>;
  responsible: string;
  /** Other staff who may be named responsible (none of them an involved party). */
  others: string[];
  manager: string;
};

/**
 * Four months of closed forms behind the demo's open ones, so that every chart of the reports
 * dashboard has something to show (volume by category over the weeks, satisfaction over time,
 * deadline compliance per step, founded and not founded, penalties and compensation): 36 forms,
 * two a week, each through the command layer on short realistic paths (settled on the
 * spot; the full procedure, some steps late; not founded). Satisfaction improves over the months.
 */
async function seedHistory(db: Db, now: Date, ctx: SeedContext): Promise<number> {
  const { actorOf, deptId, headOf, policy, calendar } = ctx;
  const total = 36;
  let made = 0;
  for (let i = 0; i < total; i++) {
    const story = stories[(i * 3) % stories.length];
    const category = categoryList.find((c) => c.code === story.category)!;
    const dept = category.defaultDepartmentCode;
    // Oldest first, from about 125 days ago to 10 days ago, at a working hour.
    const daysAgo = 125 - Math.round(i * 3.3);
    let at = new Date(now.getTime() - daysAgo * 86_400_000 - ((i * 37) % 8) * 3_600_000);
    // Customers of their own (the demo's searches and repeat links stay those of the 40 forms);
    // every seventh calls again about the form before (a repeat complaint).
    const n = i % 7 === 3 ? i - 1 : i;
    const { complaint } = await createComplaint(
      {
        channel: (['walk_in', 'phone', 'web', 'email', 'social', 'phone'] as const)[i % 6],
        customerName: historyNames[n % historyNames.length],
        customerPhone: `135${String(20_000_000 + n * 7919).slice(-8)}`,
        categoryCode: story.category,
        severity: i % 11 === 0 ? 'urgent' : category.defaultSeverity,
        description: `客户来电反映：${story.rootCause.replace(/。$/, '')}，希望尽快处理。（历史记录 ${n + 1}）`,
        customerRequest: '尽快处理并给出说明。',
      },
      actorOf(i % 2 ? 'desk' : 'chenchen'),
      { now: at, policy, calendar },
      db,
    );
    let version = complaint.version;
    const fire = async (event: EventName, input: Record<string, unknown>, who: string, hours: number) => {
      at = new Date(at.getTime() + hours * 3_600_000);
      const login = who === 'head' ? headOf[dept] : who;
      version = (await applyEvent({ complaintId: complaint.id, event, input, actor: actorOf(login), expectedVersion: version }, { now: at, policy, calendar }, db)).complaint.version;
    };
    // Older forms were rated lower: the satisfaction chart shows the improvement.
    const satisfaction = Math.min(5, 3 + Math.floor((i + (i % 3)) / 20));
    const summary = {
      customerWhen: '已于处理完成当日全部落实。', customerHow: story.remedy.description, customerCause: story.rootCause,
      customerPrevention: '我们已将此事纳入员工月度培训，避免同样的问题再次发生。',
    };
    const path = i % 5;
    if (path === 0 || path === 3) {
      // Settled on the spot, called back, assessed.
      await fire('resolve_on_spot', { remedy: story.remedy, rootCause: story.rootCause, preventiveAction: '纳入月度培训。', followUpWanted: true, ...summary }, 'desk', 0.5);
      if (i === total - 3) {
        // One dissatisfied customer: the case is reopened (the dashboard's reopen rate).
        await fire('reopen', { reason: '客户回访时表示问题仍未解决。', satisfaction: 2 }, 'desk', 20);
        made++;
        continue;
      }
      await fire('record_follow_up', { satisfaction, summary: '客户对处理结果表示认可。' }, 'desk', 6 + (i % 4) * 8);
      await fire('pass_assessment', { timely: true, standardMet: true }, 'desk', 30);
    } else if (path === 4 && i % 10 === 9) {
      // Investigated and found not founded.
      await fire('triage', { departmentId: deptId(dept), severity: 'important', followUpWanted: true, customerManagerId: ctx.manager }, 'desk', 0.5);
      await fire('submit_determination', {
        founded: false, rootCause: '经核查，所涉部件并非本店安装。', customerContacted: true,
        customerExplanation: '经核对维修记录，拆下的部件并非本店安装，我们已向您详细说明。',
      }, 'head', 20);
      await fire('approve_opinion', { faultOpinion: '同意不成立的认定。' }, 'management', 2);
      await fire('approve_final', { opinion: '按不成立结案。' }, 'gm', 3);
    } else {
      // The whole procedure; every fourth GM decision and every third follow-up call late.
      await fire('triage', { departmentId: deptId(dept), severity: 'important', followUpWanted: true, customerManagerId: ctx.manager }, 'desk', i % 6 === 1 ? 2 : 0.5);
      await fire('submit_determination', {
        founded: true, responsibleDepartmentId: deptId(dept), rootCause: story.rootCause, responsibleUserId: ctx.responsible,
        remedyProposal: story.remedy, preventiveAction: '纳入月度培训。', customerContacted: true,
      }, 'head', 6 + (i % 5) * 5);
      await fire('approve_opinion', { faultOpinion: '同意责任部门意见。' }, 'management', 2);
      await fire('approve_final', { opinion: '同意，按管理部意见执行。' }, 'gm', i % 4 === 2 ? 7 : 2);
      await fire('complete_handling', {
        remedyDelivered: story.remedy, rootCause: story.rootCause, preventiveAction: '纳入月度培训。',
        // Penalties and rewards for several people, one of them outside the staff directory.
        accountability: [
          i % 8 === 2
            ? { userId: ctx.others[i % ctx.others.length], type: 'reward', amountCents: 10000, reason: '主动协助客户，挽回损失。' }
            : i % 8 === 5
              ? { person: '外协技师 小陈', type: 'penalty', amountCents: 5000, reason: '外协作业不规范。' }
              : { userId: i % 3 ? ctx.responsible : ctx.others[0], type: 'penalty', amountCents: 20000, reason: '未按作业规范操作，造成客户投诉。' },
        ],
        ...summary,
      }, 'management', 5);
      await fire('record_follow_up', { satisfaction, summary: '客户表示问题已解决。' }, 'desk', i % 3 === 0 ? 30 : 8);
      await fire('pass_assessment', { timely: true, standardMet: true }, 'desk', 40);
    }
    made++;
  }
  return made;
}

/**
 * A made-up history is history already read: each person starts with one unread notice per
 * form that waits for them now (its latest), not with every step of every demo form (issue 17).
 */
async function keepCurrentNoticesUnread(db: Db, now: Date): Promise<void> {
  const rows = await db
    .select({
      id: notifications.id,
      recipient: notifications.recipientUserId,
      complaintId: notifications.complaintId,
      role: users.role,
      departmentId: users.departmentId,
      status: complaints.status,
      formDepartmentId: complaints.departmentId,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.recipientUserId))
    .innerJoin(complaints, eq(complaints.id, notifications.complaintId))
    .where(eq(notifications.channel, 'inbox'))
    .orderBy(desc(notifications.createdAt), desc(notifications.id));
  const seen = new Set<string>();
  const keep: string[] = [];
  for (const r of rows) {
    const key = `${r.recipient}:${r.complaintId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const viewer = { id: r.recipient!, role: r.role as Role, departmentId: r.departmentId };
    if (waitsFor(viewer, { status: r.status, departmentId: r.formDepartmentId })) keep.push(r.id);
  }
  const unread = and(eq(notifications.channel, 'inbox'), isNull(notifications.readAt));
  await db.update(notifications).set({ readAt: now }).where(keep.length ? and(unread, notInArray(notifications.id, keep)) : unread);
}
