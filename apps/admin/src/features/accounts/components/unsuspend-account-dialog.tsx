import { useState } from 'react';
import type { HostingAccountSummary } from '@nextpanel/shared';
import { Checkbox } from '@/components/ui/checkbox';
import { ConfirmDialog } from '@/components/ui/dialog';
import { useUnsuspendAccount } from '../api/unsuspend-account';
import {
  announceAccountResult,
  describeAccountActionError,
  suspensionKindLabels,
} from './account-action-feedback';
import lifecycle from './account-lifecycle.module.css';
import styles from './accounts.module.css';

export function UnsuspendAccountDialog({
  account,
  onClose,
}: {
  account: HostingAccountSummary;
  onClose: () => void;
}) {
  const unsuspend = useUnsuspendAccount();
  const [notifyCustomer, setNotifyCustomer] = useState(true);
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      title={`Unsuspend ${account.username}?`}
      confirmLabel="Unsuspend account"
      isPending={unsuspend.isPending}
      error={unsuspend.error ? describeAccountActionError(unsuspend.error) : null}
      onConfirm={() =>
        unsuspend.mutate(
          { account, data: { notify_customer: notifyCustomer } },
          {
            onSuccess: (result) => {
              announceAccountResult(result, {
                title: 'Account unsuspended',
                description: `${account.username} is active again on ${account.server_name}.`,
              });
              onClose();
            },
          },
        )
      }
    >
      <div className={styles.form}>
        <p>
          Websites and mail of <strong>{account.username}</strong> come back online on{' '}
          {account.server_name}.
          {account.status_reason ? ` It was suspended for: “${account.status_reason}”.` : ''}
        </p>
        {account.suspension_kind ? (
          <p className={lifecycle.note}>
            Kind: {suspensionKindLabels[account.suspension_kind]}
            {account.suspension_kind === 'non_payment'
              ? ' (it would also be lifted automatically once the customer pays).'
              : '.'}
          </p>
        ) : null}
        <Checkbox
          label="Notify customer"
          description={`Email ${account.email} that the account is back.`}
          checked={notifyCustomer}
          onChange={(event) => setNotifyCustomer(event.target.checked)}
        />
      </div>
    </ConfirmDialog>
  );
}
