import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { HostingAccountStatus, HostingAccountSummary } from '@nextpanel/shared';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import {
  ActivityIcon,
  CheckCircleIcon,
  ClockIcon,
  PauseIcon,
  XCircleIcon,
  AlertTriangleIcon,
} from '@/components/ui/icons';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelativeTime, plural } from '@/lib/format';
import { AccountCustomer } from './account-customer';
import styles from './dashboard.module.css';

/** How many of the most recently changed accounts the dashboard lists (the page size it asks for). */
export const RECENT_ACTIVITY_LIMIT = 8;

const presentation: Record<HostingAccountStatus, { verb: string; icon: ReactNode; tone: string }> =
  {
    provisioning: {
      verb: 'is being provisioned on',
      icon: <ClockIcon size={16} />,
      tone: styles.tonePrimary ?? '',
    },
    active: {
      verb: 'provisioned on',
      icon: <CheckCircleIcon size={16} />,
      tone: styles.toneSuccess ?? '',
    },
    suspended: {
      verb: 'suspended on',
      icon: <PauseIcon size={16} />,
      tone: styles.toneWarning ?? '',
    },
    terminated: {
      verb: 'terminated on',
      icon: <XCircleIcon size={16} />,
      tone: styles.toneNeutral ?? '',
    },
    failed: {
      verb: 'failed on',
      icon: <AlertTriangleIcon size={16} />,
      tone: styles.toneDanger ?? '',
    },
  };

export interface RecentActivityProps {
  /** The first page of `GET /nextpanel/accounts`, most recently changed first. */
  accounts: readonly HostingAccountSummary[];
  /** Every hosting account, of any status (`total` of that page). */
  total: number | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
}

/** The latest provisioning events: new accounts, failures, suspensions, terminations. */
export function RecentActivity({
  accounts,
  total,
  isPending,
  error,
  onRetry,
}: RecentActivityProps) {
  const recent = accounts.slice(0, RECENT_ACTIVITY_LIMIT);
  return (
    <Card
      padding="none"
      title="Recent provisioning activity"
      description="The latest changes to hosting accounts."
    >
      {error && recent.length === 0 ? (
        <ErrorState
          size="compact"
          title="Could not load recent activity"
          error={error}
          onRetry={onRetry}
        />
      ) : isPending && recent.length === 0 ? (
        <div className={styles.loading} aria-busy="true">
          <span className="visually-hidden">Loading recent activity</span>
          {[0, 1, 2].map((index) => (
            <Skeleton key={index} width={`${80 - index * 15}%`} />
          ))}
        </div>
      ) : recent.length === 0 ? (
        <EmptyState
          headingLevel={3}
          icon={<ActivityIcon size={24} />}
          title="No hosting accounts yet"
          description="Provisioned accounts show up here. Open a customer and choose “Provision account”."
        />
      ) : (
        <>
          <ul className={styles.list} aria-label="Recent provisioning activity">
            {recent.map((account) => {
              const { verb, icon, tone } = presentation[account.status];
              return (
                <li key={account.id} className={styles.item}>
                  <span className={`${styles.itemIcon} ${tone}`} aria-hidden="true">
                    {icon}
                  </span>
                  <div className={styles.itemText}>
                    <span className={styles.itemTitle}>
                      {account.username} {verb} {account.server_name}
                    </span>
                    <span className={styles.itemDetail}>
                      <Link to={paths.app.customer.getHref(account.customer_id)}>
                        <AccountCustomer account={account} />
                      </Link>
                      {account.status_reason ? ` · ${account.status_reason}` : ''}
                    </span>
                  </div>
                  <time
                    className={styles.itemTime}
                    dateTime={account.updated_at}
                    title={formatDateTime(account.updated_at)}
                  >
                    {formatRelativeTime(account.updated_at)}
                  </time>
                </li>
              );
            })}
          </ul>
          <p className={styles.footnote}>
            {total !== undefined && total > recent.length
              ? `The ${recent.length} most recently changed of ${plural(total, 'hosting account')}, across all customers.`
              : 'Every hosting account, most recently changed first.'}
          </p>
        </>
      )}
    </Card>
  );
}
