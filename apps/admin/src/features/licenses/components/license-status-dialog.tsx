import { zodResolver } from '@hookform/resolvers/zod';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type {
  HostingAccountSummary,
  LicenseResponse,
  LicenseStatusChangeResponse,
} from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { describeError } from '@/lib/errors';
import { plural } from '@/lib/format';
import { useCancelLicense, type CancelLicenseInput } from '../api/cancel-license';
import { useReactivateLicense } from '../api/reactivate-license';
import { useSuspendLicense } from '../api/suspend-license';
import lifecycle from './license-lifecycle.module.css';

export type LicenseStatusChange = 'suspend' | 'reactivate' | 'cancel';

type LicenseStatusMutation = UseMutationResult<
  LicenseStatusChangeResponse,
  Error,
  CancelLicenseInput
>;

const COPY: Record<
  LicenseStatusChange,
  {
    verb: string;
    past: string;
    done: string;
    explain: string;
    /** The API's default for `include_accounts`. */
    includeAccounts: boolean;
    accountsLabel: string;
    accountsEffect: string;
    tone: 'primary' | 'danger';
  }
> = {
  suspend: {
    verb: 'Suspend',
    past: 'suspended',
    done: 'License suspended',
    explain:
      'The quota call-back refuses this license until it is reactivated: its panels cannot add domains, databases or mailboxes.',
    includeAccounts: true,
    accountsLabel: 'Also suspend its hosting accounts',
    accountsEffect: 'Its hosting accounts are suspended on their panels too, as an admin hold.',
    tone: 'primary',
  },
  reactivate: {
    verb: 'Reactivate',
    past: 'reactivated',
    done: 'License reactivated',
    explain: 'The license is active again and quota checks pass once more.',
    includeAccounts: true,
    accountsLabel: 'Also unsuspend its hosting accounts',
    accountsEffect: 'Its suspended hosting accounts come back online too.',
    tone: 'primary',
  },
  cancel: {
    verb: 'Cancel',
    past: 'cancelled',
    done: 'License cancelled',
    explain: 'The license ends for good; a cancelled license cannot be reactivated.',
    includeAccounts: false,
    accountsLabel: 'Also terminate its hosting accounts',
    accountsEffect:
      'Its hosting accounts are deleted on their panels, with their websites, databases and mailboxes. This cannot be undone.',
    tone: 'danger',
  },
};

const outcomeCopy: Record<
  LicenseStatusChangeResponse['accounts'][number]['outcome'],
  { label: string; tone: BadgeTone }
> = {
  done: { label: 'Done', tone: 'success' },
  queued: { label: 'Queued', tone: 'warning' },
  skipped: { label: 'Skipped', tone: 'neutral' },
};

const schema = z.object({
  reason: z.string().trim().max(500, 'Reasons are at most 500 characters'),
  include_accounts: z.boolean(),
});

export interface LicenseStatusDialogProps {
  change: LicenseStatusChange;
  license: LicenseResponse;
  /** The customer's accounts, to name the ones the change reached; optional (the licenses page). */
  accounts?: readonly HostingAccountSummary[];
  onClose: () => void;
}

/**
 * Suspend, reactivate or cancel a license, with a reason and whether its hosting accounts follow;
 * afterwards, what happened to each account (done, queued while its panel is retried, skipped).
 */
export function LicenseStatusDialog(props: LicenseStatusDialogProps) {
  switch (props.change) {
    case 'suspend':
      return <SuspendLicenseDialog {...props} />;
    case 'reactivate':
      return <ReactivateLicenseDialog {...props} />;
    case 'cancel':
      return <CancelLicenseDialog {...props} />;
  }
}

function SuspendLicenseDialog(props: LicenseStatusDialogProps) {
  return <LicenseStatusForm {...props} mutation={useSuspendLicense()} />;
}

function ReactivateLicenseDialog(props: LicenseStatusDialogProps) {
  return <LicenseStatusForm {...props} mutation={useReactivateLicense()} />;
}

function CancelLicenseDialog(props: LicenseStatusDialogProps) {
  return <LicenseStatusForm {...props} mutation={useCancelLicense()} />;
}

