import { useId, useState } from 'react';
import {
  USAGE_METRIC_LABELS,
  USAGE_METRICS,
  type AccountUsageResponse,
  type UsageMetric,
} from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ErrorState } from '@/components/ui/error-state';
import { LineChart } from '@/components/ui/line-chart';
import { Skeleton } from '@/components/ui/skeleton';
import { UsageBar } from '@/components/ui/usage-bar';
import { formatDateTime, formatNumber, formatPercent, formatRelativeTime } from '@/lib/format';
import { USAGE_RANGES, useAccountUsage, type UsageRange } from '../api/get-account-usage';
import { formatMetric, metricQuota, metricValue } from './usage-metrics';
import styles from './accounts.module.css';

const RANGES = Object.keys(USAGE_RANGES) as UsageRange[];

/**
 * The account's usage as the scheduled collection stored it: current figures against the
 * license's quotas (red from 90 %), and a chart of one metric over the chosen period.
 */
export function AccountUsageHistory({ accountId }: { accountId: number }) {
  const [range, setRange] = useState<UsageRange>('7d');
  const [metric, setMetric] = useState<UsageMetric>('disk');
  const usage = useAccountUsage({
    accountId,
    range,
    queryConfig: { placeholderData: (previous) => previous },
  });
  const headingId = useId();

  return (
    <section className={styles.history} aria-labelledby={headingId}>
      <div className={styles.historyHeader}>
        <h3 id={headingId} className={styles.historyTitle}>
          Usage history
        </h3>
        <div className={styles.segmented} role="group" aria-label="Period">
          {RANGES.map((key) => (
            <button
              key={key}
              type="button"
              className={styles.segment}
              aria-pressed={range === key}
              aria-label={`Last ${USAGE_RANGES[key].label}`}
              onClick={() => setRange(key)}
            >
              {USAGE_RANGES[key].short}
            </button>
          ))}
        </div>
      </div>
      {usage.isError && usage.data === undefined ? (
        <ErrorState
          size="compact"
          title="Could not load the usage history"
          error={usage.error}
          onRetry={() => void usage.refetch()}
          isRetrying={usage.isFetching}
        />
      ) : usage.data === undefined ? (
        <div aria-busy="true">
          <span className="visually-hidden">Loading usage history</span>
          <Skeleton height={120} />
        </div>
      ) : (
        <UsageHistoryBody
          data={usage.data}
          range={range}
          metric={metric}
          onMetricChange={setMetric}
        />
      )}
    </section>
  );
}

function UsageHistoryBody({
  data,
  range,
  metric,
  onMetricChange,
}: {
  data: AccountUsageResponse;
  range: UsageRange;
  metric: UsageMetric;
  onMetricChange: (metric: UsageMetric) => void;
}) {
  const { quota, current, collection } = data;
  const warned = new Map(data.warnings.map((warning) => [warning.metric, warning]));
  const label = USAGE_METRIC_LABELS[metric];
  const notes = [
    current ? `Last reading ${formatRelativeTime(current.sampled_at)}` : null,
    data.bucket_seconds ? 'each point is the peak of its interval' : null,
    quota === null ? 'No license, so no quotas to compare with' : null,
  ].filter((note): note is string => note !== null);

  return (
    <>
      {collection?.last_error ? (
        <Alert variant="warning" title="The last usage collection failed">
          {collection.last_error}
          {collection.consecutive_failures > 1
            ? ` (${formatNumber(collection.consecutive_failures)} attempts in a row)`
            : ''}
          . Last success:{' '}
          {collection.last_success_at ? formatDateTime(collection.last_success_at) : 'never'}.
        </Alert>
      ) : null}

      {current === null ? (
        <p className={styles.panelState}>
          No usage collected yet: billing reads it from the panel on a schedule.
        </p>
      ) : (
        <ul className={styles.quotaList} aria-label="Current usage">
          {USAGE_METRICS.map((key) => {
            const used = metricValue(current, key);
            const percent = current.percent?.[key];
            return (
              <li key={key} className={styles.quotaRow}>
                <span className={styles.quotaLabel}>
                  {USAGE_METRIC_LABELS[key]}
                  {warned.has(key) ? <Badge tone="danger">Customer warned</Badge> : null}
                </span>
                {quota !== null && percent !== undefined ? (
                  <UsageBar
                    label={`${USAGE_METRIC_LABELS[key]} of quota`}
                    value={used}
                    max={metricQuota(quota, key)}
                    valueText={`${formatMetric(key, used)} / ${formatMetric(key, metricQuota(quota, key))} · ${formatPercent(percent)}`}
                    size="sm"
                  />
                ) : (
                  <span className={styles.quotaValue}>{formatMetric(key, used)}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}

      <div className={styles.segmented} role="group" aria-label="Chart">
        {USAGE_METRICS.map((key) => (
          <button
            key={key}
            type="button"
            className={styles.segment}
            aria-pressed={metric === key}
            onClick={() => onMetricChange(key)}
          >
            {USAGE_METRIC_LABELS[key]}
          </button>
        ))}
      </div>
      <LineChart
        label={`${label} over the last ${USAGE_RANGES[range].label}`}
        points={data.samples.map((sample) => ({
          time: Date.parse(sample.sampled_at),
          value: metricValue(sample, metric),
        }))}
        from={Date.parse(data.from)}
        to={Date.parse(data.to)}
        references={
          quota === null
            ? []
            : [
                { label: 'Quota', value: metricQuota(quota, metric), tone: 'danger' },
                {
                  label: `Warning at ${formatPercent(data.warning_percent)}`,
                  value: (metricQuota(quota, metric) * data.warning_percent) / 100,
                  tone: 'warning',
                },
              ]
        }
        formatValue={(value) => formatMetric(metric, value)}
        emptyText={`No readings in the last ${USAGE_RANGES[range].label}`}
      />
      {notes.length > 0 ? <p className={styles.panelState}>{notes.join(' · ')}</p> : null}
    </>
  );
}
