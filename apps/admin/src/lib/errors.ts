import { ApiError, NetworkError } from './api-client';

/**
 * One sentence for an admin, whatever went wrong. Forms refine this for the cases they know
 * (the login form words 401 and 429 itself); everything else shows this.
 */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return 'Cannot reach the billing API';
  if (error instanceof ApiError) {
    if (error.status === 429) return retryMessage(error.retryAfter);
    if (error.status >= 500) {
      const reference = error.requestId ? ` (reference ${error.requestId})` : '';
      return `The billing API had a problem and could not finish this request${reference}. Try again in a moment.`;
    }
    return error.message;
  }
  return 'Something went wrong. Reload the page and try again.';
}

export function retryMessage(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return 'Too many attempts, try again in a moment';
  const seconds = Math.max(1, retryAfterSeconds);
  return `Too many attempts, try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

/** The API says the record does not exist (deleted, or a mistyped id in the URL). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
