import type { HostingAccountSummary, LicenseResponse } from '@nextpanel/shared';
import { Badge } from '@/components/ui/badge';
import { DescriptionList } from '@/components/ui/description-list';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { UsageBar } from '@/components/ui/usage-bar';
import { formatDateTime, formatNumber, plural } from '@/lib/format';
import { useAccount } from '../api/get-account';
import { useAccountStats } from '../api/get-account-stats';
import styles from './accounts.module.css';
import { formatStorage } from './usage-metrics';

interface StatTile {
  label: string;
  value: number;
  quota?: number;
  format?: (value: number) => string;
}

/** Usage figures from the panel, against the license's quotas when the account has one. */
export function AccountStatsPanel({
  account,
  license,
}: {
  account: HostingAccountSummary;
  license?: LicenseResponse;
}) {
  const stats = useAccountStats({ accountId: account.id });
  // What the panel itself says about the account right now (it may disagree with billing).
  const live = useAccount({ accountId: account.id });
  const panel = live.data?.panel;

  if (stats.isError) {
    return (
      <ErrorState
        size="compact"
        title="Could not read usage from the panel"
        error={stats.error}
        onRetry={() => void stats.refetch()}
        isRetrying={stats.isFetching}
      />
    );
  }
  if (stats.data === undefined) {
    return (
      <div className={styles.statsGrid} aria-busy="true">
        <span className="visually-hidden">Loading usage</span>
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className={styles.stat}>
            <Skeleton width="50%" />
            <Skeleton width="30%" height={24} />
          </div>
        ))}
      </div>
    );
  }

  const data = stats.data;
  const tiles: StatTile[] = [
    { label: 'Domains', value: data.total_domains, quota: license?.max_domains },
    { label: 'Databases', value: data.total_databases, quota: license?.max_databases },
    {
      label: 'Email accounts',
      value: data.total_email_accounts,
      quota: license?.max_email_accounts,
    },
    {
      label: 'Storage',
      value: data.storage_used,
      quota: license ? license.max_disk_gb * 1024 : undefined,
      format: formatStorage,
    },
  ];

  return (
    <>
      <div className={styles.statsGrid}>
        {tiles.map(({ label, value, quota, format = formatNumber }) => (
          <div key={label} className={styles.stat}>
            <span className={styles.statLabel}>{label}</span>
            <span className={styles.statValue}>
              {format(value)}
              {quota !== undefined ? (
                <span className={styles.statQuota}> / {format(quota)}</span>
              ) : null}
            </span>
            {quota !== undefined ? (
              <UsageBar label={`${label} used`} value={value} max={quota} size="sm" hideText />
            ) : null}
          </div>
        ))}
      </div>
      <DescriptionList
        items={[
          { term: 'SSL certificates', description: formatNumber(data.total_ssl_certificates) },
          { term: 'Account age', description: plural(data.account_age_days, 'day') },
          {
            term: 'Last panel login',
            description: data.last_login ? formatDateTime(data.last_login) : 'Never',
          },
          { term: 'Panel user', description: `#${data.user_id} (${data.username})` },
        ]}
      />
      {panel ? (
        <p className={styles.panelState}>
          On the panel:{' '}
          {panel.reachable ? (
            <Badge tone={panel.status === account.status ? 'success' : 'warning'}>
              {panel.status ?? 'unknown'}
            </Badge>
          ) : (
            <Badge tone="danger">unreachable</Badge>
          )}
          {panel.error ? ` ${panel.error}` : ''}
        </p>
      ) : null}
      {license ? null : (
        <p className={styles.panelState}>
          This account has no license, so there are no quotas to compare with.
        </p>
      )}
    </>
  );
}
