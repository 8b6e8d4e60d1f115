import { z } from 'zod';
import { isDay } from '@/lib/params';

/** A staff member's own absence: away through this day (business time), or '' when back. */
export const ownAbsenceSchema = z.strictObject({
  absentThrough: z.union([z.literal(''), z.string().refine(isDay)]),
});
export type OwnAbsenceInput = z.input<typeof ownAbsenceSchema>;
