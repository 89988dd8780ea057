import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from './api-client';
import { describeError } from './errors';

export interface ServerErrorPlacement {
  /** At least one message landed on a field. */
  placed: boolean;
  /** What no field could show, for the banner above the form; `null` when the fields say it all. */
  formMessage: string | null;
}

/**
 * Puts the API's refusal where the admin is looking: each 400 `details[]` entry on its field (the
 * API's field names are the form's), a domain conflict with a known code on the field it is about
 * (`CUSTOMER_EMAIL_TAKEN` on email), and everything else in one sentence for the form's banner.
 */
export function applyServerErrors<TFields extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<TFields>,
  fields: readonly Path<TFields>[],
  codeFields: Readonly<Record<string, Path<TFields>>> = {},
): ServerErrorPlacement {
  if (!(error instanceof ApiError)) return { placed: false, formMessage: describeError(error) };

  const codeField = error.code === undefined ? undefined : codeFields[error.code];
  if (codeField !== undefined) {
    setError(codeField, { type: 'server', message: error.message }, { shouldFocus: true });
    return { placed: true, formMessage: null };
  }

  if (error.status !== 400 || error.details.length === 0)
    return { placed: false, formMessage: describeError(error) };

  const placedFields = new Set<string>();
  const unplaced: string[] = [];
  for (const detail of error.details) {
    const field = fields.find((candidate) => candidate === detail.field);
    if (field === undefined) {
      unplaced.push(detail.message);
      continue;
    }
    // The API may list several problems for one field; the first is the one to fix first.
    if (placedFields.has(field)) continue;
    setError(
      field,
      { type: 'server', message: capitalise(detail.message) },
      { shouldFocus: placedFields.size === 0 },
    );
    placedFields.add(field);
  }
  return {
    placed: placedFields.size > 0,
    formMessage: unplaced.length > 0 ? unplaced.map(capitalise).join(' ') : null,
  };
}

/** "username must be …" reads better as "Username must be …" under a field. */
export function capitalise(message: string): string {
  return message.length > 0 ? `${message[0]?.toUpperCase() ?? ''}${message.slice(1)}` : message;
}

export interface FormBanner {
  title: string;
  message: string;
}

/** The banner above a form for what no field could show; `null` when the fields say it all. */
export function formBanner(title: string, message: string | null): FormBanner | null {
  return message === null ? null : { title, message };
}
