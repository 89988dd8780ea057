import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every secret starts with this, so it is recognisable in a receiver's configuration. */
export const WEBHOOK_SECRET_PREFIX = 'npwhsec_';

/** 32 random bytes: as strong as the HMAC-SHA256 key can use. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Hex HMAC-SHA256 of `<timestamp>.<raw body>`, keyed with the whole secret string (UTF-8). */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The `NextPanel-Signature` header: `t=<unix seconds>,v1=<hex>`, with one `v1` per secret in use
 * (two during a rotation's overlap). Signing the timestamp lets receivers refuse old replays.
 */
export function webhookSignatureHeader(
  secrets: readonly string[],
  timestamp: number,
  body: string,
): string {
  return [
    `t=${timestamp}`,
    ...secrets.map((secret) => `v1=${webhookSignature(secret, timestamp, body)}`),
  ].join(',');
}

/**
 * The receiver's side of the recipe (what docs/webhooks.md shows): true when one of the header's
 * `v1` signatures matches and its timestamp is within `toleranceSeconds` of `nowSeconds`.
 */
export function verifyWebhookSignature(
  header: string,
  body: string,
  secret: string,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds)
    return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body), 'hex');
  return parts
    .filter(([key, value]) => key === 'v1' && /^[0-9a-f]{64}$/.test(value ?? ''))
    .some(([, value]) => timingSafeEqual(Buffer.from(value, 'hex'), expected));
}
