/**
 * Account usage history: what the scheduled collection read from each active account's panel,
 * compared with the quotas of the account's license.
 */

/** The quota-bound resources of a hosting account. */
export const UsageMetric = {
  Disk: 'disk',
  Databases: 'databases',
  Domains: 'domains',
  EmailAccounts: 'email_accounts',
} as const;
export type UsageMetric = (typeof UsageMetric)[keyof typeof UsageMetric];
export const USAGE_METRICS: readonly UsageMetric[] = Object.values(UsageMetric);

/** How people read each metric, in the dashboard and in the warning email. */
export const USAGE_METRIC_LABELS: Readonly<Record<UsageMetric, string>> = {
  disk: 'Disk space',
  databases: 'Databases',
  domains: 'Domains',
  email_accounts: 'Email accounts',
};

/** One reading of an account's usage (the panel's `GET …/accounts/{id}/stats`). */
export interface AccountUsageSample {
  sampled_at: string;
  /** The panel's `storage_used`, in megabytes. */
  disk_used_mb: number;
  databases: number;
  domains: number;
  email_accounts: number;
  ssl_certificates: number;
}

/** The license's quotas, in the units of the samples (disk in megabytes = `max_disk_gb` × 1024). */
export interface AccountUsageQuota {
  license_id: number;
  disk_mb: number;
  databases: number;
  domains: number;
  email_accounts: number;
}

export type UsagePercentages = Record<UsageMetric, number>;

/** The latest sample, with each metric as a percentage of its quota (null without a license). */
export interface AccountUsageCurrent extends AccountUsageSample {
  percent: UsagePercentages | null;
}

/** A metric above the warning threshold whose customer has been warned (once per crossing). */
export interface AccountUsageWarning {
  metric: UsageMetric;
  /** The percentage that triggered the warning. */
  percent: number;
  warned_at: string;
}

/** How the last collection attempts for the account went. */
export interface AccountUsageCollection {
  last_attempt_at: string;
  last_success_at: string | null;
  /** Why the last attempt failed (the panel did not answer, …); null after a success. */
  last_error: string | null;
  consecutive_failures: number;
}

/** GET /api/v1/nextpanel/accounts/{id}/usage?from=&to= (and /api/v1/my/accounts/{id}/usage). */
export interface AccountUsageQuery {
  /** ISO 8601; default: 7 days before `to`. */
  from?: string;
  /** ISO 8601; default: now. */
  to?: string;
}

export interface AccountUsageResponse {
  account_id: number;
  quota: AccountUsageQuota | null;
  current: AccountUsageCurrent | null;
  /** Percentage at which the customer is warned. */
  warning_percent: number;
  warnings: AccountUsageWarning[];
  /** Null for customers, and before the first collection attempt. */
  collection: AccountUsageCollection | null;
  from: string;
  to: string;
  /**
   * Null: `samples` are the stored readings. A number: the range held too many, so each sample is
   * the peak of one bucket this many seconds wide, timed at the bucket's latest reading.
   */
  bucket_seconds: number | null;
  /** Oldest first. */
  samples: AccountUsageSample[];
}

/** GET/PATCH /api/v1/usage/settings: when customers are warned about their usage. */
export interface UsageSettings {
  /** A metric at or above this percentage of its quota warns the customer (once per crossing). */
  warning_percent: number;
  /** The warning re-arms once the metric drops below `warning_percent - hysteresis_percent`. */
  hysteresis_percent: number;
}

export type UpdateUsageSettingsRequest = Partial<UsageSettings>;
