import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { AuthError, CredentialsSignin } from '@auth/core/errors';
import { createLogger } from '@/lib/log';
import { authLogger } from './auth-logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
  return { logger: createLogger(stream), lines };
}

describe('Auth.js logger', () => {
  it('logs a refused sign-in as one line with its code, no stack, nothing on the console', () => {
    const { logger, lines } = capture();
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => {});
    authLogger(logger).error(new CredentialsSignin());
    // A lock (lib/auth/sign-in.ts SignInLocked) is a CredentialsSignin with its own code.
    const locked = new CredentialsSignin();
    locked.code = 'locked_login_1796119200';
    authLogger(logger).error(locked);
    expect(console).not.toHaveBeenCalled();
    console.mockRestore();
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 40, code: 'credentials', msg: 'sign-in refused' });
    expect(JSON.parse(lines[1]).code).toMatch(/^locked_login_\d+$/);
    expect(lines.join('')).not.toMatch(/\n\s+at |stack/);
  });

  it('logs any other Auth.js error as an error, still without a stack', () => {
    const { logger, lines } = capture();
    authLogger(logger).error(new AuthError('something broke'));
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 50, msg: 'auth error' });
    expect(JSON.stringify(entry)).not.toMatch(/\\n\s+at |"stack"/);
  });
});
