import { describe, expect, it } from 'vitest';
import { apiKeySchema, toCreateApiKeyRequest } from './create-api-key-form';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');

describe('toCreateApiKeyRequest', () => {
  const base = { name: 'Bot', scopes: ['plans:write', 'audit:read', 'customers:read'] as const };

  it('sends no expiry for "never" and the scopes in the catalogue’s order', () => {
    expect(
      toCreateApiKeyRequest(
        { ...base, scopes: [...base.scopes], expiry: 'never', expires_at: '' },
        NOW,
      ),
    ).toEqual({
      name: 'Bot',
      scopes: ['customers:read', 'plans:write', 'audit:read'],
      expires_at: null,
    });
  });

  it('counts days from now, and a chosen date lasts to the end of that day', () => {
    const inNinety = toCreateApiKeyRequest(
      { ...base, scopes: [...base.scopes], expiry: '90', expires_at: '' },
      NOW,
    );
    expect(inNinety.expires_at).toBe('2027-02-24T12:00:00.000Z');
    const onDate = toCreateApiKeyRequest(
      { ...base, scopes: [...base.scopes], expiry: 'date', expires_at: '2027-03-01' },
      NOW,
    );
    expect(onDate.expires_at).toBe(new Date('2027-03-01T23:59:59.999').toISOString());
  });

  it('refuses a chosen date that is missing or already past', () => {
    const parse = (expires_at: string) =>
      apiKeySchema.safeParse({ name: 'Bot', scopes: ['plans:read'], expiry: 'date', expires_at });
    expect(parse('').success).toBe(false);
    expect(parse('2020-01-01').success).toBe(false);
    expect(parse('2999-01-01').success).toBe(true);
  });
});
