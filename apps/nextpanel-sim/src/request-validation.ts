import type { AccountMetadata, AccountQuotas, AccountUsage } from './hosting-account';

/**
 * Body validation for the panel API and the control API. Each failure names the offending field in
 * `detail`, because the billing system shows the panel's `detail` to the operator and a message
 * like "invalid request" sends them hunting.
 */

export type Validation<T> = { ok: true; value: T } | { ok: false; detail: string };

/** Fields the billing system sends to create a hosting account (see the panel contract). */
export interface NewAccountRequest {
  username: string;
  email: string;
  password: string;
  full_name: string | null;
  phone: string | null;
  company: string | null;
  package_id: number | null;
  billing_id: string | null;
  metadata: AccountMetadata;
  quotas: AccountQuotas;
}

export interface PackageChangeRequest {
  package_id: number;
  /** Absent: keep the account's quotas. Present: replace them. */
  quotas?: AccountQuotas;
}

export type UsagePatch = Partial<AccountUsage> & { last_login?: string | null };

// Linux account names: the panel creates a system user per hosting account.
export const USERNAME_PATTERN = /^[a-z][a-z0-9_]{2,31}$/;
// Plausible, not RFC 5322: one @, something on each side, a dot in the domain, no spaces.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 8;
// Bounded so a huge "password" cannot tie up the scrypt thread pool.
const MAX_PASSWORD_LENGTH = 256;
const MAX_TEXT_LENGTH = 255;
const MAX_EMAIL_LENGTH = 254;

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail<T>(detail: string): Validation<T> {
  return { ok: false, detail };
}

function ok<T>(value: T): Validation<T> {
  return { ok: true, value };
}

const NOT_AN_OBJECT = 'Request body must be a JSON object';

