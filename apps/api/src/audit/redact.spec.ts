import { redactForAudit } from './redact';

describe('redactForAudit', () => {
  it('replaces secret-looking fields, in any letter case, and keeps the rest', () => {
    expect(
      redactForAudit({
        email: 'a@b.co',
        password: 'Hunter2!',
        new_Password: 'x',
        pass: 'x',
        api_secret: 'nps_1',
        client_secret: 'cs',
        access_token: 'eyJ',
        refreshToken: 'r',
        api_key: 'npk_1',
        apikey: 'npk_2',
        key_hash: '$argon2id$',
        signature: 'sig',
        Authorization: 'Bearer x',
        cookie: 'sid=1',
        capacity: 10,
      }),
    ).toEqual({
      email: 'a@b.co',
      password: '[redacted]',
      new_Password: '[redacted]',
      pass: '[redacted]',
      api_secret: '[redacted]',
      client_secret: '[redacted]',
      access_token: '[redacted]',
      refreshToken: '[redacted]',
      api_key: '[redacted]',
      apikey: '[redacted]',
      key_hash: '[redacted]',
      signature: '[redacted]',
      Authorization: '[redacted]',
      cookie: '[redacted]',
      capacity: 10,
    });
  });

  it('keeps identifiers admins search for readable: license keys and masked API keys', () => {
    const readable = {
      license_key: 'NP-ABCD-EFGH-JKLM',
      key_prefix: 'npk_abc',
      masked_api_key: 'npk_…4b60',
      api_key_masked: 'npk_…4b60',
    };
    expect(redactForAudit(readable)).toEqual(readable);
  });

  it('redacts inside nested objects and arrays', () => {
    expect(
      redactForAudit({
        server: { name: 'One', credentials: { api_secret: 's', api_key: 'k' } },
        users: [{ email: 'x@y.z', password: 'p' }, 'plain'],
      }),
    ).toEqual({
      server: { name: 'One', credentials: { api_secret: '[redacted]', api_key: '[redacted]' } },
      users: [{ email: 'x@y.z', password: '[redacted]' }, 'plain'],
    });
  });

  it('leaves an absent secret absent: null says "none", not "hidden"', () => {
    expect(redactForAudit({ password: null, api_secret: undefined })).toEqual({
      password: null,
      api_secret: null,
    });
  });

  it('stores dates as ISO text and keeps numbers, booleans and null', () => {
    expect(
      redactForAudit({
        at: new Date('2026-11-26T10:00:00.000Z'),
        n: 1.5,
        ok: false,
        none: null,
      }),
    ).toEqual({ at: '2026-11-26T10:00:00.000Z', n: 1.5, ok: false, none: null });
  });

  it('cuts long text and very deep or very long structures', () => {
    const long = 'x'.repeat(5000);
    expect(redactForAudit({ note: long })).toEqual({ note: `${'x'.repeat(2000)}…` });

    let deep: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < 10; level++) deep = { inner: deep };
    expect(JSON.stringify(redactForAudit(deep))).toContain('"[nested]"');

    const many = Array.from({ length: 150 }, (_, index) => index);
    expect(redactForAudit({ many })).toEqual({ many: many.slice(0, 100) });
  });

  it('does not change what it was given', () => {
    const input = { password: 'p', nested: { token: 't' } };
    redactForAudit(input);
    expect(input).toEqual({ password: 'p', nested: { token: 't' } });
  });
});
