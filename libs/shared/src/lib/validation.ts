/**
 * Rules both the API and the admin SPA enforce, so a form never accepts what the API refuses.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const EMAIL_MAX_LENGTH = 254;

/** Panel usernames, as NextPanel panels require: a lower-case letter, then lower-case letters or digits; 3 to 16 chars. */
export const PANEL_USERNAME_PATTERN = /^[a-z][a-z0-9]{2,15}$/;
export const PANEL_USERNAME_RULE =
  'username must be 3 to 16 lower-case letters or digits, starting with a letter';

export function isPanelUsername(value: string): boolean {
  return PANEL_USERNAME_PATTERN.test(value);
}

/** Passwords for customers and panel accounts: at least 8 characters with a lower-case letter, an upper-case letter and a digit. */
export const STRONG_PASSWORD_PATTERN = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,128}$/;
export const STRONG_PASSWORD_RULE =
  'password must be 8 to 128 characters with at least one lower-case letter, one upper-case letter and one digit';

export function isStrongPassword(value: string): boolean {
  return STRONG_PASSWORD_PATTERN.test(value);
}

/** License keys look like NP-7KQ2-M9XH-T4WC: an alphabet without 0/O, 1/I/L, so keys read aloud or typed survive. */
export const LICENSE_KEY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LICENSE_KEY_PATTERN =
  /^NP-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}$/;
