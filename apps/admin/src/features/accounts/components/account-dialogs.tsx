import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { HostingAccountSummary, LicenseResponse } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog, Dialog, DialogActions } from '@/components/ui/dialog';
import { PauseIcon } from '@/components/ui/icons';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { describeError } from '@/lib/errors';
import { useSuspendAccount } from '../api/suspend-account';
import { useTerminateAccount } from '../api/terminate-account';
import { useUnsuspendAccount } from '../api/unsuspend-account';
import { AccountStatsPanel } from './account-stats-panel';
import type { AccountAction } from './accounts-table';
import styles from './accounts.module.css';

export interface AccountDialogsProps {
  /** The action the admin picked, or null when no dialog is open. */
  pending: { action: AccountAction; account: HostingAccountSummary } | null;
  licenses: readonly LicenseResponse[];
  onClose: () => void;
}

/** The dialogs behind the accounts table's buttons: usage, suspend (with reason), unsuspend, terminate. */
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
        size="md"
        footer={
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        }
      >
        {account ? <AccountStatsPanel account={account} license={license} /> : null}
      </Dialog>
      {pending?.action === 'suspend' ? (
        <SuspendDialog account={pending.account} onClose={onClose} />
      ) : null}
      {pending?.action === 'unsuspend' ? (
        <UnsuspendDialog account={pending.account} onClose={onClose} />
      ) : null}
      {pending?.action === 'terminate' ? (
        <TerminateDialog account={pending.account} onClose={onClose} />
      ) : null}
    </>
  );
}

const suspendSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the account is suspended')
    .max(500, 'Reasons are at most 500 characters'),
});

const COMMON_REASONS = ['Payment overdue', 'Abuse report', 'Requested by customer'] as const;

function SuspendDialog({
  account,
  onClose,
}: {
  account: HostingAccountSummary;
  onClose: () => void;
}) {
  const suspend = useSuspendAccount();
  const {
    register,
    handleSubmit,
    setValue,
    formState: { errors },
  } = useForm<z.input<typeof suspendSchema>, unknown, z.output<typeof suspendSchema>>({
    resolver: zodResolver(suspendSchema),
    defaultValues: { reason: '' },
  });

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!suspend.isPending}
      title={`Suspend ${account.username}?`}
      description={`The account stops serving websites and mail on ${account.server_name} until you unsuspend it. Nothing is deleted.`}
    >
      <form
        noValidate
        className={styles.form}
        aria-label="Suspend account"
        onSubmit={(event) =>
          void handleSubmit(({ reason }) =>
            suspend.mutate(
              { accountId: account.id, reason },
              {
                onSuccess: () => {
                  toast.success('Account suspended', `${account.username}: ${reason}`);
                  onClose();
                },
              },
            ),
          )(event)
        }
      >
        {suspend.error ? (
          <Alert variant="error" title="The account was not suspended">
            {describeError(suspend.error)}
          </Alert>
        ) : null}
        <Textarea
          label="Reason"
          rows={2}
          autoFocus
          placeholder="Payment overdue"
          hint="Kept with the account and shown to other admins."
          error={errors.reason?.message}
          registration={register('reason')}
        />
        <div className={styles.reasons} role="group" aria-label="Common reasons">
          {COMMON_REASONS.map((reason) => (
            <button
              key={reason}
              type="button"
              className={styles.reasonChip}
              onClick={() => setValue('reason', reason, { shouldValidate: true })}
            >
              {reason}
            </button>
          ))}
        </div>
        <DialogActions>
          <Button variant="secondary" onClick={onClose} disabled={suspend.isPending}>
            Cancel
          </Button>
          <Button type="submit" icon={<PauseIcon size={16} />} isLoading={suspend.isPending}>
            Suspend account
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function UnsuspendDialog({
  account,
  onClose,
}: {
  account: HostingAccountSummary;
  onClose: () => void;
}) {
  const unsuspend = useUnsuspendAccount();
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      title={`Unsuspend ${account.username}?`}
      confirmLabel="Unsuspend account"
      isPending={unsuspend.isPending}
      error={unsuspend.error ? describeError(unsuspend.error) : null}
      onConfirm={() =>
        unsuspend.mutate(
          { accountId: account.id },
          {
            onSuccess: () => {
              toast.success(
                'Account unsuspended',
                `${account.username} is active again on ${account.server_name}.`,
              );
              onClose();
            },
          },
        )
      }
    >
      <p>
        Websites and mail of <strong>{account.username}</strong> come back online on{' '}
        {account.server_name}.
        {account.status_reason ? ` It was suspended for: “${account.status_reason}”.` : ''}
      </p>
    </ConfirmDialog>
  );
}

function TerminateDialog({
  account,
  onClose,
}: {
  account: HostingAccountSummary;
  onClose: () => void;
}) {
  const terminate = useTerminateAccount();
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      title={`Terminate ${account.username}?`}
      confirmLabel="Terminate account"
      tone="danger"
      isPending={terminate.isPending}
      error={terminate.error ? describeError(terminate.error) : null}
      onConfirm={() =>
        terminate.mutate(
          { accountId: account.id },
          {
            onSuccess: () => {
              toast.success(
                'Account terminated',
                `${account.username} was deleted from ${account.server_name}; its slot is free.`,
              );
              onClose();
            },
          },
        )
      }
    >
      <p>
        The account <strong>{account.username}</strong> and its websites, databases and mailboxes
        are deleted on <strong>{account.server_name}</strong>.{' '}
        <strong>This cannot be undone.</strong> Billing keeps the record as terminated.
      </p>
    </ConfirmDialog>
  );
}
