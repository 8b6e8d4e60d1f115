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

export const createUserAction = staffAction({ roles: ['admin'], schema: createUserSchema, labels: adminLabelNamespaces }, async (input, user) => {
  const created = await refusals(async () => createUser(input, user));
  revalidatePath('/admin/staff');
  return created;
});

export const updateUserAction = staffAction({ roles: ['admin'], schema: updateUserSchema, labels: adminLabelNamespaces }, async (input, user) => {
  await refusals(async () => updateUser(input, user));
  revalidatePath('/admin/staff', 'layout');
  return null;
});

export const resetPasswordAction = staffAction({ roles: ['admin'], schema: resetPasswordSchema, labels: adminLabelNamespaces }, async (input, user) => {
  await refusals(async () => resetPassword(input, user));
  return null;
});

export const setUserActiveAction = staffAction({ roles: ['admin'], schema: setActiveSchema, labels: adminLabelNamespaces }, async (input, user) => {
  await refusals(async () => setUserActive(input, user));
  revalidatePath('/admin/staff', 'layout');
  return null;
});

export const setDepartmentHandlersAction = staffAction({ roles: ['admin'], schema: departmentHandlersSchema, labels: adminLabelNamespaces }, async (input, user) => {
  await refusals(async () => setDepartmentHandlers(input, user));
  revalidatePath('/admin/staff');
  return null;
});

// ---- business set-up: the commands check the admin role again (lib/admin/setup.ts) -------------

export const createDepartmentAction = staffAction({ roles: ['admin'], schema: createDepartmentSchema }, async (input, user) => {
  const created = await refusals(async () => createDepartment(input, user));
  revalidatePath('/admin', 'layout');
  return created;
});

export const updateDepartmentAction = staffAction({ roles: ['admin'], schema: updateDepartmentSchema }, async (input, user) => {
  await refusals(async () => updateDepartment(input, user));
  revalidatePath('/admin', 'layout');
  return null;
});

export const createCategoryAction = staffAction({ roles: ['admin'], schema: createCategorySchema }, async (input, user) => {
  const created = await refusals(async () => createCategory(input, user));
  revalidatePath('/admin/categories');
  return created;
});

export const updateCategoryAction = staffAction({ roles: ['admin'], schema: updateCategorySchema }, async (input, user) => {
  await refusals(async () => updateCategory(input, user));
  revalidatePath('/admin/categories', 'layout');
  return null;
});

export const createSiteAction = staffAction({ roles: ['admin'], schema: createSiteSchema }, async (input, user) => {
  const created = await refusals(async () => createSite(input, user));
  revalidatePath('/admin', 'layout');
  return created;
});

export const updateSiteAction = staffAction({ roles: ['admin'], schema: updateSiteSchema }, async (input, user) => {
  await refusals(async () => updateSite(input, user));
  revalidatePath('/admin', 'layout');
  return null;
});
