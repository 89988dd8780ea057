import type { HostingAccountSummary } from '@nextpanel/shared';
import { ConfirmDialog } from '@/components/ui/dialog';
import { useResetPanelPassword } from '../api/reset-panel-password';
import { announceAccountResult, describeAccountActionError } from './account-action-feedback';

/**
 * The panel generates the new password and billing emails it to the customer: it is never shown
 * here, returned by the API or stored. Hence no "don't notify" choice: the email is the only copy.
 */
export function ResetPasswordDialog({
  account,
  onClose,
}: {
  account: HostingAccountSummary;
  onClose: () => void;
}) {
  const reset = useResetPanelPassword();
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      title={`Reset the panel password of ${account.username}?`}
      confirmLabel="Reset password"
      isPending={reset.isPending}
      error={reset.error ? describeAccountActionError(reset.error) : null}
      onConfirm={() =>
        reset.mutate(
          { account, data: { notify_customer: true } },
          {
            onSuccess: (result) => {
              announceAccountResult(result, {
                title: 'Panel password reset',
                description: `The new password of ${account.username} was emailed to ${account.email}.`,
              });
              onClose();
            },
          },
        )
      }
    >
      <p>
        {account.server_name} gives <strong>{account.username}</strong> a new generated password and
        billing emails it to <strong>{account.email}</strong>. The current password stops working at
        once. The new one is never shown to you or stored by billing.
      </p>
    </ConfirmDialog>
  );
}
