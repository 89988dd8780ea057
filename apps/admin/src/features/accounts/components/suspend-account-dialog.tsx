import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { SUSPENSION_KINDS, type HostingAccountSummary } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { PauseIcon } from '@/components/ui/icons';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { useSuspendAccount } from '../api/suspend-account';
import { announceAccountResult, describeAccountActionError } from './account-action-feedback';
import styles from './accounts.module.css';

const suspendSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the account is suspended')
    .max(500, 'Reasons are at most 500 characters'),
  suspension_kind: z.enum(SUSPENSION_KINDS, 'Choose why it is suspended'),
  notify_customer: z.boolean(),
});

const KIND_OPTIONS = [
  { value: 'admin', label: 'Admin hold' },
  { value: 'non_payment', label: 'Non-payment' },
] satisfies Array<{ value: (typeof SUSPENSION_KINDS)[number]; label: string }>;

const COMMON_REASONS = ['Payment overdue', 'Abuse report', 'Requested by customer'] as const;

/** Suspend with a reason, its kind (who may lift it) and whether the customer is emailed. */
export function SuspendAccountDialog({
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
    defaultValues: { reason: '', suspension_kind: 'admin', notify_customer: true },
  });

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!suspend.isPending}
      title={`Suspend ${account.username}?`}
      description={`The account stops serving websites and mail on ${account.server_name} until it is unsuspended. Nothing is deleted.`}
    >
      <form
        noValidate
        className={styles.form}
        aria-label="Suspend account"
        onSubmit={(event) =>
          void handleSubmit((data) =>
            suspend.mutate(
              { account, data },
              {
                onSuccess: (result) => {
                  announceAccountResult(result, {
                    title: 'Account suspended',
                    description: `${account.username}: ${data.reason}`,
                  });
                  onClose();
                },
              },
            ),
          )(event)
        }
      >
        {suspend.error ? (
          <Alert variant="error" title="The account was not suspended">
            {describeAccountActionError(suspend.error)}
          </Alert>
        ) : null}
        <Textarea
          label="Reason"
          rows={2}
          autoFocus
          placeholder="Payment overdue"
          hint="Kept with the account and shown in its history."
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
        <Select
          label="Reason kind"
          options={KIND_OPTIONS}
          hint="Non-payment suspensions are lifted automatically when the customer pays; an admin hold stays until an admin unsuspends."
          error={errors.suspension_kind?.message}
          registration={register('suspension_kind')}
        />
        <Checkbox
          label="Notify customer"
          description={`Email ${account.email} that the account is suspended, with the reason.`}
          registration={register('notify_customer')}
        />
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
