import { z } from 'zod';
import { safeText } from '@/lib/validation/text';
import { webhookEventTypes, webhookKinds } from './events';

/** The admin's form for a new endpoint; the server action validates with this same schema. Pure: the form uses it too. */
export const webhookEndpointSchema = z.strictObject({
  url: safeText().min(1).max(2000),
  kind: z.enum(webhookKinds).default('standard'),
  events: z.array(z.enum(webhookEventTypes)).min(1),
  allowPrivate: z.boolean().default(false),
  description: safeText().max(200).optional(),
});
export type WebhookEndpointInput = z.input<typeof webhookEndpointSchema>;
