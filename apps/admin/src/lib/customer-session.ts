import { createSessionStore } from './session-store';

/**
 * The signed-in customer's session on the storefront and in /my.
 *
 * Kept apart from the admin's session (lib/session.ts) on purpose: an administrator who opens
 * the store in the same browser must not buy as, or see /my as, their admin account, and a
 * customer signing in on the store must not sign the admin out of the dashboard. Same shape and
 * rules as the admin's session (lib/session-store.ts: expiry with a skew, other tabs followed
 * through `storage`), under its own storage key.
 */
export const CUSTOMER_SESSION_STORAGE_KEY = 'nextpanel.customer.session';

/**
 * The customer's counterparts of lib/session.ts: `getCustomerSession()`, `saveCustomerSession`
 * (from the API's register or login answer), `clearCustomerSession`, `useCustomerSession()`.
 */
export const {
  getSession: getCustomerSession,
  getAccessToken: getCustomerAccessToken,
  save: saveCustomerSession,
  clear: clearCustomerSession,
  useSession: useCustomerSession,
  /** Tests only: forget in-memory state between cases. */
  resetForTests: resetCustomerSessionStateForTests,
} = createSessionStore({ storageKey: CUSTOMER_SESSION_STORAGE_KEY });
