import type { HostingAccountSummary, LicenseResponse } from '@nextpanel/shared';
import { Button } from '@/components/ui/button';
import { CellActions, CellStack, Table } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { AccountStatusBadge } from './account-status-badge';
import styles from './accounts.module.css';

export type AccountAction = 'stats' | 'suspend' | 'unsuspend' | 'terminate';

export interface AccountsTableProps {
  accounts: readonly HostingAccountSummary[];
  /** The customer's licenses, to show which one an account uses. */
  licenses: readonly LicenseResponse[];
  onAction: (action: AccountAction, account: HostingAccountSummary) => void;
  /** The customer's own email: an account using it does not repeat it. */
  customerEmail?: string;
}

/** What each state allows; the API refuses the rest with 409 INVALID_ACCOUNT_STATE. */
export function allowedActions(account: HostingAccountSummary): AccountAction[] {
  switch (account.status) {
    case 'active':
      return ['stats', 'suspend', 'terminate'];
    case 'suspended':
      return ['stats', 'unsuspend', 'terminate'];
    case 'provisioning':
    case 'terminated':
    case 'failed':
      return [];
  }
}

export function AccountsTable({ accounts, licenses, onAction, customerEmail }: AccountsTableProps) {
  const licenseKeys = new Map(licenses.map((license) => [license.id, license.license_key]));
  return (
    <Table caption="Hosting accounts">
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Server</th>
          <th scope="col">License</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => {
          const actions = allowedActions(account);
          return (
            <tr key={account.id}>
              <td>
                <CellStack
                  primary={account.username}
                  secondary={[
                    account.email !== customerEmail ? account.email : null,
                    account.nextpanel_user_id !== null
                      ? `panel user #${account.nextpanel_user_id}`
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  title={`Created ${formatDateTime(account.created_at)}`}
                />
              </td>
              <td>
                <CellStack
                  primary={account.server_name}
                  secondary={
                    <a
                      href={account.server_url}
                      target="_blank"
                      rel="noreferrer"
                      className={styles.serverLink}
                    >
                      {account.server_url}
                    </a>
                  }
                />
              </td>
              <td>
                {account.license_id !== null ? (
                  <span className={styles.key}>
                    {licenseKeys.get(account.license_id) ?? `#${account.license_id}`}
                  </span>
                ) : (
                  <span className={styles.muted}>No license</span>
                )}
              </td>
              <td>
                <AccountStatusBadge status={account.status} />
                {account.status_reason ? (
                  <p
                    className={`${styles.reason} ${account.status === 'failed' ? styles.reasonFailed : ''}`}
                  >
                    {account.status_reason}
                  </p>
                ) : null}
              </td>
              <td>
                <CellActions>
                  {actions.includes('stats') ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Usage of ${account.username}`}
                      onClick={() => onAction('stats', account)}
                    >
                      Usage
                    </Button>
                  ) : null}
                  {actions.includes('suspend') ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Suspend ${account.username}`}
                      onClick={() => onAction('suspend', account)}
                    >
                      Suspend
                    </Button>
                  ) : null}
                  {actions.includes('unsuspend') ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Unsuspend ${account.username}`}
                      onClick={() => onAction('unsuspend', account)}
                    >
                      Unsuspend
                    </Button>
                  ) : null}
                  {actions.includes('terminate') ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Terminate ${account.username}`}
                      onClick={() => onAction('terminate', account)}
                    >
                      Terminate
                    </Button>
                  ) : null}
                </CellActions>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
