import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_TTL_HOURS,
  IDEMPOTENT_REPLAYED_HEADER,
} from '@nextpanel/shared';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Accepts an `Idempotency-Key` header on a create route: a retry with the same key and the same
 * request within 24 h gets the first response again (with `Idempotent-Replayed: true`) instead
 * of creating a second thing, even when both arrive at once. Put it on POST routes that create.
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 255 },
      description:
        `Optional, 1–255 printable ASCII characters (a UUID is a good choice). The same key with the same ` +
        `request within ${IDEMPOTENCY_KEY_TTL_HOURS} h returns the first response (status and body) with ` +
        `\`${IDEMPOTENT_REPLAYED_HEADER}: true\` instead of doing the work again; a parallel duplicate waits ` +
        `for the first to finish. 2xx and 4xx answers are replayed; after a 5xx the key is free for a retry. ` +
        `Keys are per caller (user or API key).`,
    }),
    ApiResponse({
      status: 409,
      type: ApiErrorDto,
      description:
        'Conflicts with the current state (see `code`), or `IDEMPOTENCY_KEY_IN_USE`: a request with the same ' +
        'Idempotency-Key is still running; retry after `Retry-After` seconds',
    }),
    ApiResponse({
      status: 422,
      type: ApiErrorDto,
      description:
        '`IDEMPOTENCY_KEY_REUSED`: the Idempotency-Key was used for a different request (body, method or path)',
    }),
  );
