import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ApiErrorBody, ErrorCode } from '@nextpanel/shared';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { DomainException } from '../errors/domain.exception';

const CODE_BY_STATUS: Partial<Record<number, string>> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
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
    const request = context.getRequest<Request & { id?: string }>();
    const response = context.getResponse<Response>();
    const requestId = typeof request.id === 'string' ? request.id : undefined;

    const { body, headers } = this.toErrorBody(exception, requestId);
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId, method: request.method, path: request.path },
        'Unhandled error',
      );
    }
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.status(body.statusCode).json(body);
  }

  private toErrorBody(
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

    if (exception instanceof DomainException) {
      return {
        body: shape(exception.getStatus(), exception.message, exception.code, exception.details),
        headers: exception.headers,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { body: shape(status, this.httpExceptionMessage(exception, status)), headers: {} };
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

  private httpExceptionMessage(exception: HttpException, status: number): string {
    if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(exception.message)) {
      return 'Route not found';
    }
    const response = exception.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    return typeof message === 'string' ? message : exception.message;
  }
}
