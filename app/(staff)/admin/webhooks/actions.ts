'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { staffAction, UserFacingError } from '@/lib/auth/action';
import { adminLabelNamespaces } from '@/lib/validation/messages';
import { AdminError } from '@/lib/admin/errors';
import {
  createWebhookEndpoint,
  resendWebhookDelivery,
  setWebhookEndpointActive,
  webhookEndpointSchema,
  WebhookUrlError,
} from '@/lib/channels/webhooks/admin';

/** An administrator registers an endpoint; the answer carries its signing secret, shown once. */
export const createWebhookAction = staffAction({ roles: ['admin'], schema: webhookEndpointSchema, labels: adminLabelNamespaces }, async (input, user) => {
  try {
    const { secret } = await createWebhookEndpoint(user, input);
    revalidatePath('/admin/webhooks');
    return { secret };
  } catch (err) {
    if (!(err instanceof WebhookUrlError)) throw err;
    const text = (await getTranslations('channels.webhooks.problems'))(err.problem);
    throw new UserFacingError(text, { url: [text] });
  }
});

const idSchema = z.strictObject({ id: z.uuid() });

/** An AdminError (an endpoint or delivery that is not there) as the admin screens word it. */
async function refusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof AdminError)) throw err;
    throw new UserFacingError((await getTranslations('admin.errors'))(err.code));
  }
}

export const setWebhookActiveAction = staffAction({ roles: ['admin'], schema: idSchema.extend({ active: z.boolean() }) }, async ({ id, active }, user) => {
  await refusals(() => setWebhookEndpointActive(user, id, active));
  revalidatePath('/admin/webhooks');
  return { id };
});

export const resendWebhookAction = staffAction({ roles: ['admin'], schema: idSchema }, async ({ id }, user) => {
  await refusals(() => resendWebhookDelivery(user, id));
  revalidatePath('/admin/webhooks');
  return { id };
});
