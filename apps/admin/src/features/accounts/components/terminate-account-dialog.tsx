import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { HostingAccountSummary } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { TrashIcon } from '@/components/ui/icons';
import { Textarea } from '@/components/ui/textarea';
import { useTerminateAccount } from '../api/terminate-account';
import { announceAccountResult, describeAccountActionError } from './account-action-feedback';
import styles from './accounts.module.css';

const terminateSchema = z.object({
  reason: z.string().trim().max(500, 'Reasons are at most 500 characters'),
});

/** Terminate after confirmation, with an optional reason kept in the account's history. */
export function TerminateAccountDialog({
  account,
  onClose,
}: {
  account: HostingAccountSummary;
  onClose: () => void;
}) {
  const terminate = useTerminateAccount();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<z.input<typeof terminateSchema>, unknown, z.output<typeof terminateSchema>>({
    resolver: zodResolver(terminateSchema),
    defaultValues: { reason: '' },
  });

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!terminate.isPending}
      title={`Terminate ${account.username}?`}
    >
      <form
        noValidate
        className={styles.form}
        aria-label="Terminate account"
        onSubmit={(event) =>
          void handleSubmit(({ reason }) =>
            terminate.mutate(
              { account, reason: reason || undefined },
              {
                onSuccess: (result) => {
                  announceAccountResult(result, {
                    title: 'Account terminated',
                    description: `${account.username} was deleted from ${account.server_name}; its slot is free.`,
                  });
                  onClose();
                },
              },
            ),
          )(event)
        }
      >
        <p>
          The account <strong>{account.username}</strong> and its websites, databases and mailboxes
          are deleted on <strong>{account.server_name}</strong>.{' '}
          <strong>This cannot be undone.</strong> Billing keeps the record as terminated.
        </p>
        {terminate.error ? (
          <Alert variant="error" title="The account was not terminated">
            {describeAccountActionError(terminate.error)}
          </Alert>
        ) : null}
        <Textarea
          label="Reason"
          labelAside="Optional"
          rows={2}
          placeholder="Cancelled by the customer"
          hint="Kept with the terminated record and shown in its history."
          error={errors.reason?.message}
          registration={register('reason')}
        />
        <DialogActions>
          <Button variant="secondary" onClick={onClose} disabled={terminate.isPending}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="danger"
            icon={<TrashIcon size={16} />}
            isLoading={terminate.isPending}
          >
            Terminate account
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
