import { USAGE_METRIC_LABELS, USAGE_METRICS } from '@nextpanel/shared';
import { UsageBar } from '@/components/ui/usage-bar';
import {
  formatMetric,
  metricQuota,
  metricValue,
} from '@/features/accounts/components/usage-metrics';
import { formatRelativeTime } from '@/lib/format';
import { useMyAccountUsage } from '../api/get-my-account-usage';
import styles from './my-account.module.css';

/** What the customer's account uses of its plan, as last measured (every few minutes). */
export function MyAccountUsage({ accountId }: { accountId: number }) {
  const usage = useMyAccountUsage({ accountId });
  if (usage.data === undefined) {
    return usage.isError ? (
      <p className={styles.usageNote}>Usage is not available right now.</p>
    ) : null;
  }
  const { current, quota } = usage.data;
  if (current === null) {
    return <p className={styles.usageNote}>Usage appears here once it has been measured.</p>;
  }
  return (
    <div className={styles.usage}>
      <ul className={styles.usageList} aria-label="Usage of your plan">
        {USAGE_METRICS.map((metric) => {
          const used = metricValue(current, metric);
          return (
            <li key={metric} className={styles.usageRow}>
              <span>{USAGE_METRIC_LABELS[metric]}</span>
              {quota !== null ? (
                <UsageBar
                  label={`${USAGE_METRIC_LABELS[metric]} used`}
                  value={used}
                  max={metricQuota(quota, metric)}
                  valueText={`${formatMetric(metric, used)} of ${formatMetric(metric, metricQuota(quota, metric))}`}
                  size="sm"
                />
              ) : (
                <span>{formatMetric(metric, used)}</span>
              )}
            </li>
          );
        })}
      </ul>
      <p className={styles.usageNote}>Measured {formatRelativeTime(current.sampled_at)}</p>
    </div>
  );
}
