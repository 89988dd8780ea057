import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { HostingAccountSummary, ServerResponse } from '@nextpanel/shared';
import { Card } from '@/components/ui/card';
import { AlertTriangleIcon, CheckIcon, KeyIcon, ServerIcon } from '@/components/ui/icons';
import { USAGE_DANGER_PERCENT } from '@/components/ui/usage-bar';
import { paths } from '@/config/paths';
import { formatNumber, formatPercent, formatRelativeTime, plural } from '@/lib/format';
import { AccountCustomer } from './account-customer';
import styles from './dashboard.module.css';

export interface AttentionItem {
  key: string;
  tone: 'danger' | 'warning';
  icon: ReactNode;
  title: ReactNode;
  detail?: ReactNode;
}

/** The failed hosting accounts: the newest few (`GET /nextpanel/accounts?status=failed`) and how many in all. */
export interface FailedAccounts {
  items: readonly HostingAccountSummary[];
  total: number;
}

/** What an admin should look at: offline or full servers, failed provisioning, suspended licenses. */
export function attentionItems({
  servers,
  failedAccounts,
  failedAccountsError = null,
  suspendedLicenses,
}: {
  servers: readonly ServerResponse[];
  /** Undefined while loading. */
  failedAccounts: FailedAccounts | undefined;
  /** Set when the failed accounts could not be read (and none are known). */
  failedAccountsError?: unknown;
  suspendedLicenses: number;
}): AttentionItem[] {
  const items: AttentionItem[] = [];
  const active = servers.filter((server) => server.is_active);
  for (const server of active) {
    if (!server.is_online) {
      items.push({
        key: `offline-${server.id}`,
        tone: 'danger',
        icon: <ServerIcon size={16} />,
        title: <Link to={paths.app.servers.getHref()}>{server.name} is offline</Link>,
        detail: `${server.last_error ?? 'The last health check failed'} · checked ${formatRelativeTime(server.last_checked_at)}`,
      });
    } else if (server.utilization_percent >= USAGE_DANGER_PERCENT) {
      items.push({
        key: `full-${server.id}`,
        tone: 'warning',
        icon: <ServerIcon size={16} />,
        title: (
          <Link to={paths.app.editServer.getHref(server.id)}>
            {server.name} is {formatPercent(server.utilization_percent)} full
          </Link>
        ),
        detail: `${plural(server.available_slots, 'free slot')} of ${formatNumber(server.capacity)}. Raise its capacity or add a server.`,
      });
    }
  }
  if (
    active.length > 0 &&
    !active.some((server) => server.is_online && server.available_slots > 0)
  ) {
    items.unshift({
      key: 'no-room',
      tone: 'danger',
      icon: <AlertTriangleIcon size={16} />,
      title: 'No server can take new accounts',
      detail: 'Automatic provisioning fails until a server is online with free slots.',
    });
  }
  for (const account of failedAccounts?.items ?? []) {
    items.push({
      key: `failed-${account.id}`,
      tone: 'danger',
      icon: <AlertTriangleIcon size={16} />,
      title: (
        <Link to={paths.app.customer.getHref(account.customer_id)}>
          Provisioning of {account.username} failed (<AccountCustomer account={account} />)
        </Link>
      ),
      detail: account.status_reason ?? `On ${account.server_name}`,
    });
  }
  const unlisted = failedAccounts ? failedAccounts.total - failedAccounts.items.length : 0;
  if (unlisted > 0) {
    items.push({
      key: 'failed-more',
      tone: 'danger',
      icon: <AlertTriangleIcon size={16} />,
      title: plural(unlisted, 'more failed hosting account'),
      detail: `${plural(failedAccounts?.total ?? 0, 'hosting account')} failed in all; the newest are listed above. Open the customer to retry or terminate.`,
    });
  }
  if (failedAccounts === undefined && failedAccountsError) {
    items.push({
      key: 'failed-unknown',
      tone: 'warning',
      icon: <AlertTriangleIcon size={16} />,
      title: 'Could not check for failed hosting accounts',
      detail: 'Reload the page to try again.',
    });
  }
  if (suspendedLicenses > 0) {
    items.push({
      key: 'suspended-licenses',
      tone: 'warning',
      icon: <KeyIcon size={16} />,
      title: (
        <Link to={`${paths.app.licenses.getHref()}?status=suspended`}>
          {plural(suspendedLicenses, 'suspended license')}
        </Link>
      ),
      detail: 'Their customers cannot get new hosting accounts on them.',
    });
  }
  return items;
}

export function NeedsAttention({
  items,
  isLoading,
}: {
  items: readonly AttentionItem[];
  isLoading: boolean;
}) {
  return (
    <Card
      padding="none"
      title="Needs attention"
      description="Problems to fix before customers notice."
    >
      {items.length === 0 ? (
        <div className={styles.allClear} role="status">
          <span className={styles.allClearIcon} aria-hidden="true">
            <CheckIcon size={18} />
          </span>
          {isLoading ? 'Checking…' : 'Nothing needs your attention.'}
        </div>
      ) : (
        <ul className={styles.list} aria-label="Needs attention">
          {items.map((item) => (
            <li key={item.key} className={styles.item}>
              <span
                className={`${styles.itemIcon} ${item.tone === 'danger' ? styles.toneDanger : styles.toneWarning}`}
                aria-hidden="true"
              >
                {item.icon}
              </span>
              <div className={styles.itemText}>
                <span className={styles.itemTitle}>{item.title}</span>
                {item.detail ? <span className={styles.itemDetail}>{item.detail}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
