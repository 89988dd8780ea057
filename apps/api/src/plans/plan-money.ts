/** Highest price a plan may have per cycle; keeps cents well inside PostgreSQL's `integer`. */
export const PLAN_PRICE_MAX = 1_000_000;

/**
 * Decimal amount (at most two decimals, as validated) to integer cents. Rounding, not truncating:
 * 14.99 * 100 is 1498.9999999999998 in floating point, and must still be 1499.
 */
export function amountToCents(amount: number): number {
  return Math.round(amount * 100);
}

/** Integer cents to the decimal amount responses show: 1499 -> 14.99 (exact as a JSON number). */
export function centsToAmount(cents: number): number {
  return cents / 100;
}

/**
 * True for amounts with at most two decimals. Checked on the cents rather than on the decimal
 * text: 14.99 * 100 is 1498.9999999999998 (fine, within float error), while 9.999 or 1e-7 leave
 * a real fraction of a cent. (class-validator's maxDecimalPlaces reads `toString()` and throws on
 * exponent notation such as 1e-7, which would turn bad input into a 500.)
 */
export function hasWholeCents(amount: number): boolean {
  const cents = amount * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}
