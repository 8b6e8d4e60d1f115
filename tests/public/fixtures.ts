import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { seedBase } from '@/db/seed';
import { sites, users } from '@/db/schema';
import type { CommandActor } from '@/lib/complaints/commands';
import type { StaffUser } from '@/db/queries/staff';

/** Reference data and one desk user (no password use: tests act through the command layer). */
export async function setupDesk(db: Db, login = 'desk'): Promise<{ actor: CommandActor; staff: StaffUser; siteId: string }> {
  await seedBase(db);
  const [site] = await db.select().from(sites).where(eq(sites.code, 'main'));
  await db.insert(users).values({ siteId: site.id, login, name: '王丽', role: 'desk', passwordHash: 'x' }).onConflictDoNothing();
  const [u] = await db.select().from(users).where(eq(users.login, login));
  return {
    siteId: site.id,
    actor: { id: u.id, role: 'desk', departmentId: null, departmentPosition: null, name: u.name, siteId: site.id },
    staff: { id: u.id, login, name: u.name, role: 'desk', siteId: site.id, departmentId: null, departmentPosition: null, groupWide: false, locale: 'zh-CN' },
  };
}

export const customerInput = (over: Record<string, unknown> = {}) => ({
  channel: 'web',
  customerName: '林小姐',
  customerPhone: '13800000000',
  categoryCode: 'attitude',
  description: '接待人员态度很差，不回答问题。',
  customerRequest: '希望道歉。',
  ...over,
});

export const resolveOnSpot = {
  remedy: { kind: 'apology', description: '服务经理当面致歉。' },
  rootCause: '接待高峰人手不足。',
  preventiveAction: '高峰期增加接待人员。',
  followUpWanted: true,
  customerWhen: '当场已处理完毕。',
  customerHow: '服务经理当面向您致歉。',
  customerCause: '当时接待人员不足。',
  customerPrevention: '高峰时段增加接待人员。',
};

export const pngBytes = () =>
  new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ff8a0d6a5c0000000049454e44ae426082', 'hex'));
