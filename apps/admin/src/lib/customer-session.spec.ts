import { beforeEach, describe, expect, it } from 'vitest';
import {
  CUSTOMER_SESSION_STORAGE_KEY,
  clearCustomerSession,
  getCustomerAccessToken,
  getCustomerSession,
  resetCustomerSessionStateForTests,
  saveCustomerSession,
} from './customer-session';
import { SESSION_EXPIRY_SKEW_MS, SESSION_STORAGE_KEY, getSession, saveSession } from './session';

beforeEach(() => resetCustomerSessionStateForTests());

describe('customer session', () => {
  it('is stored under its own key, apart from the admin’s session', () => {
    const now = Date.UTC(2026, 0, 1);
    saveSession({ access_token: 'admin-token', token_type: 'bearer', expires_in: 3600 }, now);
    saveCustomerSession(
      { access_token: 'customer-token', token_type: 'bearer', expires_in: 3600 },
      now,
    );

    expect(JSON.parse(window.localStorage.getItem(CUSTOMER_SESSION_STORAGE_KEY) ?? 'null')).toEqual(
      {
        accessToken: 'customer-token',
        expiresAt: now + 3_600_000,
      },
    );
    expect(getCustomerAccessToken(now + 1000)).toBe('customer-token');
    expect(getSession(now + 1000)?.accessToken).toBe('admin-token');

    clearCustomerSession('signed-out');
    expect(getCustomerSession(now + 1000)).toBeNull();
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).not.toBeNull();
  });

  it('counts an expired or tampered session as signed out', () => {
    const now = Date.UTC(2026, 0, 1);
    saveCustomerSession(
      { access_token: 'customer-token', token_type: 'bearer', expires_in: 3600 },
      now,
    );
    expect(getCustomerSession(now + 3_600_000 - SESSION_EXPIRY_SKEW_MS)).toBeNull();

    window.localStorage.setItem(
      CUSTOMER_SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: '', expiresAt: 'soon' }),
    );
    expect(getCustomerSession(now)).toBeNull();
    window.localStorage.setItem(CUSTOMER_SESSION_STORAGE_KEY, '{not json');
    expect(getCustomerSession(now)).toBeNull();
  });
});
