import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiErrorDetail, ErrorCode } from '@nextpanel/shared';

/**
 * An error the API means to return: it carries a stable code for integrators and, for
 * validation problems, the fields at fault. The global filter turns it into the one error shape.
 */
export class DomainException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode | string,
    message: string,
    readonly details?: ApiErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message, status);
  }
}

export const validationFailed = (details: ApiErrorDetail[]): DomainException =>
  new DomainException(
    HttpStatus.BAD_REQUEST,
    ErrorCode.ValidationFailed,
    details.length === 1 ? details[0].message : `Validation failed for ${details.length} fields`,
    details,
  );

export const notFound = (what: string): DomainException =>
  new DomainException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `${what} not found`);

export const conflict = (message: string, code: string = ErrorCode.Conflict): DomainException =>
  new DomainException(HttpStatus.CONFLICT, code, message);
