import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@nextpanel/shared';
import type { NextFunction, Request, Response } from 'express';
import { DomainException } from './domain.exception';

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * Express error middleware placed right after the body parsers: it turns their errors into
 * DomainExceptions, so the global filter answers them in the one error shape with a clear code
 * (Nest would otherwise pass the parser's raw message through).
 */
export function bodyParserErrorMapper(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return next(
        new DomainException(
          HttpStatus.BAD_REQUEST,
          ErrorCode.MalformedJson,
          'Malformed JSON in request body',
        ),
      );
    case 'entity.too.large':
      return next(
        new DomainException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          ErrorCode.PayloadTooLarge,
          'Request body is too large',
        ),
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return next(
        new DomainException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          ErrorCode.ValidationFailed,
          'Unsupported body encoding',
        ),
      );
    default:
      if (typeof parserError?.type === 'string' && parserError.status && parserError.status < 500) {
        return next(
          new DomainException(
            parserError.status,
            ErrorCode.ValidationFailed,
            'The request body could not be read',
          ),
        );
      }
      return next(error);
  }
}
