import { z } from 'zod';
import { safeText } from '@/lib/validation/text';
import { isDay } from '@/lib/params';

/**
 * The forms of time promises and of the daily-progress setting, shared by the client forms
 * (zodResolver) and the server actions.
 */

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** A promise told to the customer: what, by when (a day and, optionally, a time of day), customer-visible or not. */
export const recordPromiseSchema = z.strictObject({
  complaintId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  what: safeText().min(1).max(300),
  dueOn: z.string().refine(isDay),
  /** 'HH:MM' business time; empty: the end of the working day. */
  dueTime: z.union([z.literal(''), timeOfDay]).optional(),
  customerVisible: z.boolean().default(false),
});
export type RecordPromiseInput = z.input<typeof recordPromiseSchema>;

export const promiseOutcomes = ['kept', 'broken'] as const;
export type PromiseOutcome = (typeof promiseOutcomes)[number];

/** Kept or broken, with the reason (what was done, or why it could not be). */
export const resolvePromiseSchema = z.strictObject({
  complaintId: z.uuid(),
  promiseId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  outcome: z.enum(promiseOutcomes),
  reason: safeText({ multiline: true }).min(1).max(1000),
});
export type ResolvePromiseInput = z.input<typeof resolvePromiseSchema>;

/** The admin's hour for the automatic progress message. */
export const progressSettingsSchema = z.strictObject({ autoSendAt: timeOfDay });
export type ProgressSettingsInput = z.input<typeof progressSettingsSchema>;
