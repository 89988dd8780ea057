import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from billing's clock, either way. */
export const SIGNATURE_MAX_AGE_SECONDS = 300;

/**
 * The string a panel signs: `<timestamp>.<license_key>.<feature>`, plus `.<nonce>` when the
 * request carries one, e.g. `1700000000.NP-7KQ2-M9XH-T4WC.create_database`. The signature is the
 * lower-case hex HMAC-SHA256 of it, keyed with the panel server's API secret
 * (docs/panel-contract.md). A signature is accepted once: without a nonce, a panel can ask the
 * same question at most once per second.
 */
export function canonicalQuotaRequest(
  timestamp: number,
  licenseKey: string,
  feature: string,
  nonce?: string,
): string {
  return nonce
    ? `${timestamp}.${licenseKey}.${feature}.${nonce}`
    : `${timestamp}.${licenseKey}.${feature}`;
}

export function signQuotaRequest(
  secret: string,
  timestamp: number,
  licenseKey: string,
  feature: string,
  nonce?: string,
): string {
  return createHmac('sha256', secret)
    .update(canonicalQuotaRequest(timestamp, licenseKey, feature, nonce))
    .digest('hex');
}

export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(/^[0-9a-f]{64}$/i.test(given) ? given.toLowerCase() : '', 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
