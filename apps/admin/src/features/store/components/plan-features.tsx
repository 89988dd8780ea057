import type { PlanQuotas } from '@nextpanel/shared';
import { CheckIcon } from '@/components/ui/icons';
import { formatNumber } from '@/lib/format';
import styles from './store.module.css';

/** A plan's quotas as a customer reads them: "10 databases", "50 GB disk space". */
export function PlanFeatures({ quotas }: { quotas: PlanQuotas }) {
  const items = [
    `${formatNumber(quotas.max_domains)} ${quotas.max_domains === 1 ? 'website (domain)' : 'websites (domains)'}`,
    `${formatNumber(quotas.max_disk_gb)} GB disk space`,
    `${formatNumber(quotas.max_databases)} ${quotas.max_databases === 1 ? 'database' : 'databases'}`,
    `${formatNumber(quotas.max_email_accounts)} ${quotas.max_email_accounts === 1 ? 'email account' : 'email accounts'}`,
  ];
  return (
    <ul className={styles.features}>
      {items.map((item) => (
        <li key={item}>
          <CheckIcon size={16} className={styles.featureIcon} />
          {item}
        </li>
      ))}
    </ul>
  );
}
