import { isReplayable } from './idempotency.interceptor';

describe('isReplayable', () => {
  it.each([200, 201, 202, 400, 404, 409, 422])('stores and replays %i', (status) => {
    expect(isReplayable(status)).toBe(true);
  });

  it.each([429, 500, 502, 503])('releases the key after %i so a retry runs', (status) => {
    expect(isReplayable(status)).toBe(false);
  });
});
