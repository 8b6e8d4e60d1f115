'use server';

import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/action';
import { markInboxRead } from '@/lib/notify/inbox';
import { markAllInboxReadSchema, markInboxReadSchema } from '@/lib/notify/inbox-schemas';

// Any signed-in staff member, on their own notices only: markInboxRead is scoped to the caller.

export const markInboxReadAction = staffAction({ schema: markInboxReadSchema }, async ({ ids }, user) => {
  const changed = await markInboxRead(user.id, ids);
  revalidatePath('/', 'layout'); // the unread count in the navigation
  return { changed };
});

export const markAllInboxReadAction = staffAction({ schema: markAllInboxReadSchema }, async (_input, user) => {
  const changed = await markInboxRead(user.id, 'all');
  revalidatePath('/', 'layout');
  return { changed };
});
