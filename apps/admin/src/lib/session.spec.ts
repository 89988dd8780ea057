import { describe, expect, it } from 'vitest';
import {
  SESSION_EXPIRY_SKEW_MS,
  SESSION_STORAGE_KEY,
  clearSession,
  getAccessToken,
  getSession,
  getSessionEndReason,
  saveSession,
} from './session';

describe('session', () => {
  it('stores the token with an expiry computed from expires_in', () => {
    const now = Date.UTC(2025, 0, 1);
    const session = saveSession(
      { access_token: 'abc', token_type: 'bearer', expires_in: 3600 },
      now,
    );

    expect(session).toEqual({ accessToken: 'abc', expiresAt: now + 3_600_000 });
    expect(JSON.parse(window.localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null')).toEqual(session);
    expect(getSession(now + 1000)).toEqual(session);
    expect(getAccessToken(now + 1000)).toBe('abc');
    expect(getSessionEndReason(now + 1000)).toBeNull();
  });

  it('counts an expired session as signed out', () => {
    const now = Date.UTC(2025, 0, 1);
    saveSession({ access_token: 'abc', token_type: 'bearer', expires_in: 3600 }, now);

    const afterExpiry = now + 3_600_000;
    expect(getSession(afterExpiry)).toBeNull();
    expect(getAccessToken(afterExpiry)).toBeNull();
    expect(getSessionEndReason(afterExpiry)).toBe('expired');
    // Slightly before the API's deadline already counts, so no request dies in flight.
    expect(getSession(afterExpiry - SESSION_EXPIRY_SKEW_MS)).toBeNull();
    expect(getSession(afterExpiry - SESSION_EXPIRY_SKEW_MS - 1)).not.toBeNull();
  });

  it('reads an expired session left in storage (a tab reopened the next day) as signed out', () => {
    window.localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 'old', expiresAt: Date.now() - 60_000 }),
    );
    expect(getSession()).toBeNull();
    expect(getSessionEndReason()).toBe('expired');
  });

  it.each([
    'not json',
    '{}',
    '{"accessToken":"","expiresAt":1}',
    '{"accessToken":"x","expiresAt":"soon"}',
  ])('ignores malformed stored value %s', (raw) => {
    window.localStorage.setItem(SESSION_STORAGE_KEY, raw);
    expect(getSession()).toBeNull();
  });

  it('remembers why the session ended', () => {
    saveSession({ access_token: 'abc', token_type: 'bearer', expires_in: 3600 });
    clearSession('signed-out');

    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(getSession()).toBeNull();
    expect(getSessionEndReason()).toBe('signed-out');

    saveSession({ access_token: 'def', token_type: 'bearer', expires_in: 3600 });
    expect(getSessionEndReason()).toBeNull();
  });
});
