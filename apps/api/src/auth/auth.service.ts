import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  CurrentUserResponse,
  ErrorCode,
  LoginRequest,
  LoginResponse,
  UserRole,
} from '@nextpanel/shared';
import { DomainException, notFound } from '../common/errors/domain.exception';
import {
  RateLimitService,
  RateLimitState,
  secondsUntil,
} from '../common/rate-limit/rate-limit.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { CustomersService } from '../customers/customers.service';
import { RegisterDto } from '../customers/dto/customer.dto';
import { UsersService } from '../users/users.service';
import { AccessTokenClaims } from './auth.guard';
import { verifyPassword } from './password-hasher';

const INVALID_CREDENTIALS = 'Invalid email or password';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly rateLimits: RateLimitService,
    private readonly customers: CustomersService,
  ) {}

  /**
   * Limits: every attempt counts against the client IP; failed attempts count against the email,
   * and once an email is locked even the right password waits, so guessing cannot go on slowly.
   */
  async login(request: LoginRequest, clientIp: string): Promise<LoginResponse> {
    const { perIp, perEmail, windowSeconds } = this.config.auth.loginRateLimit;
    const email = request.email.trim().toLowerCase();
    const emailKey = `login:email:${email}`;

    const ipState = await this.rateLimits.hit(`login:ip:${clientIp}`, windowSeconds);
    if (ipState.hits > perIp) throw tooManyAttempts(ipState);
    const emailState = await this.rateLimits.peek(emailKey);
    if (emailState && emailState.hits >= perEmail) throw tooManyAttempts(emailState);

    const user = await this.users.findByEmail(email);
    const passwordMatches = await verifyPassword(user?.passwordHash ?? null, request.password);
    if (!user || !passwordMatches || !user.isActive) {
      await this.rateLimits.hit(emailKey, windowSeconds);
      throw new DomainException(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.InvalidCredentials,
        INVALID_CREDENTIALS,
      );
    }

    await Promise.all([this.rateLimits.reset(emailKey), this.users.recordLogin(user.id)]);
    const claims: AccessTokenClaims = { sub: String(user.id), role: user.role };
    return {
      access_token: await this.jwt.signAsync(claims),
      token_type: 'bearer',
      expires_in: this.config.auth.jwtExpiresInSeconds,
    };
  }

  /** Storefront sign-up: a customer account, signed in at once. Limited per IP like login. */
  async register(request: RegisterDto, clientIp: string): Promise<LoginResponse> {
    const { perIp, windowSeconds } = this.config.auth.loginRateLimit;
    const ipState = await this.rateLimits.hit(`register:ip:${clientIp}`, windowSeconds);
    if (ipState.hits > perIp) throw tooManyAttempts(ipState);
    const customer = await this.customers.create(
      { ...request, is_active: true },
      { selfRegistered: true },
    );
    const claims: AccessTokenClaims = { sub: String(customer.id), role: UserRole.Customer };
    return {
      access_token: await this.jwt.signAsync(claims),
      token_type: 'bearer',
      expires_in: this.config.auth.jwtExpiresInSeconds,
    };
  }

  async currentUser(userId: number): Promise<CurrentUserResponse> {
    const profile = await this.users.getProfile(userId);
    if (!profile) throw notFound('User');
    return profile;
  }
}

function tooManyAttempts(state: RateLimitState): DomainException {
  const retryAfter = secondsUntil(state.resetAt);
  return new DomainException(
    HttpStatus.TOO_MANY_REQUESTS,
    ErrorCode.RateLimited,
    `Too many login attempts; try again in ${retryAfter} seconds`,
    undefined,
    { 'Retry-After': String(retryAfter) },
  );
}
