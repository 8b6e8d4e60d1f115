/** Inputs of the inbox actions, shared by the buttons and the server actions. Pure zod. */
import { z } from 'zod';

export const markInboxReadSchema = z.strictObject({ ids: z.array(z.uuid()).min(1).max(100) });
export const markAllInboxReadSchema = z.strictObject({});
