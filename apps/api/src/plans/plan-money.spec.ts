import { amountToCents, centsToAmount, hasWholeCents, PLAN_PRICE_MAX } from './plan-money';

describe('plan money', () => {
  it.each([
    [0, 0],
    [0.01, 1],
    [0.1, 10],
    [4.99, 499],
    [14.99, 1499],
    [19.99, 1999],
    [49.9, 4990],
    [1.15, 115],
    [0.29, 29],
    [1.1, 110],
    [PLAN_PRICE_MAX, 100_000_000],
  ])('stores %p as %p cents', (amount, cents) => {
    expect(amountToCents(amount)).toBe(cents);
  });

  it('shows cents as the decimal amount', () => {
    expect(centsToAmount(1499)).toBe(14.99);
    expect(centsToAmount(0)).toBe(0);
    expect(centsToAmount(14990)).toBe(149.9);
    expect(JSON.stringify({ price: centsToAmount(1999) })).toBe('{"price":19.99}');
  });

  it('round-trips every two-decimal amount up to 10,000.00 exactly', () => {
    // Floating point cannot hold most of these amounts exactly; rounding must still recover the cents.
    for (let cents = 0; cents <= 1_000_000; cents++) {
      const amount = Number((cents / 100).toFixed(2));
      if (amountToCents(amount) !== cents || centsToAmount(cents) !== amount) {
        throw new Error(`${cents} cents did not round-trip (amount ${amount})`);
      }
    }
  });

  it('fits the highest price in a PostgreSQL integer', () => {
    expect(amountToCents(PLAN_PRICE_MAX)).toBeLessThan(2_147_483_647);
  });

  it.each([0, 0.01, 0.29, 14.99, 149.9, 1e-2, 999_999.99, PLAN_PRICE_MAX])(
    'accepts %p as whole cents',
    (amount) => expect(hasWholeCents(amount)).toBe(true),
  );

  it.each([0.001, 9.999, 14.995, 1e-7, 1.5e-8, 0.1 + 0.2 + 0.0001])(
    'refuses %p, a fraction of a cent',
    (amount) => expect(hasWholeCents(amount)).toBe(false),
  );

  it('accepts every two-decimal amount floating point produces up to 10,000.00', () => {
    for (let cents = 0; cents <= 1_000_000; cents++) {
      if (!hasWholeCents(Number((cents / 100).toFixed(2)))) throw new Error(`${cents} refused`);
    }
  });
});
