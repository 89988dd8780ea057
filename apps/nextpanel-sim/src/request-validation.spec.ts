import {
  parseAccountId,
  validateNewAccount,
  validatePackageChange,
  validateUsagePatch,
} from './request-validation';

const valid = { username: 'johndoe', email: 'customer@example.com', password: 'TempPassword123!' };

describe('validateNewAccount', () => {
  it.each(['abc', 'john_doe', 'a1_', `a${'b'.repeat(31)}`])(
    'accepts the username %s',
    (username) => {
      expect(validateNewAccount({ ...valid, username }).ok).toBe(true);
    },
  );

  it.each(['ab', `a${'b'.repeat(32)}`, '_john', '9john', 'John', 'jo hn', 'jöhn', 'john.doe'])(
    'rejects the username %s',
    (username) => {
      expect(validateNewAccount({ ...valid, username })).toEqual({
        ok: false,
        detail: expect.stringContaining('username must be 3-32 characters'),
      });
    },
  );

  it('keeps the fields billing sends and drops the ones it does not store', () => {
    const result = validateNewAccount({
      ...valid,
      is_admin: false,
      unknown_field: 'x',
      quotas: { max_domains: 5 },
    });
    expect(result).toEqual({
      ok: true,
      value: {
        ...valid,
        full_name: null,
        phone: null,
        company: null,
        billing_id: null,
        package_id: null,
        metadata: {},
        quotas: { max_domains: 5 },
      },
    });
  });

  it('checks the password length in characters, with bounds', () => {
    expect(validateNewAccount({ ...valid, password: '12345678' }).ok).toBe(true);
    expect(validateNewAccount({ ...valid, password: 'x'.repeat(257) })).toEqual({
      ok: false,
      detail: 'password must be at most 256 characters',
    });
  });

  it('rejects a body that is not an object', () => {
    expect(validateNewAccount(null)).toEqual({
      ok: false,
      detail: 'Request body must be a JSON object',
    });
    expect(validateNewAccount('johndoe')).toEqual({
      ok: false,
      detail: 'Request body must be a JSON object',
    });
  });
});

describe('validatePackageChange', () => {
  it('keeps quotas absent when not given, so the store keeps the old ones', () => {
    expect(validatePackageChange({ package_id: 2 })).toEqual({
      ok: true,
      value: { package_id: 2 },
    });
  });
});

describe('validateUsagePatch', () => {
  it('normalises last_login to ISO and allows fractional storage', () => {
    expect(validateUsagePatch({ last_login: '2025-10-11T10:30:00Z', storage_used: 1.5 })).toEqual({
      ok: true,
      value: { last_login: '2025-10-11T10:30:00.000Z', storage_used: 1.5 },
    });
  });

  it('refuses fractional counts', () => {
    expect(validateUsagePatch({ total_databases: 1.5 }).ok).toBe(false);
  });
});

describe('parseAccountId', () => {
  it.each([
    ['1', 1],
    ['456', 456],
    ['0', undefined],
    ['-1', undefined],
    ['01', undefined],
    ['1.0', undefined],
    ['abc', undefined],
    ['9'.repeat(16), undefined],
  ])('%s -> %s', (raw, id) => {
    expect(parseAccountId(raw)).toBe(id);
  });
});
