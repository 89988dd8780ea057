const SECRET_KEY_PATTERN =
  /pass(word)?|secret|token|api_?key|key_hash|signature|authorization|cookie/i;
/** License keys are identifiers admins search for, not credentials; they stay readable. */
const READABLE_KEYS = new Set(['license_key', 'key_prefix', 'masked_api_key', 'api_key_masked']);
const MAX_DEPTH = 6;
const MAX_STRING = 2000;

/** A copy safe to store in the audit log: secret-looking fields replaced, long text cut. */
export function redactForAudit(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string')
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(value))
    return value.slice(0, 100).map((item) => redactForAudit(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    copy[key] =
      SECRET_KEY_PATTERN.test(key) &&
      !READABLE_KEYS.has(key) &&
      inner !== null &&
      inner !== undefined
        ? '[redacted]'
        : redactForAudit(inner, depth + 1);
  }
  return copy;
}
