import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes for hosting accounts. The simulator must be able to prove "the password billing
 * sent is the one that is set" without ever keeping the plaintext, so it stores scrypt hashes.
 *
 * Cost N=2^12 (4 MiB, about 10 ms) rather than Node's default 2^14 (about 40 ms): load tests run
 * the billing API and several simulators on the same small machine, and a panel that burns 40 ms
 * of CPU per create would make billing look slow. The parameters are stored in each hash, so a
 * later change of cost still verifies old hashes.
 */
const COST = 2 ** 12;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function deriveKey(
  password: string,
  salt: Buffer,
  params: { cost: number; blockSize: number; parallelism: number; keyLength: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      params.keyLength,
      { N: params.cost, r: params.blockSize, p: params.parallelism },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** Returns `scrypt$N$r$p$<salt b64>$<key b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, {
    cost: COST,
    blockSize: BLOCK_SIZE,
    parallelism: PARALLELISM,
    keyLength: KEY_LENGTH,
  });
  return [
    'scrypt',
    COST,
    BLOCK_SIZE,
    PARALLELISM,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

export async function passwordMatches(password: string, storedHash: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelism, salt, key] = storedHash.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await deriveKey(password, Buffer.from(salt, 'base64'), {
    cost: Number(cost),
    blockSize: Number(blockSize),
    parallelism: Number(parallelism),
    keyLength: expected.length,
  });
  return timingSafeEqual(actual, expected);
}
