'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { staffAction, UserFacingError } from '@/lib/auth/action';
import { adminLabelNamespaces } from '@/lib/validation/messages';
import { addCalendarDay, removeCalendarDay, saveCalendarSettings } from '@/lib/admin/calendar';
import { AdminError } from '@/lib/admin/errors';
import { retryNotification } from '@/lib/admin/outbox';
import {
  calendarDaySchema,
  calendarSettingsSchema,
  createCategorySchema,
  createDepartmentSchema,
  createSiteSchema,
  createUserSchema,
  departmentHandlersSchema,
  removeCalendarDaySchema,
  resetPasswordSchema,
  retryNotificationSchema,
  setActiveSchema,
  slaPolicySchema,
  updateCategorySchema,
  updateDepartmentSchema,
  updateSiteSchema,
  updateUserSchema,
} from '@/lib/admin/schemas';
import { createCategory, createDepartment, createSite, updateCategory, updateDepartment, updateSite } from '@/lib/admin/setup';
import { saveSlaPolicy } from '@/lib/admin/sla';
import { createUser, resetPassword, setDepartmentHandlers, setUserActive, updateUser } from '@/lib/admin/staff';
import { kickOutbox } from '@/lib/jobs';
import type { SlaPolicy } from '@/lib/workflow';
import type { StaffUser } from '@/lib/auth/session';
import type { z } from 'zod';

// Every admin write: staffAction signs the caller in from the session, refuses any role but
// admin, and parses the input with the same zod schema the form's zodResolver uses.

/** Turns an AdminError into a translated message (next to its field when it names one). */
async function refusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof AdminError)) throw err;
    const t = await getTranslations('admin.errors');
    const message = t(err.code);
    throw new UserFacingError(message, err.field ? { [err.field]: [message] } : undefined);
  }
}

type Refresh = readonly [path: string, type?: 'layout' | 'page'];

/**
 * An admin write that is one lib command taking (input, the signed-in admin): its refusals become
 * messages, then `refresh` is revalidated. `labels`: null for the set-up forms, whose field names
 * are their own.
 */
function adminCommand<S extends z.ZodType, R>(
  schema: S,
  command: (input: z.infer<S>, viewer: StaffUser) => Promise<R>,
  refresh: Refresh | null,
  labels: readonly string[] | null = adminLabelNamespaces,
) {
  return staffAction({ roles: ['admin'], schema, labels: labels ?? undefined }, async (input, user) => {
    const result = await refusals(async () => command(input, user));
    if (refresh) revalidatePath(...refresh);
    // Nothing (a void command) travels as null.
    return (result ?? null) as R;
  });
}

export const retryNotificationAction = staffAction({ roles: ['admin'], schema: retryNotificationSchema, labels: adminLabelNamespaces }, async ({ id }, user) => {
  await refusals(async () => retryNotification(id, undefined, user.id));
  await kickOutbox().catch(() => {});
  revalidatePath('/admin/outbox');
  return { id };
});

export const saveSlaPolicyAction = staffAction({ roles: ['admin'], schema: slaPolicySchema, labels: adminLabelNamespaces }, async (policy, user) => {
  await saveSlaPolicy(policy as SlaPolicy, user.id);
  revalidatePath('/admin/sla');
  return null;
});

export const saveCalendarSettingsAction = staffAction({ roles: ['admin'], schema: calendarSettingsSchema, labels: adminLabelNamespaces }, async (input, user) => {
  await saveCalendarSettings(input, user.id);
  revalidatePath('/admin/calendar');
  return null;
});

export const addCalendarDayAction = staffAction({ roles: ['admin'], schema: calendarDaySchema, labels: adminLabelNamespaces }, async (input, user) => {
  const day = await refusals(async () => addCalendarDay(input, user.id));
  revalidatePath('/admin/calendar');
  return day;
});

export const removeCalendarDayAction = staffAction({ roles: ['admin'], schema: removeCalendarDaySchema, labels: adminLabelNamespaces }, async ({ day }, user) => {
  await refusals(async () => removeCalendarDay(day, user.id));
  revalidatePath('/admin/calendar');
  return null;
});

export const createUserAction = adminCommand(createUserSchema, createUser, ['/admin/staff']);

export const updateUserAction = adminCommand(updateUserSchema, updateUser, ['/admin/staff', 'layout']);

export const resetPasswordAction = adminCommand(resetPasswordSchema, resetPassword, null);

export const setUserActiveAction = adminCommand(setActiveSchema, setUserActive, ['/admin/staff', 'layout']);

export const setDepartmentHandlersAction = adminCommand(departmentHandlersSchema, setDepartmentHandlers, ['/admin/staff']);

// ---- business set-up: the commands check the admin role again (lib/admin/setup.ts) -------------

export const createDepartmentAction = adminCommand(createDepartmentSchema, createDepartment, ['/admin', 'layout'], null);

export const updateDepartmentAction = adminCommand(updateDepartmentSchema, updateDepartment, ['/admin', 'layout'], null);

export const createCategoryAction = adminCommand(createCategorySchema, createCategory, ['/admin/categories'], null);

export const updateCategoryAction = adminCommand(updateCategorySchema, updateCategory, ['/admin/categories', 'layout'], null);

export const createSiteAction = adminCommand(createSiteSchema, createSite, ['/admin', 'layout'], null);

export const updateSiteAction = adminCommand(updateSiteSchema, updateSite, ['/admin', 'layout'], null);
