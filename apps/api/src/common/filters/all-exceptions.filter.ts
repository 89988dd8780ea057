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

const DATABASE_UNAVAILABLE = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /the database system is (starting up|shutting down)/i,
  /too many clients/i,
];

function isDatabaseUnavailable(exception: unknown): boolean {
  const message = exception instanceof Error ? exception.message : '';
  return DATABASE_UNAVAILABLE.some((pattern) => pattern.test(message));
}
