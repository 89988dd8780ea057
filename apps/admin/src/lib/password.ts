import { PASSWORD_MIN_LENGTH, STRONG_PASSWORD_PATTERN } from '@nextpanel/shared';

// Look-alikes (l/1/I, O/0) are left out: these passwords get read off a screen and typed.
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
// Symbols that survive shells, URLs and e-mail clients without escaping.
const SYMBOLS = '!@#%^*-_=+?';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

export const GENERATED_PASSWORD_LENGTH = 16;

/** A uniformly random integer in [0, bound), without the bias of `random % bound`. */
function randomBelow(bound: number): number {
  const limit = Math.floor(0x1_0000_0000 / bound) * bound;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    const value = buffer[0] ?? 0;
    if (value < limit) return value % bound;
  }
}

function pick(alphabet: string): string {
  return alphabet[randomBelow(alphabet.length)] ?? '';
}

/**
 * A password from the browser's CSPRNG (crypto.getRandomValues) with at least one lower-case
 * letter, upper-case letter, digit and symbol, so it always passes STRONG_PASSWORD_PATTERN.
 */
export function generatePassword(length: number = GENERATED_PASSWORD_LENGTH): string {
  if (length < 8) throw new RangeError('Generated passwords are at least 8 characters');
  const characters = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (characters.length < length) characters.push(pick(ALL));
  // Fisher–Yates, so the guaranteed classes are not always in front.
  for (let index = characters.length - 1; index > 0; index--) {
    const swap = randomBelow(index + 1);
    [characters[index], characters[swap]] = [characters[swap] ?? '', characters[index] ?? ''];
  }
  return characters.join('');
}

export type PasswordStrengthLabel = '' | 'Too weak' | 'Fair' | 'Good' | 'Strong';

export interface PasswordStrength {
  /** 0 empty, 1 refused by the API's rule, 2 to 4 acceptable and getting stronger. */
  score: 0 | 1 | 2 | 3 | 4;
  label: PasswordStrengthLabel;
  /** Passes the rule the API enforces (STRONG_PASSWORD_RULE). */
  acceptable: boolean;
  /** What the rule still wants: "an upper-case letter", "a digit". */
  missing: string[];
  /** Estimated bits of entropy. */
  bits: number;
}

/** The parts of STRONG_PASSWORD_RULE a password does not meet yet, in the rule's words. */
export function missingPasswordRequirements(password: string): string[] {
  const missing: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH)
    missing.push(`at least ${PASSWORD_MIN_LENGTH} characters`);
  if (!/[a-z]/.test(password)) missing.push('a lower-case letter');
  if (!/[A-Z]/.test(password)) missing.push('an upper-case letter');
  if (!/\d/.test(password)) missing.push('a digit');
  return missing;
}

/**
 * A quick estimate: length times the bits of the character classes used, discounted for repeats
 * and runs ("aaaa", "1234"). Anything the API would refuse is "Too weak", whatever its length.
 */
export function passwordStrength(password: string): PasswordStrength {
  if (password.length === 0) {
    return {
      score: 0,
      label: '',
      acceptable: false,
      missing: missingPasswordRequirements(password),
      bits: 0,
    };
  }
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/\d/.test(password)) pool += 10;
  if (/[^a-zA-Z\d]/.test(password)) pool += 33;

  let effectiveLength = 0;
  for (let index = 0; index < password.length; index++) {
    const previous = password.charCodeAt(index - 1);
    const current = password.charCodeAt(index);
    const predictable = index > 0 && Math.abs(current - previous) <= 1;
    effectiveLength += predictable ? 0.25 : 1;
  }
  const bits = Math.round(effectiveLength * Math.log2(Math.max(pool, 1)));
  const acceptable = STRONG_PASSWORD_PATTERN.test(password);
  const missing = missingPasswordRequirements(password);

  if (!acceptable) return { score: 1, label: 'Too weak', acceptable, missing, bits };
  if (bits < 50) return { score: 2, label: 'Fair', acceptable, missing, bits };
  if (bits < 72) return { score: 3, label: 'Good', acceptable, missing, bits };
  return { score: 4, label: 'Strong', acceptable, missing, bits };
}
