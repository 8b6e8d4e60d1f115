import { z } from 'zod';
import { optionalText, text } from '@/lib/workflow/customer-fields';

/**
 * The 8D report's disciplines and their forms, shared by the client forms (zodResolver), the
 * server actions and the commands (lib/eightd/reports.ts). Pure: no database.
 */
export const disciplines = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'] as const;
export type Discipline = (typeof disciplines)[number];

/**
 * Each discipline's deadline in working days from the report's opening, on the business calendar:
 * team and problem at once, containment within a working day (the customer's product must be safe
 * first), the root cause within a week, the lasting actions within six.
 */
export const disciplineDays: Record<Discipline, number> = { d1: 1, d2: 1, d3: 1, d4: 5, d5: 10, d6: 20, d7: 25, d8: 30 };

/** The fields of each discipline's form, in order; the first is required (D4 also needs its first why). */
export const disciplineFields = {
  d1: ['team'],
  d2: ['problem'],
  d3: ['containment'],
  d4: ['rootCause', 'why1', 'why2', 'why3', 'why4', 'why5'],
  d5: ['correctiveActions'],
  d6: ['verification'],
  d7: ['preventionStandards', 'preventionTraining', 'preventionSupplier'],
  d8: ['closure'],
} as const satisfies Record<Discipline, readonly string[]>;
export type DisciplineField = (typeof disciplineFields)[Discipline][number];

const base = { reportId: z.uuid() };
const long = () => text(4000);
const why = () => optionalText(500);

/** One discipline's content; saving it completes the discipline (D8 closes the report). */
export const saveDisciplineSchema = z.discriminatedUnion('discipline', [
  z.strictObject({ ...base, discipline: z.literal('d1'), team: long() }),
  z.strictObject({ ...base, discipline: z.literal('d2'), problem: long() }),
  z.strictObject({ ...base, discipline: z.literal('d3'), containment: long() }),
  z.strictObject({ ...base, discipline: z.literal('d4'), rootCause: long(), why1: text(500), why2: why(), why3: why(), why4: why(), why5: why() }),
  z.strictObject({ ...base, discipline: z.literal('d5'), correctiveActions: long() }),
  z.strictObject({ ...base, discipline: z.literal('d6'), verification: long() }),
  z.strictObject({ ...base, discipline: z.literal('d7'), preventionStandards: long(), preventionTraining: optionalText(), preventionSupplier: optionalText() }),
  z.strictObject({ ...base, discipline: z.literal('d8'), closure: long() }),
]);
export type SaveDisciplineInput = z.input<typeof saveDisciplineSchema>;

/** Start a report on a form, or attach the form to an open report (`reportId`). */
export const startEightDSchema = z.strictObject({
  complaintId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  reportId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()),
});
export type StartEightDInput = z.input<typeof startEightDSchema>;

/** The lessons-learned search. */
export const lessonsQuerySchema = z.object({ q: z.string().trim().max(100).optional() });
