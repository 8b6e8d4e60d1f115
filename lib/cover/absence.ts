import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { users } from '@/db/schema';
import { absenceEnd, absentThroughOf } from '@/lib/admin/staff';
import { loadTimeZone } from '@/lib/complaints/settings';
import { localDate } from '@/lib/workflow';
import { ownAbsenceSchema, type OwnAbsenceInput } from './schemas';
import { PromiseError } from '@/lib/promises/errors';

/** The signed-in person's own absence: the last day away, or null. */
export async function loadOwnAbsence(viewer: { id: string }, db?: Db): Promise<string | null> {
  const d = db ?? (await getDb());
  const [u] = await d.select({ absentUntil: users.absentUntil }).from(users).where(eq(users.id, viewer.id));
  if (!u?.absentUntil || u.absentUntil <= new Date()) return null;
  return absentThroughOf(u.absentUntil, await loadTimeZone(d));
}

/**
 * Staff mark themselves absent through a day (or back at work) from their own menu; stored as
 * the instant the absence ends, like the administrators' staff screen (lib/admin/staff.ts).
 * While a head is away, the cover job alerts the secondary handler (lib/cover/alerts.ts).
 */
export async function setOwnAbsence(viewer: { id: string }, input: OwnAbsenceInput, now = new Date(), db?: Db): Promise<string | null> {
  const d = db ?? (await getDb());
  const parsed = ownAbsenceSchema.safeParse(input);
  if (!parsed.success) throw new PromiseError('invalid_input');
  const timeZone = await loadTimeZone(d);
  const day = parsed.data.absentThrough;
  if (day && day < localDate(now, timeZone)) throw new PromiseError('due_in_past', { absentThrough: ['due_in_past'] });
  await d.update(users).set({ absentUntil: day ? absenceEnd(day, timeZone) : null }).where(eq(users.id, viewer.id));
  return day || null;
}
