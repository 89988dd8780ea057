/**
 * API keys for integrators: `Authorization: Bearer nbk_…` beside the admins' JWTs. A key acts
 * with an admin's reach, but only within its scopes. Every admin endpoint needs exactly one
 * scope, `<resource>:read` for GET and `<resource>:write` for anything else; the served OpenAPI
 * document names it per operation (`x-required-scope`).
 */

/** Every key starts with this, so the API (and secret scanners) can tell a key from a JWT. */
export const API_KEY_PREFIX = 'nbk_';

/** The resources an API key can be granted, in the order the dashboard lists them. */
export const API_KEY_RESOURCES = [
  'customers',
  'servers',
  'plans',
  'licenses',
  'provisioning',
  'orders',
  'jobs',
  'emails',
  'usage',
  'webhooks',
  'audit',
] as const;
export type ApiKeyResource = (typeof API_KEY_RESOURCES)[number];

export type ApiKeyAccess = 'read' | 'write';

/** Every scope a key can hold. `write` does not imply `read`: grant both to do both. */
export const API_KEY_SCOPES = [
  'customers:read',
  'customers:write',
  'servers:read',
  'servers:write',
  'plans:read',
  'plans:write',
  'licenses:read',
  'licenses:write',
  'provisioning:read',
  'provisioning:write',
  'orders:read',
  'orders:write',
  'jobs:read',
  'jobs:write',
  'emails:read',
  'emails:write',
  'usage:read',
  'usage:write',
  'webhooks:read',
  'webhooks:write',
  'audit:read',
] as const satisfies readonly `${ApiKeyResource}:${ApiKeyAccess}`[];
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const isApiKeyScope = (value: unknown): value is ApiKeyScope =>
  typeof value === 'string' && (API_KEY_SCOPES as readonly string[]).includes(value);

/** What each scope allows, as the dashboard and `GET /api/v1/api-keys/scopes` describe it. */
export const API_KEY_SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  'customers:read': 'List customers and read their details, licenses and accounts',
  'customers:write': 'Create customers and change them (including deactivating)',
  'servers:read': 'List panel servers and check their status',
  'servers:write': 'Add, change and delete panel servers; test panel connections',
  'plans:read': 'List plans and read them, inactive ones included',
  'plans:write': 'Create plans and change them',
  'licenses:read': 'List licenses and read them',
  'licenses:write': 'Issue licenses to customers, suspend and reactivate them',
  'provisioning:read': 'List hosting accounts; read their state history and usage',
  'provisioning:write':
    'Provision hosting accounts; suspend, unsuspend, change plan, reset password, terminate',
  'orders:read': 'List orders and read them',
  'orders:write': 'Mark orders paid and retry failed orders',
  'jobs:read': 'Read the background job queue',
  'jobs:write': 'Retry failed jobs',
  'emails:read': 'Read the email outbox (never the bodies)',
  'emails:write': 'Resend emails',
  'usage:read': 'Read hosting accounts’ usage history and the usage warning settings',
  'usage:write': 'Change the usage warning settings',
  'webhooks:read': 'List webhook endpoints, their deliveries and the webhook settings',
  'webhooks:write':
    'Add, change and remove webhook endpoints, rotate their secrets, send test events, resend deliveries',
  'audit:read': 'Read the audit log',
};

/** Stable codes of the API-key refusals (403), beside the general `ErrorCode`s. */
export const ApiKeyErrorCode = {
  /** The key is valid but lacks the scope the endpoint needs; `details` names it. */
  InsufficientScope: 'INSUFFICIENT_SCOPE',
  /** The endpoint is for signed-in users only (customer routes, managing API keys). */
  ApiKeyNotAllowed: 'API_KEY_NOT_ALLOWED',
} as const;
export type ApiKeyErrorCode = (typeof ApiKeyErrorCode)[keyof typeof ApiKeyErrorCode];

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';
export const API_KEY_STATUSES: readonly ApiKeyStatus[] = ['active', 'expired', 'revoked'];

/** One API key as lists show it: never the secret, only its first characters. */
export interface ApiKeyResponse {
  id: number;
  name: string;
  /** The key's first characters, e.g. `nbk_Xy12ab9Q`, to tell keys apart; not a secret. */
  key_prefix: string;
  scopes: ApiKeyScope[];
  status: ApiKeyStatus;
  expires_at: string | null;
  revoked_at: string | null;
  /** Updated at most once a minute per key. */
  last_used_at: string | null;
  last_used_ip: string | null;
  /** Email of the admin who created the key, when still known. */
  created_by: string | null;
  created_at: string;
}

/** Answer of `POST /api/v1/api-keys`: the only time the secret is ever shown. */
export interface CreatedApiKeyResponse extends ApiKeyResponse {
  secret: string;
}

/** `POST /api/v1/api-keys` */
export interface CreateApiKeyRequest {
  name: string;
  scopes: ApiKeyScope[];
  /** ISO timestamp in the future; omitted or null: the key does not expire. */
  expires_at?: string | null;
}

/** `GET /api/v1/api-keys/scopes` */
export interface ApiKeyScopeResponse {
  scope: ApiKeyScope;
  resource: ApiKeyResource;
  access: ApiKeyAccess;
  description: string;
}

export const apiKeyScopeInfo = (scope: ApiKeyScope): ApiKeyScopeResponse => {
  const [resource, access] = scope.split(':') as [ApiKeyResource, ApiKeyAccess];
  return { scope, resource, access, description: API_KEY_SCOPE_DESCRIPTIONS[scope] };
};
