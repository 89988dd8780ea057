import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { UserRole } from '@nextpanel/shared';
import { ApiErrorResponses } from '../common/errors/api-error.dto';

export const IS_PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const OPTIONAL_AUTH_KEY = 'auth:optional';

export interface AuthenticatedUser {
  /** For an API key: the admin who created it (0 when unknown); `apiKey` says which key acts. */
  id: number;
  email: string;
  role: UserRole;
  /** Set when the request authenticated with an API key rather than a user's token. */
  apiKey?: { id: number; name: string };
}

/** Who acted, for records such as account events: `admin:<user id>`, `api_key:<key id>`, … */
export const actorRef = (user: AuthenticatedUser): string =>
  user.apiKey ? `api_key:${user.apiKey.id}` : `${user.role}:${user.id}`;

/** Open to anyone, no token needed. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Open to anyone, but a bearer token, when sent, is checked (an invalid one is still a 401) and
 * its user is available to the handler, which may answer signed-in callers with more.
 */
export const PublicWithOptionalAuth = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(IS_PUBLIC_KEY, true),
    SetMetadata(OPTIONAL_AUTH_KEY, true),
    ApiBearerAuth(),
  );

export const OptionalUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | undefined =>
    context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user,
);

/**
 * Requires a valid bearer token of one of the given roles. Routes that declare nothing are
 * admin-only: forgetting the decorator must never open a route to customers.
 */
export const Auth = (...roles: UserRole[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth(), ApiErrorResponses(401, 403));

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);
