import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { API_KEY_PREFIX, ApiKeyErrorCode, ErrorCode, UserRole } from '@nextpanel/shared';
import type { FastifyRequest } from 'fastify';
import { apiKeyAccessOf, ApiKeyRouteAccess } from '../api-keys/api-key-access';
import { ApiKeyPrincipal, ApiKeysService } from '../api-keys/api-keys.service';
import { DomainException } from '../common/errors/domain.exception';
import { RequestContext } from '../common/request-context/request-context';
import { UsersService } from '../users/users.service';
import { AuthenticatedUser, IS_PUBLIC_KEY, OPTIONAL_AUTH_KEY, ROLES_KEY } from './auth.decorators';
import { PrincipalCache } from './principal-cache';
import { VerifiedTokens } from './verified-tokens';

export interface AccessTokenClaims {
  sub: string;
  role: UserRole;
}

const unauthenticated = (message: string): DomainException =>
  new DomainException(HttpStatus.UNAUTHORIZED, ErrorCode.Unauthenticated, message, undefined, {
    'WWW-Authenticate': 'Bearer',
  });

type Principal =
  { kind: 'user'; user: AuthenticatedUser } | { kind: 'api_key'; key: ApiKeyPrincipal };

/**
 * Global guard: authenticates the bearer token (a user's JWT, or an API key, told apart by the
 * key's `nbk_` prefix) and enforces the route's roles, or for an API key the route's scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly principals: PrincipalCache,
  ) {}

  private readonly verifiedTokens = new VerifiedTokens();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) {
      const optional = this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH_KEY, targets);
      if (optional && request.headers.authorization) {
        const principal = await this.authenticate(request);
        if (principal.kind === 'user') {
          request.user = principal.user;
        } else {
          // The route is public: a key without its scope is answered like an anonymous caller.
          const access = apiKeyAccessOf(context.getClass(), context.getHandler());
          if (access.kind === 'scope' && principal.key.scopes.includes(access.scope)) {
            request.user = this.actAsApiKey(principal.key);
          }
        }
      }
      return true;
    }

    const principal = await this.authenticate(request);
    if (principal.kind === 'api_key') {
      authorizeApiKey(principal.key, apiKeyAccessOf(context.getClass(), context.getHandler()));
      request.user = this.actAsApiKey(principal.key);
      return true;
    }
    const user = principal.user;
    // Routes that declare no roles are admin-only: a forgotten decorator never opens a route.
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets);
    const allowed = roles && roles.length > 0 ? roles : [UserRole.Admin];
    if (!allowed.includes(user.role)) {
      throw new DomainException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        `This action requires the ${allowed.join(' or ')} role`,
      );
    }
    request.user = user;
    RequestContext.setActor({ type: user.role, id: String(user.id), label: user.email });
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      throw unauthenticated('Authentication required: send Authorization: Bearer <token>');
    }
    if (token.startsWith(API_KEY_PREFIX)) {
      const result = await this.apiKeys.authenticate(token, request.ip ?? null);
      if (!result.ok) throw unauthenticated(API_KEY_REFUSALS[result.reason]);
      return { kind: 'api_key', key: result.key };
    }
    return { kind: 'user', user: await this.authenticateUser(token) };
  }

  /** An API key acts with an admin's reach (within its scopes); the audit log names the key. */
  private actAsApiKey(key: ApiKeyPrincipal): AuthenticatedUser {
    RequestContext.setActor({ type: 'api_key', id: String(key.id), label: key.name });
    return {
      id: key.createdById ?? 0,
      email: `api-key:${key.name}`,
      role: UserRole.Admin,
      apiKey: { id: key.id, name: key.name },
    };
  }

  private async authenticateUser(token: string): Promise<AuthenticatedUser> {
    const userId = await this.verifiedUserId(token);
    // The role comes from the database, not the token, so a demoted user loses access at once:
    // the cache holds a user only while every committed change to them evicts it (NOTIFY).
    const cached = this.principals.get(userId);
    if (cached) return cached;
    const ticket = this.principals.beginFill();
    const user = await this.users.findActiveById(userId);
    if (!user) throw unauthenticated('Invalid token');
    const principal = { id: user.id, email: user.email, role: user.role };
    this.principals.store(principal, ticket);
    return principal;
  }

  /** The user a signed, unexpired access token names. */
  private async verifiedUserId(token: string): Promise<number> {
    const known = this.verifiedTokens.get(token);
    if (known === 'expired') throw unauthenticated('Token has expired');
    if (known) return known.userId;
    let claims: AccessTokenClaims & { exp?: number };
    try {
      // Pinning the algorithm refuses `alg: none` and tokens signed with anything but our key.
      claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp?: number }>(token, {
        algorithms: ['HS256'],
      });
    } catch (error) {
      throw unauthenticated(
        error instanceof TokenExpiredError ? 'Token has expired' : 'Invalid token',
      );
    }
    const userId = Number(claims.sub);
    if (!Number.isSafeInteger(userId)) throw unauthenticated('Invalid token');
    this.verifiedTokens.remember(token, {
      userId,
      expiresAt: typeof claims.exp === 'number' ? claims.exp : undefined,
    });
    return userId;
  }
}

const API_KEY_REFUSALS = {
  unknown: 'Invalid API key',
  revoked: 'API key has been revoked',
  expired: 'API key has expired',
} as const;

/** A key may call a route only when the route accepts keys and the key holds its scope. */
function authorizeApiKey(key: ApiKeyPrincipal, access: ApiKeyRouteAccess): void {
  if (access.kind === 'refused') {
    throw new DomainException(
      HttpStatus.FORBIDDEN,
      ApiKeyErrorCode.ApiKeyNotAllowed,
      access.reason,
    );
  }
  if (!key.scopes.includes(access.scope)) {
    throw new DomainException(
      HttpStatus.FORBIDDEN,
      ApiKeyErrorCode.InsufficientScope,
      `This API key lacks the ${access.scope} scope`,
      [{ field: 'scope', message: access.scope }],
    );
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
