import { z } from 'zod';
import { safeText } from '@/lib/validation/text';

/**
 * Sign-in input, shared by the login page's action and Auth.js's credentials provider: a NUL
 * in the login must not reach PostgreSQL (a 500), a lone surrogate not the password hash.
 */
export const credentialsSchema = z.object({
  login: safeText().min(1).max(100),
  password: safeText({ trim: false }).min(1).max(200),
});
