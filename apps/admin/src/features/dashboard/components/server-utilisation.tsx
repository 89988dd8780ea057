import type { ServerResponse } from '@nextpanel/shared';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { ArrowRightIcon } from '@/components/ui/icons';
import { Skeleton } from '@/components/ui/skeleton';
import { UsageBar } from '@/components/ui/usage-bar';
import { paths } from '@/config/paths';
import { ServerStatusBadge } from '@/features/servers/components/server-status-badge';
import { formatNumber, formatPercent } from '@/lib/format';
import styles from './dashboard.module.css';

export interface ServerUtilisationProps {
  servers: readonly ServerResponse[] | undefined;
  error: unknown;
  onRetry: () => void;
  isRetrying: boolean;
}

/** One bar per server: how full it is, and whether it is taking accounts. */
export function ServerUtilisation({ servers, error, onRetry, isRetrying }: ServerUtilisationProps) {
  return (
    <Card
      padding="none"
      title="Server utilisation"
      description="Live accounts against each server’s capacity."
      actions={
        <ButtonLink to={paths.app.servers.getHref()} variant="ghost" size="sm">
          All servers
          <ArrowRightIcon size={14} />
        </ButtonLink>
      }
    >
      {servers === undefined && error ? (
        <ErrorState
          size="compact"
          title="Could not load servers"
          error={error}
          onRetry={onRetry}
          isRetrying={isRetrying}
        />
      ) : servers === undefined ? (
        <div className={styles.loading} aria-busy="true">
          <span className="visually-hidden">Loading servers</span>
          {[0, 1, 2].map((index) => (
            <div key={index}>
              <Skeleton width="40%" />
              <div style={{ height: 8 }} />
              <Skeleton height={8} />
            </div>
          ))}
        </div>
      ) : (
        <ul className={styles.serverList}>
          {servers.map((server) => (
            <li key={server.id} className={styles.serverItem}>
              <div className={styles.serverHead}>
                <span className={styles.serverName}>
                  {server.name}
                  {server.location ? (
                    <span className={styles.serverLocation}>{server.location}</span>
                  ) : null}
                </span>
                <ServerStatusBadge server={server} />
              </div>
              <UsageBar
                label={`${server.name} utilisation`}
                value={server.current_accounts}
                max={server.capacity}
                valueText={formatPercent(server.utilization_percent)}
              />
              <span className={styles.serverMeta}>
                {formatNumber(server.current_accounts)} of {formatNumber(server.capacity)} accounts
                · {formatNumber(server.available_slots)} free
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
