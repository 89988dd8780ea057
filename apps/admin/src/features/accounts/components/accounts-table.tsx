import { Fragment, useState } from 'react';
import type { HostingAccountSummary, LicenseResponse } from '@nextpanel/shared';
import { Button } from '@/components/ui/button';
import { ChevronRightIcon, KeyIcon, LayersIcon } from '@/components/ui/icons';
import { CellStack, Table } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import {
  allowedActions,
  suspensionKindLabels,
  type AccountAction,
} from './account-action-feedback';
import { AccountHistory } from './account-history';
import lifecycle from './account-lifecycle.module.css';
import { AccountPendingBadge } from './account-pending-badge';
import { AccountStatusBadge } from './account-status-badge';
import styles from './accounts.module.css';

export { allowedActions, type AccountAction } from './account-action-feedback';

export interface AccountsTableProps {
  accounts: readonly HostingAccountSummary[];
  /** The customer's licenses, to show which one an account uses. */
  licenses: readonly LicenseResponse[];
  onAction: (action: AccountAction, account: HostingAccountSummary) => void;
  /** The customer's own email: an account using it does not repeat it. */
  customerEmail?: string;
}

const COLUMNS = 5;

export function AccountsTable({ accounts, licenses, onAction, customerEmail }: AccountsTableProps) {
  const licenseKeys = new Map(licenses.map((license) => [license.id, license.license_key]));
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const toggle = (accountId: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(accountId)) next.delete(accountId);
      else next.add(accountId);
      return next;
    });

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
          const isOpen = expanded.has(account.id);
          const detailsId = `account-${account.id}-details`;
          return (
            <Fragment key={account.id}>
              <tr>
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
                  {account.status === 'suspended' && account.suspension_kind ? (
                    <span className={lifecycle.kind}>
                      {suspensionKindLabels[account.suspension_kind]}
                    </span>
                  ) : null}
                  {account.status_reason ? (
                    <p
                      className={`${styles.reason} ${account.status === 'failed' ? styles.reasonFailed : ''}`}
                    >
                      {account.status_reason}
                    </p>
                  ) : null}
                  <AccountPendingBadge account={account} />
                </td>
                <td>
                  {/* Wraps instead of widening the table past its card (four buttons on a laptop). */}
                  <div className={lifecycle.rowActions}>
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
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Details of ${account.username}`}
                      aria-expanded={isOpen}
                      aria-controls={detailsId}
                      icon={
                        <ChevronRightIcon
                          size={14}
                          style={{ transform: isOpen ? 'rotate(90deg)' : undefined }}
                        />
                      }
                      onClick={() => toggle(account.id)}
                    >
                      Details
                    </Button>
                  </div>
                </td>
              </tr>
              {isOpen ? (
                <tr id={detailsId}>
                  <td colSpan={COLUMNS} className={lifecycle.detailsCell}>
                    <AccountDetails account={account} actions={actions} onAction={onAction} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </Table>
  );
}

/** Under an expanded row: the less frequent actions, then the account's history. */
function AccountDetails({
  account,
  actions,
  onAction,
}: {
  account: HostingAccountSummary;
  actions: readonly AccountAction[];
  onAction: AccountsTableProps['onAction'];
}) {
  const canChangePlan = actions.includes('change_plan') && account.license_id !== null;
  const canResetPassword = actions.includes('reset_password');
  const hint =
    !actions.includes('change_plan') && !canResetPassword
      ? `A ${account.status} account is not on its panel: nothing more can be changed.`
      : account.license_id === null
        ? 'No license, so no plan to change.'
        : null;
  return (
    <div className={lifecycle.details}>
      <div className={lifecycle.toolbar} role="group" aria-label={`Manage ${account.username}`}>
        <Button
          variant="secondary"
          size="sm"
          icon={<LayersIcon size={14} />}
          disabled={!canChangePlan}
          aria-label={`Change the plan of ${account.username}`}
          onClick={() => onAction('change_plan', account)}
        >
          Change plan
        </Button>
        <Button
          variant="secondary"
          size="sm"
          icon={<KeyIcon size={14} />}
          disabled={!canResetPassword}
          aria-label={`Reset the panel password of ${account.username}`}
          onClick={() => onAction('reset_password', account)}
        >
          Reset panel password
        </Button>
        {hint ? <span className={lifecycle.toolbarHint}>{hint}</span> : null}
      </div>
      <AccountHistory account={account} />
    </div>
  );
}
