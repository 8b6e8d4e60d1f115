import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openDatabase } from '@/db/client';

const base = process.env.TEST_DATABASE_URL;

describe.skipIf(!base)('PostgreSQL that is not there', () => {
  it('a database that does not exist is one clear sentence, not a stack trace or a hang', async () => {
    const url = new URL(base!);
    url.pathname = '/kesu_does_not_exist_42';
    const err = await openDatabase({ url: url.toString() }).catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect(err.message).toMatch(/database "kesu_does_not_exist_42" does not exist .*Create it first/);
  });

  it('a server that does not answer says so', async () => {
    const err = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect(err.message).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1/);
  });
});
