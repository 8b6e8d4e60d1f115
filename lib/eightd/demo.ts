import 'server-only';
import { and, asc, desc, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { complaints, eightdForms, users } from '@/db/schema';
import { openStates, type Role } from '@/lib/workflow';
import { saveDiscipline, startEightD, type EightDActor } from './commands';
import type { SaveDisciplineInput } from './schemas';

const MINUTE = 60_000;

/**
 * Demo data of issue 21's 8D reports, made through the same commands as the UI: a closed report
 * on an air-conditioning complaint (the lessons learned), and an open one on an engine
 * fault being investigated, D1–D3 done and the root cause next. Run by the start after seedDemo.
 */
export async function seedDemoEightD(db: Db, now = new Date()): Promise<number> {
  if ((await db.select({ id: eightdForms.reportId }).from(eightdForms).limit(1)).length) return 0;
  const people = await db.select().from(users).where(inArray(users.login, ['quality', 'management']));
  const actor = (login: string): EightDActor | null => {
    const u = people.find((p) => p.login === login);
    return u ? { id: u.id, role: u.role as Role, departmentId: u.departmentId, departmentPosition: null, name: u.name, siteId: u.siteId } : null;
  };
  const quality = actor('quality');
  const management = actor('management');
  if (!quality || !management) return 0;
  let made = 0;

  // An archived one where there is one (the whole story told), else the first of its kind.
  const [closedForm] = await db
    .select()
    .from(complaints)
    .where(like(complaints.description, '%空调%'))
    .orderBy(desc(sql`${complaints.status} = 'archived'`), asc(complaints.number))
    .limit(1);
  if (closedForm) {
    const from = closedForm.updatedAt.getTime() + MINUTE;
    const step = (now.getTime() - from) / 10;
    const t = (n: number) => new Date(from + n * step);
    const { reportId } = await startEightD({ complaintId: closedForm.id, expectedVersion: closedForm.version }, management, t(0), db);
    const fill: SaveDisciplineInput[] = [
      { reportId, discipline: 'd1', team: '周敏（质量部，组长）；张强（服务部，维修技术）；孙伟（配件部，供应商联络）；刘洋（管理部）' },
      { reportId, discipline: 'd2', problem: '新车交付约一个月，空调出风口有霉味。同期交付的同批次车辆中另有两台出现类似情况。' },
      { reportId, discipline: 'd3', containment: '库存新车逐台开启空调检查；已交付同批次车辆电话回访并预约免费清洗蒸发箱。' },
      { reportId, discipline: 'd4', rootCause: '新车运输和库存期间空调蒸发箱受潮，交车前未做空调系统除湿和清洁。', why1: '为什么有霉味？蒸发箱表面有霉菌。', why2: '为什么有霉菌？蒸发箱长期潮湿。', why3: '为什么长期潮湿？运输和库存期间车辆密闭、湿度高。', why4: '为什么交车前没有发现？新车 PDI 检查表没有空调气味检查项。', why5: '' },
      { reportId, discipline: 'd5', correctiveActions: '受影响车辆清洗蒸发箱、更换空调滤芯；PDI 增加空调除湿程序。' },
      { reportId, discipline: 'd6', verification: '三台车处理后复检无异味，客户回访满意；新 PDI 程序已试行两周。' },
      { reportId, discipline: 'd7', preventionStandards: 'PDI 检查表增加"空调气味与除湿"项目。', preventionTraining: '交车技师培训空调系统除湿和清洁方法。', preventionSupplier: '要求物流商运输车辆时保持通风，入库湿度超标时通知。' },
      { reportId, discipline: 'd8', closure: '问题关闭。小组总结已在服务部例会通报，表扬交车组及时配合。' },
    ];
    for (let i = 0; i < fill.length; i++) await saveDiscipline(fill[i], i % 3 === 2 ? management : quality, t(i + 1), db);
    made++;
  }

  const [openForm] = await db
    .select()
    .from(complaints)
    .where(and(inArray(complaints.status, [...openStates]), like(complaints.description, '%故障灯%')))
    .orderBy(asc(complaints.number))
    .limit(1);
  if (openForm) {
    const from = Math.max(openForm.updatedAt.getTime() + MINUTE, now.getTime() - 3 * 60 * MINUTE);
    const gap = Math.max(0, Math.min(20 * MINUTE, (now.getTime() - from) / 3));
    const t = (n: number) => new Date(from + n * gap);
    const { reportId } = await startEightD({ complaintId: openForm.id, expectedVersion: openForm.version }, quality, t(0), db);
    await saveDiscipline({ reportId, discipline: 'd1', team: '周敏（质量部，组长）；张强（服务部）；李明（服务部，技师）' }, quality, t(1), db);
    await saveDiscipline({ reportId, discipline: 'd3', containment: '当天保养的车辆逐台回访，检查点火线圈插头。' }, quality, t(2), db);
    made++;
  }
  return made;
}
