import { ValidateIf } from 'class-validator';

/**
 * class-transformer `@Transform` callbacks. Each converts only what it recognises and passes
 * anything else through unchanged, so the validators that follow reject it with a field error.
 */
type TransformInput = { value: unknown };

export const trimString = ({ value }: TransformInput): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Emails are stored trimmed and lower-case; the unique index compares lower(email) anyway. */
export const normalizeEmail = ({ value }: TransformInput): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** Optional text where an empty string means "none": stored as NULL rather than ''. */
export const trimToNull = ({ value }: TransformInput): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/** Query strings: `?search=` (empty) is treated as absent, which is what a form with a blank field sends. */
export const queryText = ({ value }: TransformInput): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** Query strings carry text only: `?page=2` becomes 2; `?page=two` stays text and fails @IsInt. */
export const queryInteger = ({ value }: TransformInput): unknown => {
  if (value === '') return undefined;
  return typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value;
};

/** `?is_active=true|false`; anything else stays text and fails @IsBoolean. */
export const queryBoolean = ({ value }: TransformInput): unknown => {
  if (value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
};

/**
 * Optional, but not nullable: skips validation when the field is absent, validates (and so
 * refuses) an explicit null. `@IsOptional()` would let null through to a NOT NULL column.
 */
export const IsOptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
