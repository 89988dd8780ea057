import { ValidateBy, ValidationArguments } from 'class-validator';

/**
 * PostgreSQL text cannot hold the NUL character (U+0000): a query carrying one fails, which would
 * surface as a 500. Refusing it here makes it the 400 with a field error that bad input deserves.
 * Non-strings pass, so the field's type validator reports them instead.
 */
export const IsNulFree = (): PropertyDecorator =>
  ValidateBy({
    name: 'isNulFree',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !value.includes('\u0000'),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'value'} must not contain NUL characters`,
    },
  });
