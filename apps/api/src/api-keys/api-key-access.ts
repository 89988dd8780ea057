import { RequestMethod, SetMetadata } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { DECORATORS } from '@nestjs/swagger';
import { ApiKeyScope, UserRole } from '@nextpanel/shared';
import { IS_PUBLIC_KEY, ROLES_KEY } from '../auth/auth.decorators';

export const REQUIRED_SCOPE_KEY = 'api-keys:required-scope';
export const API_KEYS_REFUSED_KEY = 'api-keys:refused';

/**
 * Overrides the scope derived from the controller's tag and the HTTP method, for the rare
 * endpoint where "GET reads, everything else writes" is wrong.
 */
export const RequiredScope = (scope: ApiKeyScope): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SCOPE_KEY, scope);

/** The route needs a signed-in user; an API key, whatever its scopes, gets a 403. */
export const RefuseApiKeys = (): MethodDecorator & ClassDecorator =>
  SetMetadata(API_KEYS_REFUSED_KEY, true);

/** What an API key needs to call a route. */
export type ApiKeyRouteAccess =
  { kind: 'scope'; scope: string } | { kind: 'refused'; reason: string };

const READ_METHODS = new Set([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);

/** Handler metadata first, then the controller's: the same precedence as `Reflector.getAllAndOverride`. */
function metadataOf<T>(key: string, controller: object, handler: object): T | undefined {
  const own = Reflect.getMetadata(key, handler) as T | undefined;
  return own !== undefined ? own : (Reflect.getMetadata(key, controller) as T | undefined);
}

const cache = new WeakMap<object, ApiKeyRouteAccess>();

/**
 * The scope a route needs, derived without touching the controllers: `<tag>:read` for GET and
 * `<tag>:write` for any other method, where `<tag>` is the controller's first `@ApiTags` entry
 * (which is also how `/docs` groups the endpoints). `@RequiredScope()` overrides it.
 *
 * Refused outright: routes marked `@RefuseApiKeys()`, and routes open to customers (`/my`,
 * `/checkout`, `/auth/me`), which act as the signed-in user and have no meaning for a key.
 * A route without a tag is refused too, so a new controller fails closed rather than open.
 */
export function apiKeyAccessOf(controller: object, handler: object): ApiKeyRouteAccess {
  const cached = cache.get(handler);
  if (cached) return cached;
  const access = deriveAccess(controller, handler);
  cache.set(handler, access);
  return access;
}

function deriveAccess(controller: object, handler: object): ApiKeyRouteAccess {
  const isPublic = metadataOf<boolean>(IS_PUBLIC_KEY, controller, handler) === true;
  if (metadataOf<boolean>(API_KEYS_REFUSED_KEY, controller, handler) === true) {
    return { kind: 'refused', reason: 'This endpoint needs a signed-in admin, not an API key' };
  }
  const roles = metadataOf<UserRole[]>(ROLES_KEY, controller, handler);
  if (!isPublic && roles && roles.length > 0 && roles.some((role) => role !== UserRole.Admin)) {
    return {
      kind: 'refused',
      reason: 'This endpoint acts as a signed-in user; API keys cannot be used here',
    };
  }
  const explicit = metadataOf<string>(REQUIRED_SCOPE_KEY, controller, handler);
  if (explicit) return { kind: 'scope', scope: explicit };

  const tags = metadataOf<string[]>(DECORATORS.API_TAGS, controller, handler);
  const resource = tags?.[0]?.trim().toLowerCase().replace(/\s+/g, '-');
  if (!resource) {
    return { kind: 'refused', reason: 'This endpoint is not available to API keys' };
  }
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  const access = method !== undefined && READ_METHODS.has(method) ? 'read' : 'write';
  return { kind: 'scope', scope: `${resource}:${access}` };
}
