import { QueryFailedError } from 'typeorm';

/** PostgreSQL's SQLSTATE for unique_violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * True when the query failed because `constraint` (a unique constraint or unique index) refused a
 * duplicate. Checking first and inserting second is not enough: two concurrent requests both pass
 * the check, so the database's refusal is what decides, and this turns it into a 409.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === UNIQUE_VIOLATION && driverError.constraint === constraint;
}
