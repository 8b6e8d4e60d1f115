/**
 * The crisis flag's input (the desk's form, its server action and lib/triage/crisis.ts validate
 * with this one schema), and who may set or clear it. No server imports: the form uses it too.
 */
import { z } from 'zod';
import { id, text } from '@/lib/workflow/customer-fields';

/** Who sets and clears the flag on a form: the centre (as at intake), and the admin. */
export const crisisRoles = ['desk', 'admin'] as const;

export const setCrisisSchema = z.strictObject({
  complaintId: id(),
  crisis: z.boolean(),
  reason: text(),
  expectedVersion: z.number().int().min(1),
});
export type SetCrisisArgs = z.input<typeof setCrisisSchema>;
