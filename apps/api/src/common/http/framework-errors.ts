import { HttpStatus } from '@nestjs/common';
import { ApiErrorBody, ErrorCode } from '@nextpanel/shared';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { DomainException } from '../errors/domain.exception';

interface FastifyClientError {
  code: string;
  statusCode: number;
}

/** Any body whose media type no parser reads: refused before a route runs. */
export function unsupportedMediaType(): DomainException {
  return new DomainException(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.UnsupportedMediaType,
    'Unsupported Content-Type: send the body as application/json',
  );
}

/**
 * Node's HTTP parser refuses a request it cannot parse at all (bytes that are not allowed in a
 * URL, headers too large, a request that never finished) before there is a request to answer:
 * the error shape is written to the socket itself, as Node would write its bare 400, and the
 * connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [statusCode, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [HttpStatus.REQUEST_TIMEOUT, 'The request was not received in time']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are too large']
        : [HttpStatus.BAD_REQUEST, 'The request could not be parsed as HTTP'];
  const body: ApiErrorBody = {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    code: ErrorCode.ValidationFailed,
  };
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${body.error}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}

/**
 * Fastify's own client errors (an `FST_…` code and a 4xx status) as DomainExceptions with a clear
 * message, so they are answered in the one error shape. Most reach the filter already turned into
 * an HttpException by Nest (its status is kept); this serves those that come as they are: the
 * `frameworkErrors` handler (an undecodable URL) and anything raised outside Nest's error handler.
 * Anything else is not Fastify's client error: undefined.
 */
export function frameworkClientError(error: unknown): DomainException | undefined {
  if (!isFastifyClientError(error)) return undefined;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        ErrorCode.PayloadTooLarge,
        'Request body is too large',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return unsupportedMediaType();
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new DomainException(
        HttpStatus.BAD_REQUEST,
        ErrorCode.ValidationFailed,
        'The request body does not match its Content-Length',
      );
    case 'FST_ERR_BAD_URL':
      return new DomainException(
        HttpStatus.BAD_REQUEST,
        ErrorCode.ValidationFailed,
        'The request URL is not correctly encoded',
      );
    default:
      return new DomainException(
        error.statusCode,
        ErrorCode.ValidationFailed,
        'The request could not be read',
      );
  }
}

function isFastifyClientError(error: unknown): error is FastifyClientError {
  if (!(error instanceof Error)) return false;
  const { code, statusCode } = error as Partial<FastifyClientError>;
  return (
    typeof code === 'string' &&
    code.startsWith('FST_') &&
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500
  );
}
