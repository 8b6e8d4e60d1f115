import { hash, verify } from '@node-rs/argon2';

const options = { algorithm: 2 /* Argon2id (a const enum, not importable under isolatedModules) */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verified even for an unknown login, so the timing does not tell whether the login exists.
const dummyHash = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0XTPdGzaGkqzT0C9Ak8hLdS9kqwOAOM8nMPYmxaV7iM';

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? dummyHash, password);
    return ok && passwordHash !== null;
  } catch {
    return false;
  }
}
