import type { AccountUsageQuota, AccountUsageSample, UsageMetric } from '@nextpanel/shared';
import { formatNumber } from '@/lib/format';

/** The panel reports storage in megabytes; quotas are in GB. */
export function formatStorage(megabytes: number): string {
  if (megabytes >= 1024) return `${(megabytes / 1024).toFixed(megabytes >= 10 * 1024 ? 0 : 1)} GB`;
  return `${formatNumber(Math.round(megabytes))} MB`;
}

/** A sample's value for a metric, in the quota's units (megabytes for disk). */
export function metricValue(sample: AccountUsageSample, metric: UsageMetric): number {
  return metric === 'disk' ? sample.disk_used_mb : sample[metric];
}

export function metricQuota(quota: AccountUsageQuota, metric: UsageMetric): number {
  return metric === 'disk' ? quota.disk_mb : quota[metric];
}

export function formatMetric(metric: UsageMetric, value: number): string {
  return metric === 'disk' ? formatStorage(value) : formatNumber(value);
}
