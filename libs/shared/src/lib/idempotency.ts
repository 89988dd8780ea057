/**
 * `Idempotency-Key` on the API's create operations: the same key with the same request within
 * 24 hours answers with the first response (status and body) instead of doing the work again.
 */

/** The request header an integrator sends: 1 to 255 printable ASCII characters. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Present, with the value `true`, on a response that repeats a stored first response. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/** How long a key and its stored response are kept. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/** Printable ASCII (space to tilde), 1 to 255 characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

export const IdempotencyErrorCode = {
  /** The same key is still being worked on by another request; retry after `Retry-After`. */
  KeyInUse: 'IDEMPOTENCY_KEY_IN_USE',
  /** The key was first used with a different body, method or path. */
  KeyReused: 'IDEMPOTENCY_KEY_REUSED',
} as const;
export type IdempotencyErrorCode = (typeof IdempotencyErrorCode)[keyof typeof IdempotencyErrorCode];
