import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id (the library's default algorithm) with its default cost, within OWASP's guidance.
 * Unknown emails are verified against a real hash of a random string, so a failed login takes
 * as long whether or not the account exists and timing does not reveal who has an account.
 */
let dummyHash: Promise<string> | undefined;
const dummy = (): Promise<string> =>
  (dummyHash ??= hash(`no-such-user-${Math.random().toString(36)}`));

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  try {
    const matches = await verify(passwordHash ?? (await dummy()), password);
    return passwordHash !== null && matches;
  } catch {
    return false;
  }
}
