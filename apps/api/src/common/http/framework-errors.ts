import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@nextpanel/shared';
import { DomainException } from '../errors/domain.exception';

interface FastifyClientError {
  code: string;
  statusCode: number;
}

/**
 * Fastify answers some requests before any route runs: a body over the limit, a media type no
 * parser accepts, a Content-Length that does not match, an undecodable URL. Its errors carry an
 * `FST_…` code and a 4xx status; this turns them into DomainExceptions with a clear message, so
 * they are answered in the one error shape. Anything else is not Fastify's client error: undefined.
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
      return new DomainException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        ErrorCode.UnsupportedMediaType,
        'Unsupported Content-Type: send the body as application/json',
      );
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
