import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ErrorCode, UserRole } from '@nextpanel/shared';
import type { Request } from 'express';
import { DomainException } from '../common/errors/domain.exception';
import { RequestContext } from '../common/request-context/request-context';
import { UsersService } from '../users/users.service';
import { AuthenticatedUser, IS_PUBLIC_KEY, OPTIONAL_AUTH_KEY, ROLES_KEY } from './auth.decorators';

export interface AccessTokenClaims {
  sub: string;
  role: UserRole;
}

const unauthenticated = (message: string): DomainException =>
  new DomainException(HttpStatus.UNAUTHORIZED, ErrorCode.Unauthenticated, message, undefined, {
    'WWW-Authenticate': 'Bearer',
  });

/** Global guard: authenticates the bearer token and enforces the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) {
      const optional = this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH_KEY, targets);
      if (optional && request.headers.authorization) {
        request.user = await this.authenticate(request.headers.authorization);
      }
      return true;
    }

    const user = await this.authenticate(request.headers.authorization);
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

  private async authenticate(header: string | undefined): Promise<AuthenticatedUser> {
    const token = bearerToken(header);
    if (!token) {
      throw unauthenticated('Authentication required: send Authorization: Bearer <token>');
    }
    let claims: AccessTokenClaims;
    try {
      // Pinning the algorithm refuses `alg: none` and tokens signed with anything but our key.
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      throw unauthenticated(
        error instanceof TokenExpiredError ? 'Token has expired' : 'Invalid token',
      );
    }
    const userId = Number(claims.sub);
    // The role comes from the database, not the token, so a demoted user loses access at once.
    const user = Number.isSafeInteger(userId) ? await this.users.findActiveById(userId) : null;
    if (!user) throw unauthenticated('Invalid token');
    return { id: user.id, email: user.email, role: user.role };
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
