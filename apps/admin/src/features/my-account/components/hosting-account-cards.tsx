import type { HostingAccountSummary, LicenseResponse } from '@nextpanel/shared';
import { CopyButton } from '@/components/ui/copy-button';
import { ExternalLinkIcon, ServerIcon } from '@/components/ui/icons';
import { AccountStatusBadge } from '@/features/accounts/components/account-status-badge';
import { formatDate } from '@/lib/format';
import { MyAccountUsage } from './my-account-usage';
import styles from './my-account.module.css';

const statusNotes: Partial<Record<HostingAccountSummary['status'], string>> = {
  provisioning: 'Being created on the server. This takes a few seconds.',
  suspended: 'Suspended: websites and mail are offline. Contact us to restore it.',
  failed: 'Could not be created. Our team has been notified.',
  terminated: 'Closed. Its websites and mail were removed.',
};

/** The customer's hosting accounts: where to sign in (panel URL) and with which username. */
export function HostingAccountCards({
  accounts,
  licenses,
}: {
  accounts: readonly HostingAccountSummary[];
  licenses: readonly LicenseResponse[];
}) {
  const licensesById = new Map(licenses.map((license) => [license.id, license]));
  return (
    <ul className={styles.accounts} aria-label="Hosting accounts" role="list">
      {accounts.map((account) => {
        const license =
          account.license_id !== null ? licensesById.get(account.license_id) : undefined;
        const note = statusNotes[account.status];
        return (
          <li
            key={account.id}
            className={styles.account}
            aria-label={`Hosting account ${account.username}`}
          >
            <div className={styles.accountHead}>
              <div className={styles.accountWho}>
                <span className={styles.accountIcon} aria-hidden="true">
                  <ServerIcon size={20} />
                </span>
                <div>
                  <span className={styles.accountName}>{account.username}</span>
                  <span className={styles.accountServer}>
                    {license ? license.plan.name : account.server_name}
                  </span>
                </div>
              </div>
              <AccountStatusBadge status={account.status} />
            </div>
            <dl className={styles.facts}>
              <dt>Control panel</dt>
              <dd>
                <a
                  href={account.server_url}
                  target="_blank"
                  rel="noreferrer"
                  className={styles.panelLink}
                >
                  {account.server_url}
                  <ExternalLinkIcon size={13} />
                </a>
              </dd>
              <dt>Username</dt>
              <dd>
                <span className={styles.mono}>{account.username}</span>
                <CopyButton value={account.username} label={`Copy username ${account.username}`} />
              </dd>
              <dt>Server</dt>
              <dd>{account.server_name}</dd>
              {license ? (
                <>
                  <dt>License</dt>
                  <dd className={styles.mono}>{license.license_key}</dd>
                </>
              ) : null}
              <dt>Since</dt>
              <dd>{formatDate(account.created_at)}</dd>
            </dl>
            {account.status === 'active' ? <MyAccountUsage accountId={account.id} /> : null}
            {note ? <p className={styles.statusReason}>{note}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
