import { useSyncExternalStore } from 'react';
import type { LoginResponse } from '@nextpanel/shared';

/**
 * One signed-in session (the admin's in lib/session.ts, the customer's in lib/customer-session.ts):
 * the API's bearer token and the moment it stops being valid.
 *
 * Stored in localStorage under one key so a reload or a second tab stays signed in. The token is
 * opaque to us; `expiresAt` is computed from `expires_in` at sign-in time, because the clock of
 * the browser is the only one we can read later. An expired token counts as "signed out".
 */

/**
 * Treat a token as expired this long before the API would, so a request never leaves with a
 * token that dies in flight (and clock drift between browser and API is absorbed).
 */
export const SESSION_EXPIRY_SKEW_MS = 30_000;

/** setTimeout fires immediately for delays above 2^31-1 ms (~24.8 days). */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Why there is no session, so a sign-in page can say "your session expired" instead of greeting
 * the user as if they had never signed in. `null` when nobody signed in yet.
 */
export type SessionEndReason = 'signed-out' | 'expired';

export interface SessionSnapshot {
  session: Session | null;
  endReason: SessionEndReason | null;
}

export function isSessionExpired(session: Session, now: number = Date.now()): boolean {
  return now >= session.expiresAt - SESSION_EXPIRY_SKEW_MS;
}

/** What `save` stores; anything else in storage (tampered, an old format) is ignored. */
function isStoredSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.accessToken === 'string' &&
    candidate.accessToken.length > 0 &&
    typeof candidate.expiresAt === 'number' &&
    Number.isFinite(candidate.expiresAt)
  );
}

function parseStoredSession(raw: string | null): Session | null {
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isStoredSession(parsed)
      ? { accessToken: parsed.accessToken, expiresAt: parsed.expiresAt }
      : null;
  } catch {
    return null;
  }
}

export interface SessionStoreOptions {
  /** The localStorage key; each store must have its own. */
  storageKey: string;
}

export interface SessionStore {
  readonly storageKey: string;
  /** The current session, or `null` when there is none or it has expired. */
  getSession: (now?: number) => Session | null;
  getAccessToken: (now?: number) => string | null;
  getEndReason: (now?: number) => SessionEndReason | null;
  getSnapshot: (now?: number) => SessionSnapshot;
  /** Starts a session from the API's login (or register) answer. */
  save: (response: LoginResponse, now?: number) => Session;
  /**
   * Ends the session. `expired` when the API refused the token (401) or it timed out,
   * `signed-out` when the user asked for it.
   */
  clear: (reason: SessionEndReason) => void;
  subscribe: (listener: () => void) => () => void;
  /** The session as React state: components re-render on sign-in, sign-out and expiry. */
  useSession: () => SessionSnapshot;
  /** Tests only: forget in-memory state between cases. */
  resetForTests: () => void;
}

export function createSessionStore({ storageKey }: SessionStoreOptions): SessionStore {
  const listeners = new Set<() => void>();
  let endReason: SessionEndReason | null = null;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;

  // Parsing is cached by the raw stored string so `getSession()` returns the same object until
  // the stored value changes; useSyncExternalStore relies on that identity.
  let cachedRaw: string | null | undefined;
  let cachedSession: Session | null = null;

  // When localStorage is unusable (disabled by policy, sandboxed iframe, quota) the session lives
  // in memory: the user can work in this tab, and a reload asks them to sign in again.
  let storageUnavailable = false;
  let memoryRaw: string | null = null;

  let snapshot: SessionSnapshot = { session: null, endReason: null };

  function readStorage(): string | null {
    if (storageUnavailable) return memoryRaw;
    try {
      return window.localStorage.getItem(storageKey);
    } catch {
      storageUnavailable = true;
      return memoryRaw;
    }
  }

  function writeStorage(raw: string | null): void {
    memoryRaw = raw;
    if (storageUnavailable) return;
    try {
      if (raw === null) window.localStorage.removeItem(storageKey);
      else window.localStorage.setItem(storageKey, raw);
    } catch {
      storageUnavailable = true;
    }
  }

  function readStoredSession(): Session | null {
    const raw = readStorage();
    if (raw !== cachedRaw) {
      cachedRaw = raw;
      cachedSession = parseStoredSession(raw);
    }
    return cachedSession;
  }

  function getSession(now: number = Date.now()): Session | null {
    const session = readStoredSession();
    if (session === null || isSessionExpired(session, now)) return null;
    return session;
  }

  function getAccessToken(now: number = Date.now()): string | null {
    return getSession(now)?.accessToken ?? null;
  }

  function getEndReason(now: number = Date.now()): SessionEndReason | null {
    if (getSession(now) !== null) return null;
    const stored = readStoredSession();
    if (stored !== null && isSessionExpired(stored, now)) return 'expired';
    return endReason;
  }

  function getSnapshot(now: number = Date.now()): SessionSnapshot {
    const session = getSession(now);
    const reason = session === null ? getEndReason(now) : null;
    if (snapshot.session !== session || snapshot.endReason !== reason) {
      snapshot = { session, endReason: reason };
    }
    return snapshot;
  }

  function save(response: LoginResponse, now: number = Date.now()): Session {
    const session: Session = {
      accessToken: response.access_token,
      expiresAt: now + response.expires_in * 1000,
    };
    writeStorage(JSON.stringify(session));
    endReason = null;
    notify();
    return session;
  }

  function clear(reason: SessionEndReason): void {
    writeStorage(null);
    endReason = reason;
    notify();
  }

  function notify(): void {
    scheduleExpiry();
    for (const listener of listeners) listener();
  }

  /** Wakes subscribers when the current token expires, so an idle tab signs itself out. */
  function scheduleExpiry(): void {
    if (expiryTimer !== undefined) clearTimeout(expiryTimer);
    expiryTimer = undefined;
    const session = getSession();
    if (session === null || listeners.size === 0) return;
    const delay = Math.min(
      session.expiresAt - SESSION_EXPIRY_SKEW_MS - Date.now(),
      MAX_TIMER_DELAY_MS,
    );
    expiryTimer = setTimeout(notify, Math.max(delay, 0) + 50);
  }

  function onStorage(event: StorageEvent): void {
    // Another tab signed in or out.
    if (event.key === storageKey || event.key === null) notify();
  }

  function subscribe(listener: () => void): () => void {
    listeners.add(listener);
    if (listeners.size === 1) window.addEventListener('storage', onStorage);
    scheduleExpiry();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        window.removeEventListener('storage', onStorage);
        if (expiryTimer !== undefined) clearTimeout(expiryTimer);
        expiryTimer = undefined;
      }
    };
  }

  function useSession(): SessionSnapshot {
    return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  }

  function resetForTests(): void {
    cachedRaw = undefined;
    cachedSession = null;
    storageUnavailable = false;
    memoryRaw = null;
    endReason = null;
    snapshot = { session: null, endReason: null };
  }

  return {
    storageKey,
    getSession,
    getAccessToken,
    getEndReason,
    getSnapshot,
    save,
    clear,
    subscribe,
    useSession,
    resetForTests,
  };
}
