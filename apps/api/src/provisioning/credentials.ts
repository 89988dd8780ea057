import { randomInt } from 'node:crypto';
import { isPanelUsername, isStrongPassword } from '@nextpanel/shared';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!@#%^*-_=+';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

/** A 16-character temporary panel password with every character class, from the CSPRNG. */
export function generatePanelPassword(length = 16): string {
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)];
  const characters = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (characters.length < length) characters.push(pick(ALL));
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j], characters[i]];
  }
  const password = characters.join('');
  if (!isStrongPassword(password)) throw new Error('generated password failed the strength rule');
  return password;
}

/**
 * A panel username from the customer's email: the local part's letters and digits (at most 10,
 * starting with a letter) plus 4 random digits, so two customers named john rarely collide and
 * a collision is simply drawn again.
 */
export function deriveUsername(email: string): string {
  let stem = email
    .split('@')[0]
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  stem = stem.replace(/^[0-9]+/, '');
  if (stem.length < 2) stem = `user${stem}`;
  const username = `${stem.slice(0, 10)}${String(randomInt(10_000)).padStart(4, '0')}`;
  if (!isPanelUsername(username))
    throw new Error(`derived username ${username} breaks the panel rule`);
  return username;
}
