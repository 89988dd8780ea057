/**
 * Rules both the API and the admin SPA enforce, so a form never accepts what the API refuses.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const EMAIL_MAX_LENGTH = 254;

/** Panel usernames: lower-case letter first, then letters, digits or underscores; 3 to 32 chars. */
export const PANEL_USERNAME_PATTERN = /^[a-z][a-z0-9_]{2,31}$/;

export function isPanelUsername(value: string): boolean {
  return PANEL_USERNAME_PATTERN.test(value);
}
