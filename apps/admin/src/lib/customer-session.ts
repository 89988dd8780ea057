import { useSyncExternalStore } from 'react';
import type { LoginResponse } from '@nextpanel/shared';
import {
  SESSION_EXPIRY_SKEW_MS,
  type Session,
  type SessionEndReason,
  type SessionSnapshot,
} from './session';

/**
 * The signed-in customer's session on the storefront and in /my.
 *
 * Kept apart from the admin's session (lib/session.ts) on purpose: an administrator who opens
 * the store in the same browser must not buy as, or see /my as, their admin account, and a
 * customer signing in on the store must not sign the admin out of the dashboard. Same shape and
 * rules as the admin's session (expiry with a skew, other tabs followed through `storage`).
 */
export const CUSTOMER_SESSION_STORAGE_KEY = 'nextpanel.customer.session';

const MAX_TIMER_DELAY_MS = 2_147_483_647;

const listeners = new Set<() => void>();
let endReason: SessionEndReason | null = null;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
let cachedRaw: string | null | undefined;
let cachedSession: Session | null = null;
let storageUnavailable = false;
let memoryRaw: string | null = null;
let snapshot: SessionSnapshot = { session: null, endReason: null };

function readStorage(): string | null {
  if (storageUnavailable) return memoryRaw;
  try {
    return window.localStorage.getItem(CUSTOMER_SESSION_STORAGE_KEY);
  } catch {
    storageUnavailable = true;
    return memoryRaw;
  }
}

function writeStorage(raw: string | null): void {
  memoryRaw = raw;
  if (storageUnavailable) return;
  try {
    if (raw === null) window.localStorage.removeItem(CUSTOMER_SESSION_STORAGE_KEY);
    else window.localStorage.setItem(CUSTOMER_SESSION_STORAGE_KEY, raw);
  } catch {
    storageUnavailable = true;
  }
}

function parse(raw: string | null): Session | null {
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { accessToken, expiresAt } = value as Record<string, unknown>;
    if (
      typeof accessToken !== 'string' ||
      accessToken === '' ||
      typeof expiresAt !== 'number' ||
      !Number.isFinite(expiresAt)
    )
      return null;
    return { accessToken, expiresAt };
  } catch {
    return null;
  }
}

function readStoredSession(): Session | null {
  const raw = readStorage();
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedSession = parse(raw);
  }
  return cachedSession;
}

function isExpired(session: Session, now: number): boolean {
  return now >= session.expiresAt - SESSION_EXPIRY_SKEW_MS;
}

/** The customer's current session, or `null` when there is none or it has expired. */
export function getCustomerSession(now: number = Date.now()): Session | null {
  const session = readStoredSession();
  return session === null || isExpired(session, now) ? null : session;
}

export function getCustomerAccessToken(now: number = Date.now()): string | null {
  return getCustomerSession(now)?.accessToken ?? null;
}

function getEndReason(now: number): SessionEndReason | null {
  if (getCustomerSession(now) !== null) return null;
  const stored = readStoredSession();
  if (stored !== null && isExpired(stored, now)) return 'expired';
  return endReason;
}

function getSnapshot(): SessionSnapshot {
  const now = Date.now();
  const session = getCustomerSession(now);
  const reason = session === null ? getEndReason(now) : null;
  if (snapshot.session !== session || snapshot.endReason !== reason)
    snapshot = { session, endReason: reason };
  return snapshot;
}

/** Starts the customer's session from the API's register or login answer. */
export function saveCustomerSession(response: LoginResponse, now: number = Date.now()): Session {
  const session: Session = {
    accessToken: response.access_token,
    expiresAt: now + response.expires_in * 1000,
  };
  writeStorage(JSON.stringify(session));
  endReason = null;
  notify();
  return session;
}

export function clearCustomerSession(reason: SessionEndReason): void {
  writeStorage(null);
  endReason = reason;
  notify();
}

function notify(): void {
  scheduleExpiry();
  for (const listener of listeners) listener();
}

function scheduleExpiry(): void {
  if (expiryTimer !== undefined) clearTimeout(expiryTimer);
  expiryTimer = undefined;
  const session = getCustomerSession();
  if (session === null || listeners.size === 0) return;
  const delay = Math.min(
    session.expiresAt - SESSION_EXPIRY_SKEW_MS - Date.now(),
    MAX_TIMER_DELAY_MS,
  );
  expiryTimer = setTimeout(notify, Math.max(delay, 0) + 50);
}

function onStorage(event: StorageEvent): void {
  if (event.key === CUSTOMER_SESSION_STORAGE_KEY || event.key === null) notify();
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

/** The customer's session as React state: re-renders on sign-in, sign-out and expiry. */
export function useCustomerSession(): SessionSnapshot {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** Tests only: forget in-memory state between cases. */
export function resetCustomerSessionStateForTests(): void {
  cachedRaw = undefined;
  cachedSession = null;
  storageUnavailable = false;
  memoryRaw = null;
  endReason = null;
  snapshot = { session: null, endReason: null };
}
