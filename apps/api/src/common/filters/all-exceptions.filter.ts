import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ApiErrorBody, ErrorCode } from '@nextpanel/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { DomainException } from '../errors/domain.exception';
import { frameworkClientError } from '../http/framework-errors';

const CODE_BY_STATUS: Partial<Record<number, string>> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
  503: ErrorCode.ServiceUnavailable,
};

/**
 * Turns every error, ours or the framework's, into `{statusCode, error, message, code,
 * request_id, details?}`. Unknown errors are logged with their stack and answered with a generic
 * 500 that names the request id, never with internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<FastifyRequest>();
    const requestId = typeof request.id === 'string' ? request.id : undefined;

    const { body, headers } = errorResponseFor(exception, requestId);
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId, method: request.method, path: request.url },
        'Unhandled error',
      );
    }
    sendError(context.getResponse<FastifyReply | ServerResponse>(), body, headers);
  }
}

/**
 * Sends an error body, unless an answer has already gone out. Fastify hands a route's errors
 * over with its reply; an error raised in Nest middleware comes with the bare Node response.
 */
export function sendError(
  response: FastifyReply | ServerResponse,
  body: ApiErrorBody,
  headers: Record<string, string>,
): void {
  if ('raw' in response) {
    if (response.sent) return;
    void response.code(body.statusCode).headers(headers).send(body);
    return;
  }
  if (response.headersSent) return;
  response
    .writeHead(body.statusCode, { ...headers, 'Content-Type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(body));
}

/**
 * The status, body and headers the filter answers an error with. Exported so the idempotency
 * interceptor can store exactly what the client received and replay it byte for byte.
 */
export function errorResponseFor(
  exception: unknown,
  requestId: string | undefined,
): { body: ApiErrorBody; headers: Record<string, string> } {
  const shape = (
    statusCode: number,
    message: string,
    code?: string,
    details?: ApiErrorBody['details'],
  ) => ({
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    code: code ?? CODE_BY_STATUS[statusCode],
    ...(requestId ? { request_id: requestId } : {}),
    ...(details && details.length > 0 ? { details } : {}),
  });

  const readable = frameworkClientError(exception) ?? exception;
  if (readable instanceof DomainException) {
    return {
      body: shape(readable.getStatus(), readable.message, readable.code, readable.details),
      headers: readable.headers,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { body: shape(status, httpExceptionMessage(exception, status)), headers: {} };
  }
  if (isDatabaseUnavailable(exception)) {
    // Every pooled connection busy (or the database restarting): the request did nothing and
    // can be retried, which a 503 with Retry-After says, where a 500 would not.
    return {
      body: shape(
        HttpStatus.SERVICE_UNAVAILABLE,
        'The database is busy or unreachable; retry shortly',
        ErrorCode.ServiceUnavailable,
      ),
      headers: { 'Retry-After': '1' },
    };
  }
  return {
    body: shape(
      HttpStatus.INTERNAL_SERVER_ERROR,
      requestId
        ? `Internal server error; quote request id ${requestId} when reporting it`
        : 'Internal server error',
      ErrorCode.InternalError,
    ),
    headers: {},
  };
}

function httpExceptionMessage(exception: HttpException, status: number): string {
  if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(exception.message)) {
    return 'Route not found';
  }
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** pg's own errors, which carry no code: the pool found no connection in time, or lost one. */
const DATABASE_UNAVAILABLE = [/timeout exceeded when trying to connect/i, /Connection terminated/i];

/**
 * SQLSTATEs of a server that is not there for now: class 08 (connection exception), 53300 (too many
 * connections), 57P01–57P03 (shut down by an administrator, after a crash, or not accepting
 * connections yet: a restart).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|53300|57P0[123])$/;
/**
 * Socket errors of a server that is down or went away. In this API every other client wraps its
 * own (fetch for the panels and webhooks, Stripe's SDK; SMTP runs in the outbox worker, not in a
 * request), so a bare socket error reaching a request comes from opening or using a database
 * connection.
 */
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/**
 * TypeORM marks a query runner released when its connection emits an error (the server went
 * away); a transaction still using it then fails with one of these instead of the lost
 * connection's own error.
 */
const RELEASED_BY_LOST_CONNECTION = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

/**
 * Whether the database could not be reached, as opposed to refusing the statement: a retry may
 * succeed, and a transaction cut off is rolled back by the server. TypeORM's QueryFailedError
 * (readRows throws one too) carries the driver's error as `driverError`.
 */
function isDatabaseUnavailable(exception: unknown): boolean {
  const error = errorLike(exception);
  if (!error) return false;
  if (RELEASED_BY_LOST_CONNECTION.has(error.name ?? '')) return true;
  return isUnavailableError(errorLike(error.driverError) ?? error);
}

/** An error's fields, read without `instanceof`: Node's socket errors may come from another realm. */
type ErrorLike = { name?: string; message: string; code?: unknown; driverError?: unknown };

function errorLike(value: unknown): ErrorLike | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { message } = value as { message?: unknown };
  return typeof message === 'string' ? (value as ErrorLike) : undefined;
}

function isUnavailableError(error: ErrorLike): boolean {
  const { code } = error;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET.has(code)))
    return true;
  return DATABASE_UNAVAILABLE.some((pattern) => pattern.test(error.message));
}
