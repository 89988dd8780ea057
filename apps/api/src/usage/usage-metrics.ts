import {
  AccountUsageQuota,
  USAGE_METRICS,
  UsageMetric,
  UsagePercentages,
  UsageSettings,
} from '@nextpanel/shared';

/** A reading in the units the quotas use (megabytes for disk). */
export type UsageReading = Record<UsageMetric, number>;

export interface LicenseQuotaRow {
  license_id: number | null;
  max_disk_gb: number | null;
  max_databases: number | null;
  max_domains: number | null;
  max_email_accounts: number | null;
}

/** The license's quotas in the samples' units; null for an account without a license. */
export function quotaOf(row: LicenseQuotaRow): AccountUsageQuota | null {
  if (row.license_id === null) return null;
  return {
    license_id: row.license_id,
    disk_mb: Number(row.max_disk_gb) * 1024,
    databases: Number(row.max_databases),
    domains: Number(row.max_domains),
    email_accounts: Number(row.max_email_accounts),
  };
}

export function quotaLimit(quota: AccountUsageQuota, metric: UsageMetric): number {
  return metric === 'disk' ? quota.disk_mb : quota[metric];
}

/**
 * Used as a percentage of the limit, one decimal. A quota of 0 means "none allowed", so any use
 * of it counts as 100 % (and warns), rather than dividing by zero.
 */
export function percentOf(used: number, limit: number): number {
  if (limit <= 0) return used > 0 ? 100 : 0;
  return Math.round((used / limit) * 1000) / 10;
}

export function percentages(reading: UsageReading, quota: AccountUsageQuota): UsagePercentages {
  return Object.fromEntries(
    USAGE_METRICS.map((metric) => [metric, percentOf(reading[metric], quotaLimit(quota, metric))]),
  ) as UsagePercentages;
}

export interface WarningDecision {
  /** At or above the threshold: warn, unless the customer was already warned for this crossing. */
  above: UsageMetric[];
  /** Clearly back below (threshold minus hysteresis): a later crossing warns again. */
  cleared: UsageMetric[];
}

/**
 * Which metrics are over the threshold and which have dropped back far enough to re-arm. Between
 * the two (e.g. 85–90 %), nothing changes: usage hovering around the threshold does not send an
 * email every collection.
 */
export function decideWarnings(
  percent: UsagePercentages,
  settings: UsageSettings,
): WarningDecision {
  const rearmBelow = settings.warning_percent - settings.hysteresis_percent;
  return {
    above: USAGE_METRICS.filter((metric) => percent[metric] >= settings.warning_percent),
    cleared: USAGE_METRICS.filter((metric) => percent[metric] < rearmBelow),
  };
}

/** "9.3 GB", "512 MB": the panel reports megabytes. */
export function formatMegabytes(megabytes: number): string {
  if (megabytes >= 1024) {
    const gigabytes = megabytes / 1024;
    return `${Number.isInteger(gigabytes) ? gigabytes : gigabytes.toFixed(1)} GB`;
  }
  return `${Math.round(megabytes)} MB`;
}

export function formatUsage(metric: UsageMetric, value: number): string {
  return metric === 'disk' ? formatMegabytes(value) : String(value);
}
