/**
 * Input schemas of the admin area, shared by the forms (zodResolver) and the server actions.
 * Pure zod: safe to import from client components.
 */
import { z } from 'zod';
import { safeText } from '@/lib/validation/text';
import { rule, ruleParams } from '@/lib/validation/issues';
import { isDay } from '@/lib/params';
import { businessCalendarSchema, departmentPositions, roles, severities, slaPolicySchema } from '@/lib/workflow';

export { slaPolicySchema };

// ---- outbox ---------------------------------------------------------------------------------

export const notificationStatuses = ['queued', 'sending', 'sent', 'unsent', 'failed'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];
export const notificationChannels = ['email', 'sms', 'inbox'] as const;

export const retryNotificationSchema = z.strictObject({ id: z.uuid() });

// ---- business calendar -------------------------------------------------------------------------

const cal = businessCalendarSchema.shape;

/**
 * 'YYYY-MM-DD', a real day in the portal's years (lib/params: 2000–2100). z.iso.date() alone
 * lets '0000-01-01' through, which PostgreSQL's date refuses with an error (a 500).
 */
export const portalDaySchema = z.string().refine(isDay, { params: ruleParams('dayInRange') });

/** Time zone and working hours: the same field rules as businessCalendarSchema. */
export const calendarSettingsSchema = z
  .strictObject({ timeZone: cal.timeZone, workdayStart: cal.workdayStart, workdayEnd: cal.workdayEnd })
  .refine((c) => c.workdayStart < c.workdayEnd, rule('workdayEndAfterStart', ['workdayEnd']));
export type CalendarSettingsInput = z.infer<typeof calendarSettingsSchema>;

export const calendarDayKinds = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];

/** One holiday or makeup working day (调休); the date rule is the one of businessCalendarSchema.holidays. */
export const calendarDaySchema = z.strictObject({
  day: portalDaySchema,
  kind: z.enum(calendarDayKinds),
  // Not a union: the bad-character issue must reach the field as it is, not wrapped in invalid_union.
  name: safeText()
    .max(50)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
});
export type CalendarDayInput = z.input<typeof calendarDaySchema>;

export const removeCalendarDaySchema = z.strictObject({ day: portalDaySchema });

// ---- staff -------------------------------------------------------------------------------------

// Not trimmed: spaces around a password are part of it. Lone surrogates would be hashed as U+FFFD.
export const passwordSchema = safeText({ trim: false }).min(10).max(200);
const optionalId = z
  .union([z.uuid(), z.literal(''), z.null()])
  .optional()
  .transform((v) => (v ? v : null));
/** 'YYYY-MM-DD' (absent through that day, business time zone) or empty for "not absent". */
const optionalDate = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isDay(v), { params: ruleParams('dayInRange') });

const departmentNeeded = rule('departmentNeeded', ['departmentId']);

export const createUserSchema = z
  .strictObject({
  login: safeText()
    .toLowerCase()
    // min and max first: an empty login is "fill it in", and the field's maxLength comes from max.
    .min(1)
    .max(50)
    .regex(/^[a-z0-9][a-z0-9._-]{1,49}$/),
  name: safeText().min(1).max(100),
  role: z.enum(roles),
  departmentId: optionalId,
  password: passwordSchema,
  })
  .refine((u) => u.role !== 'department' || !!u.departmentId, departmentNeeded);
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    id: z.uuid(),
    role: z.enum(roles),
    departmentId: optionalId,
    absentUntil: optionalDate,
  })
  .refine((u) => u.role !== 'department' || !!u.departmentId, departmentNeeded);
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const resetPasswordSchema = z.strictObject({ id: z.uuid(), password: passwordSchema });
export const setActiveSchema = z.strictObject({ id: z.uuid(), active: z.boolean() });

export const departmentHandlersSchema = z.strictObject({
  departmentId: z.uuid(),
  headUserId: optionalId,
  primaryUserId: optionalId,
  secondaryUserId: optionalId,
});
export type DepartmentHandlersInput = z.input<typeof departmentHandlersSchema>;
export { departmentPositions };

// ---- business set-up: sites, departments, categories --------------------------------------------

/** A code that reports, links and the seed refer to: lower-case letters, digits, "_"; fixed once created. */
const codeSchema = safeText()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{1,29}$/);
const nameSchema = safeText().min(1).max(100);

export const createSiteSchema = z.strictObject({ code: codeSchema, name: nameSchema });
export type CreateSiteInput = z.input<typeof createSiteSchema>;
export const updateSiteSchema = z.strictObject({ id: z.uuid(), name: nameSchema });
export type UpdateSiteInput = z.input<typeof updateSiteSchema>;

export const createDepartmentSchema = z.strictObject({
  code: codeSchema,
  name: nameSchema,
  nameEn: nameSchema,
  /** Only offered once there are two sites; otherwise the admin's own site. */
  siteId: optionalId,
});
export type CreateDepartmentInput = z.input<typeof createDepartmentSchema>;

export const updateDepartmentSchema = z.strictObject({
  id: z.uuid(),
  name: nameSchema,
  nameEn: nameSchema,
  headUserId: optionalId,
  primaryUserId: optionalId,
  secondaryUserId: optionalId,
});
export type UpdateDepartmentInput = z.input<typeof updateDepartmentSchema>;

// A code is looked up: NUL or a control character would reach the query (a 500).
const optionalCode = safeText()
  .max(30)
  .nullable()
  .optional()
  .transform((v) => (v ? v : null));

export const createCategorySchema = z.strictObject({
  code: codeSchema,
  name: nameSchema,
  nameEn: nameSchema,
  defaultDepartmentCode: optionalCode,
  defaultSeverity: z.enum(severities),
});
export type CreateCategoryInput = z.input<typeof createCategorySchema>;

export const updateCategorySchema = z.strictObject({
  id: z.uuid(),
  name: nameSchema,
  nameEn: nameSchema,
  defaultDepartmentCode: optionalCode,
  defaultSeverity: z.enum(severities),
  active: z.boolean(),
});
export type UpdateCategoryInput = z.input<typeof updateCategorySchema>;

// ---- sign-in security -------------------------------------------------------------------------

/** A throttle key as the security page lists it (lib/auth/throttle.ts); NUL would reach the query. */
export const liftLockSchema = z.strictObject({
  key: safeText({ trim: false })
    .max(200)
    .regex(/^(login|address|pair):./),
});
