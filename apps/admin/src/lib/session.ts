import { createSessionStore } from './session-store';

export {
  SESSION_EXPIRY_SKEW_MS,
  isSessionExpired,
  type Session,
  type SessionEndReason,
  type SessionSnapshot,
} from './session-store';

/**
 * The signed-in admin's session: the API's bearer token and the moment it stops being valid.
 * Storage, expiry, idle timers and other tabs are handled by lib/session-store.ts.
 */
export const SESSION_STORAGE_KEY = 'nextpanel.admin.session';

/**
 * `getSession()` is the current session, or `null` when there is none or it has expired;
 * `saveSession` starts one from the API's login answer; `clearSession` ends it (`expired` when the
 * API refused the token (401) or it timed out, `signed-out` when the admin asked for it);
 * `useSession()` is the session as React state (re-renders on sign-in, sign-out and expiry).
 */
export const {
  getSession,
  getAccessToken,
  getEndReason: getSessionEndReason,
  getSnapshot: getSessionSnapshot,
  save: saveSession,
  clear: clearSession,
  subscribe: subscribeToSession,
  useSession,
  /** Tests only: forget in-memory state between cases. */
  resetForTests: resetSessionStateForTests,
} = createSessionStore({ storageKey: SESSION_STORAGE_KEY });
