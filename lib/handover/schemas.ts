import { z } from 'zod';
import { safeText } from '@/lib/validation/text';

/** The people a form names and a hand-over can change (DESIGN §2: nobody's leave or departure delays a form). */
export const handoverPositions = ['customer_manager', 'handler'] as const;
export type HandoverPosition = (typeof handoverPositions)[number];

const id = () => z.uuid();
const reason = () => safeText({ multiline: true }).min(1).max(1000);

/** One form: who takes which of its positions, and why (the reason is in the history). */
export const handOverFormSchema = z.strictObject({
  complaintId: id(),
  expectedVersion: z.number().int().positive(),
  position: z.enum(handoverPositions),
  toUserId: id(),
  reason: reason(),
});
export type HandOverFormInput = z.input<typeof handOverFormSchema>;

/** Every open form of a leaving person at once, to one successor. */
export const handOverPersonSchema = z.strictObject({
  fromUserId: id(),
  toUserId: id(),
  reason: reason(),
});
export type HandOverPersonInput = z.input<typeof handOverPersonSchema>;

/** An administrator marks a desk user as the head of the customer-service centre, or not. */
export const centreHeadSchema = z.strictObject({ id: id(), centreHead: z.boolean() });
export type CentreHeadInput = z.input<typeof centreHeadSchema>;
