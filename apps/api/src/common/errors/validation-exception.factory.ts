import { ValidationError } from '@nestjs/common';
import { ApiErrorDetail } from '@nextpanel/shared';
import { DomainException, validationFailed } from './domain.exception';

/** Flattens class-validator's tree into one `{field, message}` per problem, nested as `a.b.0.c`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ApiErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property /, ''),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationExceptionFactory(errors: ValidationError[]): DomainException {
  return validationFailed(flattenValidationErrors(errors));
}