function optionalText(body: JsonObject, field: string): Validation<string | null> {
  const value = body[field];
  if (value === undefined || value === null) return ok(null);
  if (typeof value !== 'string') return fail(`${field} must be a string`);
  if (value.length > MAX_TEXT_LENGTH)
    return fail(`${field} must be at most ${MAX_TEXT_LENGTH} characters`);
  return ok(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function validateQuotas(value: unknown): Validation<AccountQuotas> {
  const shape = 'quotas must be an object of integers (-1 or null for unlimited)';
  if (!isJsonObject(value)) return fail(shape);
  const quotas: AccountQuotas = {};
  for (const [name, limit] of Object.entries(value)) {
    if (limit === null) {
      quotas[name] = null;
    } else if (typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= -1) {
      quotas[name] = limit;
    } else {
      return fail(`quotas.${name} must be an integer >= -1 or null`);
    }
  }
  return ok(quotas);
}

function validatePassword(value: unknown): Validation<string> {
  if (value === undefined || value === null || value === '') return fail('password is required');
  if (typeof value !== 'string') return fail('password must be a string');
  if (value.length < MIN_PASSWORD_LENGTH) {
    return fail(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (value.length > MAX_PASSWORD_LENGTH) {
    return fail(`password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  }
  return ok(value);
}

export function validateNewAccount(body: unknown): Validation<NewAccountRequest> {
  if (!isJsonObject(body)) return fail(NOT_AN_OBJECT);

  const { username, email } = body;
  if (username === undefined || username === null || username === '')
    return fail('username is required');
  if (typeof username !== 'string') return fail('username must be a string');
  if (!USERNAME_PATTERN.test(username)) {
    return fail(
      'username must be 3-32 characters: a lowercase letter, then lowercase letters, digits or underscores',
    );
  }

  if (email === undefined || email === null || email === '') return fail('email is required');
  if (typeof email !== 'string') return fail('email must be a string');
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    return fail('email must be a valid email address');
  }

  const password = validatePassword(body.password);
  if (!password.ok) return password;

  let packageId: number | null = null;
  if (body.package_id !== undefined && body.package_id !== null) {
    if (!isPositiveInteger(body.package_id)) return fail('package_id must be a positive integer');
    packageId = body.package_id;
  }

  const texts: Record<'full_name' | 'phone' | 'company' | 'billing_id', string | null> = {
    full_name: null,
    phone: null,
    company: null,
    billing_id: null,
  };
  for (const field of ['full_name', 'phone', 'company', 'billing_id'] as const) {
    const text = optionalText(body, field);
    if (!text.ok) return text;
    texts[field] = text.value;
  }

  if (body.is_admin !== undefined && typeof body.is_admin !== 'boolean') {
    return fail('is_admin must be a boolean');
  }

  let metadata: AccountMetadata = {};
  if (body.metadata !== undefined && body.metadata !== null) {
    if (!isJsonObject(body.metadata)) return fail('metadata must be an object');
    metadata = body.metadata;
  }

  let quotas: AccountQuotas = {};
  if (body.quotas !== undefined && body.quotas !== null) {
    const checked = validateQuotas(body.quotas);
    if (!checked.ok) return checked;
    quotas = checked.value;
  }

  return ok({
    username,
    email,
    password: password.value,
    ...texts,
    package_id: packageId,
    metadata,
    quotas,
  });
}

export function validatePackageChange(body: unknown): Validation<PackageChangeRequest> {
  if (!isJsonObject(body)) return fail(NOT_AN_OBJECT);
  if (body.package_id === undefined || body.package_id === null)
    return fail('package_id is required');
  if (!isPositiveInteger(body.package_id)) return fail('package_id must be a positive integer');
  if (body.quotas === undefined || body.quotas === null) return ok({ package_id: body.package_id });
  const quotas = validateQuotas(body.quotas);
  if (!quotas.ok) return quotas;
  return ok({ package_id: body.package_id, quotas: quotas.value });
}

export function validatePasswordChange(body: unknown): Validation<{ password: string }> {
  if (!isJsonObject(body)) return fail(NOT_AN_OBJECT);
  const password = validatePassword(body.password);
  return password.ok ? ok({ password: password.value }) : password;
}

/** The reason is optional: the contract shows it, but nothing says a real panel insists on it. */
export function validateSuspension(body: unknown): Validation<{ reason: string | null }> {
  if (!isJsonObject(body)) return fail(NOT_AN_OBJECT);
  const reason = optionalText(body, 'reason');
  return reason.ok ? ok({ reason: reason.value }) : reason;
}

const USAGE_COUNTERS = [
  'total_domains',
  'total_databases',
  'total_email_accounts',
  'total_ssl_certificates',
  'storage_used',
] as const;

export function validateUsagePatch(body: unknown): Validation<UsagePatch> {
  if (!isJsonObject(body)) return fail(NOT_AN_OBJECT);
  const patch: UsagePatch = {};
  for (const [field, value] of Object.entries(body)) {
    if (field === 'last_login') {
      if (value === null) {
        patch.last_login = null;
      } else if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
        patch.last_login = new Date(value).toISOString();
      } else {
        return fail('last_login must be an ISO date string or null');
      }
      continue;
    }
    const counter = USAGE_COUNTERS.find((name) => name === field);
    if (counter === undefined) {
      return fail(
        `${field} is not a usage counter (expected one of ${USAGE_COUNTERS.join(', ')}, last_login)`,
      );
    }
    // storage_used is a size (real panels report fractional megabytes); the rest are counts.
    if (counter === 'storage_used') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        return fail('storage_used must be a non-negative number');
      }
    } else if (!isNonNegativeInteger(value)) {
      return fail(`${field} must be a non-negative integer`);
    }
    patch[counter] = value;
  }
  return ok(patch);
}

/** Panel user ids are positive integers; anything else cannot name an account, hence 404 not 400. */
export function parseAccountId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,14}$/.test(raw)) return undefined;
  return Number(raw);
}
