import { z } from 'zod';
import { safeText } from '@/lib/validation/text';
import { rule } from '@/lib/validation/issues';
import type { Role } from '@/lib/workflow';

/** The roles a key may act in: the procedure's staff roles (an admin key would be a skeleton key; finance sees no form). */
export const apiKeyRoles = ['desk', 'department', 'management', 'gm'] as const satisfies readonly Role[];
/** What a key reads of a form's history: what the customer sees, or all of it. */
export const apiKeyHistory = ['customer', 'full'] as const;
export type ApiKeyHistory = (typeof apiKeyHistory)[number];

/** The admin form's schema (zodResolver on the page, the action on the server). */
export const createApiKeySchema = z
  .object({
    name: safeText().min(1).max(80),
    role: z.enum(apiKeyRoles),
    siteId: z.uuid(),
    /** Required for a department key: it reaches that department's forms only. */
    departmentId: z.union([z.uuid(), z.literal('')]).optional(),
    groupWide: z.boolean().default(false),
    history: z.enum(apiKeyHistory).default('customer'),
  })
  .refine((k) => k.role !== 'department' || !!k.departmentId, rule('departmentNeeded', ['departmentId']));
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
export const revokeApiKeySchema = z.object({ id: z.uuid() });
