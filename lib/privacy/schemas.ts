/**
 * The inputs of the person's-data screens, shared by the forms and the server actions.
 * Pure: safe to import from client components.
 */
import { z } from 'zod';
import { safeText } from '@/lib/validation/text';
import { normalizePhone } from '@/lib/validation/phone';
import { ruleParams } from '@/lib/validation/issues';
import { complaintNumberSchema } from '@/lib/params';

export const personKeyKinds = ['phone', 'email', 'name'] as const;
export type PersonKeyKind = (typeof personKeyKinds)[number];

/** How a customer is looked up: a phone (any way it is typed), an e-mail (any case) or the exact name. */
export const personKeySchema = z
  .strictObject({
    kind: z.enum(personKeyKinds),
    value: safeText().min(1).max(200),
  })
  .transform((key, ctx) => {
    if (key.kind === 'phone') {
      const e164 = normalizePhone(key.value);
      if (!e164) {
        ctx.addIssue({ code: 'custom', path: ['value'], input: key.value, params: ruleParams('phoneInvalid') });
        return z.NEVER;
      }
      return { kind: key.kind, value: e164 };
    }
    if (key.kind === 'email') return { kind: key.kind, value: key.value.toLowerCase() };
    return key;
  });
export type PersonKey = z.output<typeof personKeySchema>;

const formNumbers = z.array(complaintNumberSchema).min(1).max(500);

/**
 * Erasure names the forms the person confirmed: if the forms found differ when the request
 * arrives (a new form came in), nothing is erased and the person looks again.
 */
export const erasePersonSchema = z.strictObject({
  kind: z.enum(personKeyKinds),
  value: safeText().min(1).max(200),
  numbers: formNumbers,
});

export const legalHoldSchema = z.strictObject({
  number: complaintNumberSchema,
  reason: safeText({ multiline: true }).min(1).max(1000),
});
export const clearLegalHoldSchema = z.strictObject({ number: complaintNumberSchema });

export const retentionSchema = z.strictObject({
  years: z.coerce.number<number>().int().min(1).max(30),
});
export type RetentionInput = z.infer<typeof retentionSchema>;
