import type { PlanQuotas } from '@nextpanel/shared';
import { formatNumber } from '@/lib/format';
import styles from './licenses.module.css';

/** A plan's or license's limits on one line: "10 databases · 5 domains · 25 mailboxes · 50 GB". */
export function QuotaSummary({ quotas }: { quotas: PlanQuotas }) {
  const items = [
    [quotas.max_databases, quotas.max_databases === 1 ? 'database' : 'databases'],
    [quotas.max_domains, quotas.max_domains === 1 ? 'domain' : 'domains'],
    [quotas.max_email_accounts, quotas.max_email_accounts === 1 ? 'mailbox' : 'mailboxes'],
    [quotas.max_disk_gb, 'GB disk'],
  ] as const;
  return (
    <ul className={styles.quotas}>
      {items.map(([value, unit]) => (
        <li key={unit}>
          <strong>{formatNumber(value)}</strong> {unit}
        </li>
      ))}
    </ul>
  );
}
