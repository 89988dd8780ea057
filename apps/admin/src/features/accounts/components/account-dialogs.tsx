import type { HostingAccountSummary, LicenseResponse } from '@nextpanel/shared';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { AccountAction } from './account-action-feedback';
import { AccountStatsPanel } from './account-stats-panel';
import { AccountUsageHistory } from './account-usage-history';
import { ChangePlanDialog } from './change-plan-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { SuspendAccountDialog } from './suspend-account-dialog';
import { TerminateAccountDialog } from './terminate-account-dialog';
import { UnsuspendAccountDialog } from './unsuspend-account-dialog';

export interface AccountDialogsProps {
  /** The action the admin picked, or null when no dialog is open. */
  pending: { action: AccountAction; account: HostingAccountSummary } | null;
  licenses: readonly LicenseResponse[];
  onClose: () => void;
}

/**
 * The dialogs behind the accounts table's buttons: usage, suspend (reason, kind, notice), unsuspend,
 * terminate (with a reason), change plan and reset the panel password.
 */
export function AccountDialogs({ pending, licenses, onClose }: AccountDialogsProps) {
  const account = pending?.account ?? null;
  const license =
    account !== null && account.license_id !== null
      ? licenses.find((candidate) => candidate.id === account.license_id)
      : undefined;
  return (
    <>
      <Dialog
        open={pending?.action === 'stats'}
        onClose={onClose}
        title={`Usage of ${account?.username ?? 'account'}`}
        description={account ? `As reported by ${account.server_name} just now.` : undefined}
        size="lg"
        footer={
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        }
      >
        {account ? <AccountStatsPanel account={account} license={license} /> : null}
        {account ? <AccountUsageHistory accountId={account.id} /> : null}
      </Dialog>
      {pending?.action === 'suspend' ? (
        <SuspendAccountDialog account={pending.account} onClose={onClose} />
      ) : null}
      {pending?.action === 'unsuspend' ? (
        <UnsuspendAccountDialog account={pending.account} onClose={onClose} />
      ) : null}
      {pending?.action === 'terminate' ? (
        <TerminateAccountDialog account={pending.account} onClose={onClose} />
      ) : null}
      {pending?.action === 'change_plan' ? (
        <ChangePlanDialog account={pending.account} license={license} onClose={onClose} />
      ) : null}
      {pending?.action === 'reset_password' ? (
        <ResetPasswordDialog account={pending.account} onClose={onClose} />
      ) : null}
    </>
  );
}