function LicenseStatusForm({
  change,
  license,
  accounts,
  onClose,
  mutation,
}: LicenseStatusDialogProps & { mutation: LicenseStatusMutation }) {
  const copy = COPY[change];
  const [result, setResult] = useState<LicenseStatusChangeResponse | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { reason: '', include_accounts: copy.includeAccounts },
  });
  const liveAccounts = accounts?.filter(
    (account) =>
      account.license_id === license.id &&
      (account.status === 'active' || account.status === 'suspended'),
  );
  const title = `${copy.verb} license ${license.license_key}?`;

  if (result) {
    return (
      <Dialog
        open
        onClose={onClose}
        title={copy.done}
        description={`License ${license.license_key} is now ${result.status}.`}
        footer={<Button onClick={onClose}>Done</Button>}
      >
        <LicenseOutcomes result={result} accounts={accounts} />
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={onClose} dismissible={!mutation.isPending} title={title}>
      <form
        noValidate
        className={lifecycle.form}
        aria-label={`${copy.verb} license`}
        onSubmit={(event) =>
          void handleSubmit((data) =>
            mutation.mutate(
              {
                license,
                data: {
                  ...(data.reason ? { reason: data.reason } : {}),
                  include_accounts: data.include_accounts,
                },
              },
              {
                onSuccess: (answer) => {
                  const queued = answer.accounts.filter((item) => item.outcome === 'queued');
                  if (queued.length > 0) {
                    toast.warning(
                      `${copy.done}; ${plural(queued.length, 'account')} queued`,
                      'The panel is unreachable; billing retries automatically.',
                    );
                  } else {
                    toast.success(copy.done, license.license_key);
                  }
                  if (answer.accounts.length === 0) onClose();
                  else setResult(answer);
                },
              },
            ),
          )(event)
        }
      >
        <p className={lifecycle.explain}>
          {copy.explain} {license.plan.name}
          {license.customer ? `, held by ${license.customer.full_name}` : ''}.
        </p>
        {mutation.error ? (
          <Alert variant="error" title={`The license was not ${copy.past}`}>
            {describeError(mutation.error)}
          </Alert>
        ) : null}
        <Textarea
          label="Reason"
          labelAside="Optional"
          rows={2}
          hint="Kept in the license’s history (and the accounts’, when they follow)."
          error={errors.reason?.message}
          registration={register('reason')}
        />
        <Checkbox
          label={copy.accountsLabel}
          description={
            liveAccounts === undefined
              ? copy.accountsEffect
              : `${copy.accountsEffect} (${plural(liveAccounts.length, 'live account')} on this license.)`
          }
          registration={register('include_accounts')}
        />
        <DialogActions>
          <Button variant="secondary" onClick={onClose} disabled={mutation.isPending}>
            {change === 'cancel' ? 'Keep license' : 'Cancel'}
          </Button>
          <Button
            type="submit"
            variant={copy.tone === 'danger' ? 'danger' : 'primary'}
            isLoading={mutation.isPending}
          >
            {copy.verb} license
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Each hosting account the change reached, and what happened to it. */
export function LicenseOutcomes({
  result,
  accounts,
}: {
  result: LicenseStatusChangeResponse;
  accounts?: readonly HostingAccountSummary[];
}) {
  const names = new Map(accounts?.map((account) => [account.id, account.username]));
  const queued = result.accounts.some((item) => item.outcome === 'queued');
  return (
    <div className={lifecycle.form}>
      {queued ? (
        <Alert variant="warning" title="Queued: the panel is unreachable">
          Billing retries automatically; the queued accounts show as pending until their panel
          confirms.
        </Alert>
      ) : null}
      <ul className={lifecycle.outcomes} aria-label="Hosting accounts">
        {result.accounts.map((item) => (
          <li key={item.account_id} className={lifecycle.outcome}>
            <strong>{names.get(item.account_id) ?? `Account #${item.account_id}`}</strong>
            <Badge tone={outcomeCopy[item.outcome].tone}>{outcomeCopy[item.outcome].label}</Badge>
            {item.detail ? <span className={lifecycle.outcomeDetail}>{item.detail}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
