/**
 * The admin's triage settings form (/admin/triage) and its action validate with this one schema.
 * No server imports: the form uses it too.
 */
import { z } from 'zod';

export const triageSettingsSchema = z.strictObject({
  /** Below this confidence (percent) a suggestion's label is not offered. */
  confidencePercent: z.coerce.number().int().min(0).max(100),
  /** High-frequency problems: so many similar forms … */
  frequentCount: z.coerce.number().int().min(2).max(50),
  /** … within so many days. */
  frequentDays: z.coerce.number().int().min(1).max(90),
  /** The customer-service centre's head (empty: the site's desk is told of crises). */
  centreHeadUserId: z.string().max(100).optional(),
});
export type TriageSettingsInput = z.input<typeof triageSettingsSchema>;
