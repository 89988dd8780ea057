import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  NestInterceptor,
} from '@nestjs/common';
import { IDEMPOTENT_REPLAYED_HEADER } from '@nextpanel/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { defer, lastValueFrom, Observable } from 'rxjs';
import type { AuthenticatedUser } from '../auth/auth.decorators';
import { errorResponseFor } from '../common/filters/all-exceptions.filter';
import { IdempotencyKeysService, KeyClaim, StoredResponse } from './idempotency-keys.service';
import {
  parseIdempotencyKey,
  principalOf,
  RequestFingerprint,
  requestTarget,
} from './request-fingerprint';

type IdempotentRequest = FastifyRequest & { user?: AuthenticatedUser };

/** Response headers worth repeating on a replay (besides what the status and body say). */
const SUCCESS_HEADERS_KEPT = ['Location'];

/**
 * Which first responses are stored and replayed. 2xx and 4xx are (Stripe's rule: the request ran
 * and its answer stands, so a 409 NO_CAPACITY or a 400 stays the answer for that key). 5xx are not:
 * they say "try again", and a retry with the same key must be able to (a failed panel call leaves
 * its `failed` account record behind either way). 429 is not either: it is about timing, not the
 * request, and replaying it would lock the key out for a day.
 */
export function isReplayable(status: number): boolean {
  return status < HttpStatus.INTERNAL_SERVER_ERROR && status !== HttpStatus.TOO_MANY_REQUESTS;
}

/**
 * Makes a create route idempotent under the `Idempotency-Key` header (see `@Idempotent()`).
 * Runs after the auth guard (guards always precede interceptors), so the principal is known,
 * and around the validation pipe and the handler, so it sees every answer, errors included, and
 * stores exactly the body the exception filter sends. Requests without the header pass through.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(private readonly keys: IdempotencyKeysService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentRequest>();
    const response = http.getResponse<FastifyReply>();
    // A promise, not a chain of operators: once started, the key is completed or released even
    // if the client goes away and Nest unsubscribes, so the key never stays claimed for nothing.
    return defer(() => this.handle(request, response, next));
  }

  private async handle(
    request: IdempotentRequest,
    response: FastifyReply,
    next: CallHandler,
  ): Promise<unknown> {
    const key = parseIdempotencyKey(request.headers['idempotency-key']);
    if (key === null) return lastValueFrom(next.handle(), { defaultValue: undefined });

    const fingerprint: RequestFingerprint = {
      principal: principalOf(request),
      key,
      ...requestTarget(request),
      hash: this.keys.hashBody(request.body),
    };
    const acquired = await this.keys.acquire(fingerprint);
    if (acquired.outcome === 'completed') return replay(response, acquired.response);
    return this.runOnce(acquired.claim, request, response, next);
  }

  private async runOnce(
    claim: KeyClaim,
    request: IdempotentRequest,
    response: FastifyReply,
    next: CallHandler,
  ): Promise<unknown> {
    const stopRenewing = this.keys.keepAlive(claim);
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.settle(claim, {
        status: response.statusCode,
        body,
        headers: keptHeaders(response),
      });
      return body;
    } catch (error) {
      const requestId = typeof request.id === 'string' ? request.id : undefined;
      const answer = errorResponseFor(error, requestId);
      await this.settle(claim, {
        status: answer.body.statusCode,
        body: answer.body,
        headers: answer.headers,
      });
      throw error;
    } finally {
      stopRenewing();
    }
  }

  /**
   * Stores a replayable answer or releases the key. A failure here is logged, not thrown: the
   * work is done and the client deserves its answer. The key then stays claimed until its lease
   * runs out, after which a retry runs again (as after a crash).
   */
  private async settle(claim: KeyClaim, answer: StoredResponse): Promise<void> {
    try {
      if (isReplayable(answer.status)) {
        if (!(await this.keys.complete(claim, answer))) {
          this.logger.warn({ claimId: claim.id }, 'Idempotency key lease lost before completion');
        }
      } else {
        await this.keys.release(claim);
      }
    } catch (error) {
      this.logger.error({ err: error, claimId: claim.id }, 'Storing an idempotent response failed');
    }
  }
}

function replay(response: FastifyReply, stored: StoredResponse): unknown {
  response.code(stored.status);
  response.headers(stored.headers);
  response.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
  return stored.body;
}

function keptHeaders(response: FastifyReply): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of SUCCESS_HEADERS_KEPT) {
    const value = response.getHeader(name);
    if (value !== undefined) kept[name] = String(value);
  }
  return kept;
}
