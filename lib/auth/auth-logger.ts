import type { Logger } from 'pino';
// The class next-auth re-exports (imported from its source so that unit tests need no Next runtime).
import { CredentialsSignin } from '@auth/core/errors';
import { log } from '@/lib/log';

/**
 * Auth.js's `logger`: its default prints every refused sign-in (a wrong password is a thrown
 * CredentialsSignin) to the console with a stack trace. A refused sign-in is an expected event:
 * one pino line with its code ('credentials', or a lock's), no stack, no login or password.
 * Anything else Auth.js reports is an error, logged through `safeError` (no stack either).
 */
export function authLogger(logger: Logger = log) {
  return {
    error(error: Error) {
      if (error instanceof CredentialsSignin) {
        logger.warn({ code: error.code }, 'sign-in refused');
        return;
      }
      logger.error({ err: error }, 'auth error');
    },
    warn(code: string) {
      logger.warn({ code }, 'auth warning');
    },
    debug() {},
  };
}
