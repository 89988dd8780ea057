import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '@nextpanel/shared';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../auth/auth.decorators';
import { validationFailed } from '../common/errors/domain.exception';
import { RequestContext } from '../common/request-context/request-context';

/** What makes two requests "the same request" for one Idempotency-Key. */
export interface RequestFingerprint {
  principal: string;
  key: string;
  method: string;
  path: string;
  /** Keyed hash of the canonical body (see IdempotencyKeysService.hashBody). */
  hash: string;
}

export const ANONYMOUS_PRINCIPAL = 'anonymous';
const MAX_PATH_LENGTH = 2048;

/**
 * The Idempotency-Key header's value, or null when none was sent. Anything but 1 to 255
 * printable ASCII characters is a 400, so a key is never silently truncated or ignored.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  // Node joins a header sent twice into one value; a key that was sent twice is still one key.
  const value = Array.isArray(header) ? header.join(', ') : header;
  if (!IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw validationFailed([
      {
        field: IDEMPOTENCY_KEY_HEADER,
        message: `${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 printable ASCII characters`,
      },
    ]);
  }
  return value;
}

/**
 * Whose key it is: the request's actor as the auth guard recorded it (an admin, a customer or an
 * API key), else the signed-in user, else `anonymous` (public routes, where the body hash is the
 * only thing that ties a retry to its first request).
 */
export function principalOf(request: FastifyRequest & { user?: AuthenticatedUser }): string {
  const actor = RequestContext.current()?.actor;
  if (actor && actor.type !== 'system')
    return `${actor.type}:${actor.id ?? actor.label}`.slice(0, 200);
  if (request.user) return `${request.user.role}:${request.user.id}`;
  return ANONYMOUS_PRINCIPAL;
}

/** Method and path as the client sent them (query string included), for the same-request check. */
export function requestTarget(request: FastifyRequest): { method: string; path: string } {
  return {
    method: request.method.toUpperCase(),
    path: request.originalUrl.slice(0, MAX_PATH_LENGTH),
  };
}

/**
 * JSON with object keys sorted at every level, so `{"a":1,"b":2}` and `{"b":2, "a":1}` are the
 * same body; array order is kept (it is meaningful). A request without a body is `null`.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((name) => record[name] !== undefined)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${canonicalJson(record[name])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
