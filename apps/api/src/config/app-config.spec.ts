import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, loadAppConfig } from './app-config';

const base = () => ({
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
  DATA_DIR: mkdtempSync(join(tmpdir(), 'np-config-')),
});
const strongSecret = 'x'.repeat(40);
const hexKey = 'ab'.repeat(32);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadAppConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadAppConfig(base());
    expect(config.http.port).toBe(8001);
    expect(config.auth.jwtExpiresInSeconds).toBe(86400);
    expect(config.auth.principalCacheTtlMs).toBe(60_000);
    expect(config.admin).toEqual({ email: 'admin@test.com', password: 'Admin123!' });
    expect(config.encryptionKey).toHaveLength(32);
  });

  it('generates development secrets once and reuses them', () => {
    const env = base();
    const first = loadAppConfig(env);
    const second = loadAppConfig(env);
    expect(first.notices).toHaveLength(2);
    expect(second.notices).toHaveLength(0);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect(readFileSync(join(env.DATA_DIR, 'secrets', 'jwt-secret'), 'utf8').trim()).toBe(
      first.auth.jwtSecret,
    );
  });

  it('names the variable that is wrong', () => {
    const portProblems = problemsOf({ ...base(), PORT: 'eighty' });
    expect(portProblems).toContain('PORT must be an integer number');
    expect(portProblems.every((problem) => problem.startsWith('PORT'))).toBe(true);
    expect(problemsOf({ ...base(), DATABASE_URL: 'mysql://x' })[0]).toContain('DATABASE_URL');
    expect(problemsOf({ ...base(), JWT_SECRET: 'short' })[0]).toContain('JWT_SECRET');
    expect(problemsOf({ ...base(), ENCRYPTION_KEY: 'nope' })[0]).toContain('ENCRYPTION_KEY');
    expect(problemsOf({ ...base(), TRUST_PROXY: 'maybe' })[0]).toContain('TRUST_PROXY');
    expect(problemsOf({ ...base(), AUTH_CACHE_TTL_MS: '-1' })[0]).toContain('AUTH_CACHE_TTL_MS');
  });

  it('treats empty values as unset', () => {
    const config = loadAppConfig({
      ...base(),
      STRIPE_SECRET_KEY: '',
      STRIPE_WEBHOOK_SECRET: '',
      SMTP_URL: '',
      PORT: '',
    });
    expect(config.stripe).toBeNull();
    expect(config.mail.smtpUrl).toBeNull();
    expect(config.http.port).toBe(8001);
  });

  it('wants both Stripe keys or neither', () => {
    expect(problemsOf({ ...base(), STRIPE_SECRET_KEY: 'sk_test_abc' })).toEqual([
      'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together',
    ]);
  });

  it('requires a database URL', () => {
    const { DATA_DIR } = base();
    expect(problemsOf({ DATA_DIR })[0]).toContain('DATABASE_URL');
  });

  describe('in production', () => {
    const production = () => ({
      ...base(),
      NODE_ENV: 'production',
      JWT_SECRET: strongSecret,
      ENCRYPTION_KEY: hexKey,
      ADMIN_PASSWORD: 'A-real-admin-passphrase',
    });

    it('starts with real secrets', () => {
      expect(loadAppConfig(production()).isProduction).toBe(true);
    });

    it('refuses the default admin password', () => {
      expect(problemsOf({ ...production(), ADMIN_PASSWORD: 'Admin123!' })).toEqual([
        expect.stringContaining('ADMIN_PASSWORD must be changed'),
      ]);
    });

    it('refuses a missing or short JWT_SECRET', () => {
      const { JWT_SECRET: _omitted, ...withoutSecret } = production();
      expect(problemsOf(withoutSecret)).toEqual([
        expect.stringContaining('JWT_SECRET is required'),
      ]);
      expect(problemsOf({ ...production(), JWT_SECRET: 'too-short' })).toEqual([
        expect.stringContaining('JWT_SECRET must be at least 32'),
      ]);
    });

    it('refuses a missing encryption key', () => {
      const { ENCRYPTION_KEY: _omitted, ...withoutKey } = production();
      expect(problemsOf(withoutKey)).toEqual([
        expect.stringContaining('ENCRYPTION_KEY is required'),
      ]);
    });
  });
});
