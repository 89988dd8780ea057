import { createHmac } from 'node:crypto';
import {
  generateWebhookSecret,
  verifyWebhookSignature,
  webhookSignatureHeader,
} from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"id":"0b6c…","type":"ping","data":{}}';
  const secret = 'npwhsec_test_secret';

  it('signs "<t>.<raw body>" with HMAC-SHA256 keyed by the secret, as the docs say', () => {
    const header = webhookSignatureHeader([secret], 1_764_000_000, body);
    const expected = createHmac('sha256', secret).update(`1764000000.${body}`).digest('hex');
    expect(header).toBe(`t=1764000000,v1=${expected}`);
  });

  it('carries one v1 per secret during a rotation, and either secret verifies', () => {
    const header = webhookSignatureHeader(['new-secret', 'old-secret'], 1_764_000_000, body);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifyWebhookSignature(header, body, 'new-secret', 300, 1_764_000_010)).toBe(true);
    expect(verifyWebhookSignature(header, body, 'old-secret', 300, 1_764_000_010)).toBe(true);
    expect(verifyWebhookSignature(header, body, 'other', 300, 1_764_000_010)).toBe(false);
  });

  it('refuses a changed body, a stale timestamp and a malformed header', () => {
    const header = webhookSignatureHeader([secret], 1_764_000_000, body);
    expect(verifyWebhookSignature(header, `${body} `, secret, 300, 1_764_000_000)).toBe(false);
    expect(verifyWebhookSignature(header, body, secret, 300, 1_764_000_301)).toBe(false);
    expect(verifyWebhookSignature('v1=abc', body, secret, 300, 1_764_000_000)).toBe(false);
    expect(verifyWebhookSignature('t=x,v1=zz', body, secret, 300, 1_764_000_000)).toBe(false);
  });

  it('generates long, distinct, prefixed secrets', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^npwhsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
