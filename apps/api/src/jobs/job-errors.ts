/**
 * Thrown by a handler whose work cannot proceed yet for a reason that is not a failure (no server
 * has capacity, say): the job is put back for later without using up one of its attempts.
 */
export class DeferJob extends Error {
  constructor(
    readonly reason: string,
    readonly delayMs: number,
  ) {
    super(reason);
    this.name = 'DeferJob';
  }
}

/** Thrown by a handler for a failure that retrying cannot fix: the job fails at once. */
export class PermanentJobFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobFailure';
  }
}
