import { randomInt } from 'node:crypto';
import { LICENSE_KEY_ALPHABET } from '@nextpanel/shared';

const GROUPS = 3;
const GROUP_LENGTH = 4;

/** Picks an index in [0, max); node:crypto's randomInt is uniform (no modulo bias) and unpredictable. */
export type RandomIndex = (max: number) => number;

/**
 * A new license key, `NP-XXXX-XXXX-XXXX`, from the unambiguous alphabet: 31^12 (about 7.9e17)
 * keys, drawn with a cryptographic generator because a key is what a panel trusts, so it must not
 * be guessable from other keys. Uniqueness is the database's job (uq_licenses_license_key).
 */
export function generateLicenseKey(randomIndex: RandomIndex = randomInt): string {
  const groups: string[] = [];
  for (let group = 0; group < GROUPS; group++) {
    let text = '';
    for (let position = 0; position < GROUP_LENGTH; position++) {
      text += LICENSE_KEY_ALPHABET[randomIndex(LICENSE_KEY_ALPHABET.length)];
    }
    groups.push(text);
  }
  return `NP-${groups.join('-')}`;
}
