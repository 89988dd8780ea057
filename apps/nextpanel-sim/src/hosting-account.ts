/**
 * The hosting account as the simulated panel keeps it, and the shapes it shows to the outside.
 * Field names are snake_case because they are the panel's wire format (see
 * /work/shared/reference/nextpanel-panel-api.md); the persisted record uses the same names so the
 * data file reads like the API.
 */

export type AccountStatus = 'active' | 'suspended';

/** Quotas set by the billing system per package, e.g. {"max_domains": 5}; -1 or null means unlimited. */
export type AccountQuotas = Record<string, number | null>;

/** Free-form data the billing system attaches (billing_customer_id, created_from, ...). */
export type AccountMetadata = Record<string, unknown>;

/**
 * Resource usage a real panel measures on the box. The simulator has no boxes, so tests set these
 * counters through the control API to exercise the billing system's usage views.
 */
export interface AccountUsage {
  total_domains: number;
  total_databases: number;
  total_email_accounts: number;
  total_ssl_certificates: number;
  storage_used: number;
}

export const NO_USAGE: Readonly<AccountUsage> = Object.freeze({
  total_domains: 0,
  total_databases: 0,
  total_email_accounts: 0,
  total_ssl_certificates: 0,
  storage_used: 0,
});

/** Everything the simulator persists per account, including what must never leave it. */
export interface StoredHostingAccount {
  id: number;
  username: string;
  email: string;
  full_name: string | null;
  phone: string | null;
  company: string | null;
  package_id: number | null;
  status: AccountStatus;
  suspend_reason: string | null;
  billing_id: string | null;
  metadata: AccountMetadata;
  quotas: AccountQuotas;
  created_at: string;
  updated_at: string;
  /** scrypt hash (see password-hash.ts); the plaintext is never stored. */
  password_hash: string;
  password_updated_at: string;
  usage: AccountUsage;
  last_login: string | null;
}

/** The account object the panel API returns. Deliberately has no password field of any kind. */
export interface PanelAccount {
  id: number;
  username: string;
  email: string;
  full_name: string | null;
  phone: string | null;
  company: string | null;
  package_id: number | null;
  status: AccountStatus;
  suspend_reason: string | null;
  billing_id: string | null;
  metadata: AccountMetadata;
  quotas: AccountQuotas;
  created_at: string;
  updated_at: string;
}

/** `GET /api/v1/billing/accounts/{id}/stats`: exactly the fields seen from real panels. */
export interface PanelAccountStats {
  user_id: number;
  username: string;
  email: string;
  total_domains: number;
  total_databases: number;
  total_email_accounts: number;
  total_ssl_certificates: number;
  storage_used: number;
  last_login: string | null;
  account_age_days: number;
}

/** What `/__control/accounts` shows tests: the panel view plus the counters tests set. */
export interface ControlAccountView extends PanelAccount {
  usage: AccountUsage;
  last_login: string | null;
  password_updated_at: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

// Fields are picked one by one rather than spread from the stored record, so a field added to the
// record (like password_hash) can never reach the wire by accident.
export function toPanelAccount(account: StoredHostingAccount): PanelAccount {
  return {
    id: account.id,
    username: account.username,
    email: account.email,
    full_name: account.full_name,
    phone: account.phone,
    company: account.company,
    package_id: account.package_id,
    status: account.status,
    suspend_reason: account.suspend_reason,
    billing_id: account.billing_id,
    metadata: structuredClone(account.metadata),
    quotas: { ...account.quotas },
    created_at: account.created_at,
    updated_at: account.updated_at,
  };
}

export function toAccountStats(account: StoredHostingAccount, now: Date): PanelAccountStats {
  const ageMs = now.getTime() - Date.parse(account.created_at);
  return {
    user_id: account.id,
    username: account.username,
    email: account.email,
    total_domains: account.usage.total_domains,
    total_databases: account.usage.total_databases,
    total_email_accounts: account.usage.total_email_accounts,
    total_ssl_certificates: account.usage.total_ssl_certificates,
    storage_used: account.usage.storage_used,
    last_login: account.last_login,
    account_age_days: Math.max(0, Math.floor(ageMs / DAY_MS)),
  };
}

export function toControlAccountView(account: StoredHostingAccount): ControlAccountView {
  return {
    ...toPanelAccount(account),
    usage: { ...account.usage },
    last_login: account.last_login,
    password_updated_at: account.password_updated_at,
  };
}
