'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { staffAction, UserFacingError } from '@/lib/auth/action';
import { adminLabelNamespaces } from '@/lib/validation/messages';
import { calendarYearSchema } from '@/lib/calendar/schemas';
import { CalendarError, confirmYear, importOfficialYear } from '@/lib/calendar/years';

async function refusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof CalendarError)) throw err;
    throw new UserFacingError((await getTranslations('calendar.errors'))(err.code), undefined, err.code);
  }
}

/** Writes the official holidays and makeup days of a year the package covers; the year then waits for confirmation. */
export const importCalendarYearAction = staffAction({ roles: ['admin'], schema: calendarYearSchema, labels: adminLabelNamespaces }, async ({ year }, user) => {
  const result = await refusals(() => importOfficialYear(user, year));
  revalidatePath('/admin', 'layout');
  return result;
});

/** The admin confirms a year's calendar after reviewing its days. */
export const confirmCalendarYearAction = staffAction({ roles: ['admin'], schema: calendarYearSchema, labels: adminLabelNamespaces }, async ({ year }, user) => {
  await refusals(() => confirmYear(user, year));
  revalidatePath('/admin', 'layout');
  return null;
});
