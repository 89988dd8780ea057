import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  it('doubles the ceiling with each attempt, up to the cap', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, 1000, 10_000, top))).toEqual([
      1000, 2000, 4000, 8000, 10_000,
    ]);
  });

  it('never waits less than half the ceiling', () => {
    expect(backoffDelayMs(3, 1000, 60_000, () => 0)).toBe(2000);
  });
});
