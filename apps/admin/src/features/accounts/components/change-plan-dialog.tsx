import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type {
  HostingAccountSummary,
  LicenseResponse,
  PlanQuotas,
  PlanResponse,
} from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { LayersIcon } from '@/components/ui/icons';
import { Select } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { usePlans } from '@/features/plans/api/get-plans';
import { formatMoney, formatNumber } from '@/lib/format';
import { useChangeAccountPlan } from '../api/change-account-plan';
import { announceAccountResult, describeAccountActionError } from './account-action-feedback';
import lifecycle from './account-lifecycle.module.css';
import styles from './accounts.module.css';

const changePlanSchema = z.object({
  plan_id: z.string().min(1, 'Choose the new plan'),
  notify_customer: z.boolean(),
});

type ChangePlanInput = z.input<typeof changePlanSchema>;
type ChangePlanOutput = z.output<typeof changePlanSchema>;

const QUOTA_ROWS: ReadonlyArray<{ key: keyof PlanQuotas; label: string; unit?: string }> = [
  { key: 'max_databases', label: 'Databases' },
  { key: 'max_domains', label: 'Domains' },
  { key: 'max_email_accounts', label: 'Email accounts' },
  { key: 'max_disk_gb', label: 'Disk', unit: 'GB' },
];

export interface ChangePlanDialogProps {
  account: HostingAccountSummary;
  /** The account's license (its current plan and quotas); undefined when it has none. */
  license: LicenseResponse | undefined;
  onClose: () => void;
}

/**
 * Upgrade or downgrade: the panel gets the new plan's package and quotas and the license moves to
 * the plan (quotas and renewal price), so the admin sees both side by side before confirming.
 */
export function ChangePlanDialog({ account, license, onClose }: ChangePlanDialogProps) {
  const changePlan = useChangeAccountPlan();
  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!changePlan.isPending}
      size="lg"
      title={`Change the plan of ${account.username}`}
      description={
        license
          ? `Now on ${license.plan.name} (license ${license.license_key}).`
          : 'This account has no license.'
      }
    >
      {account.license_id === null ? (
        <Alert variant="warning" title="No plan to change">
          The account was provisioned without a license, so it has no plan. Sell the customer a
          product and provision an account on its license instead.
        </Alert>
      ) : (
        <ChangePlanForm
          account={account}
          license={license}
          mutation={changePlan}
          onClose={onClose}
        />
      )}
    </Dialog>
  );
}

function ChangePlanForm({
  account,
  license,
  mutation,
  onClose,
}: {
  account: HostingAccountSummary;
  license: LicenseResponse | undefined;
  mutation: ReturnType<typeof useChangeAccountPlan>;
  onClose: () => void;
}) {
  const plans = usePlans();
  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = useForm<ChangePlanInput, unknown, ChangePlanOutput>({
    resolver: zodResolver(changePlanSchema),
    defaultValues: { plan_id: '', notify_customer: true },
  });
  const planId = useWatch({ control, name: 'plan_id' });

  if (plans.isError) {
    return (
      <ErrorState
        size="compact"
        title="Could not load plans"
        error={plans.error}
        onRetry={() => void plans.refetch()}
        isRetrying={plans.isFetching}
      />
    );
  }
  if (plans.data === undefined) return <Spinner label="Loading plans" />;

  const currentPlanId = license?.plan_id;
  const onSale = plans.data.filter((plan) => plan.is_active);
  const choices = onSale.filter((plan) => plan.id !== currentPlanId);
  if (choices.length === 0) {
    return (
      <Alert
        variant="warning"
        title="No other plan on sale"
        action={
          <ButtonLink to={paths.app.plans.getHref()} variant="secondary" size="sm">
            Go to plans
          </ButtonLink>
        }
      >
        Create or reactivate another plan to move this account to.
      </Alert>
    );
  }
  const chosen = choices.find((plan) => plan.id === planId);
  const options = [
    { value: '', label: 'Choose a plan…' },
    ...onSale.map((plan) => ({
      value: plan.id,
      label: plan.id === currentPlanId ? `${plan.name} (current plan)` : plan.name,
      disabled: plan.id === currentPlanId,
    })),
  ];

  return (
    <form
      noValidate
      className={styles.form}
      aria-label="Change plan"
      onSubmit={(event) =>
        void handleSubmit((data) =>
          mutation.mutate(
            { account, data },
            {
              onSuccess: (result) => {
                announceAccountResult(result, {
                  title: 'Plan changed',
                  description: `${account.username} is now on ${chosen?.name ?? 'the new plan'}.`,
                });
                onClose();
              },
            },
          ),
        )(event)
      }
    >
      {mutation.error ? (
        <Alert variant="error" title="The plan was not changed">
          {describeAccountActionError(mutation.error)}
        </Alert>
      ) : null}
      <Select
        label="New plan"
        options={options}
        error={errors.plan_id?.message}
        registration={register('plan_id')}
      />
      {chosen ? <PlanComparison license={license} plan={chosen} /> : null}
      {chosen && chosen.nextpanel_package_id === null && account.package_id === null ? (
        <Alert variant="warning" title="No panel package">
          Neither {chosen.name} nor the account names a panel package, so the panel cannot be
          switched. Set the plan’s NextPanel package first.
        </Alert>
      ) : null}
      <Checkbox
        label="Notify customer"
        description={`Email ${account.email} about the new plan and its limits.`}
        registration={register('notify_customer')}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={mutation.isPending}>
          Cancel
        </Button>
        <Button type="submit" icon={<LayersIcon size={16} />} isLoading={mutation.isPending}>
          Change plan
        </Button>
      </DialogActions>
    </form>
  );
}

function PlanComparison({
  license,
  plan,
}: {
  license: LicenseResponse | undefined;
  plan: PlanResponse;
}) {
  const cycle = license?.billing_cycle ?? 'monthly';
  const newPrice = cycle === 'yearly' ? plan.price_yearly : plan.price_monthly;
  const per = cycle === 'yearly' ? 'year' : 'month';
  return (
    <table className={lifecycle.compare}>
      <caption className="visually-hidden">Quotas: current plan and {plan.name}</caption>
      <thead>
        <tr>
          <th scope="col">Limit</th>
          <th scope="col">{license ? license.plan.name : 'Current'}</th>
          <th scope="col">{plan.name}</th>
        </tr>
      </thead>
      <tbody>
        {QUOTA_ROWS.map(({ key, label, unit }) => {
          const now = license?.[key];
          const next = plan[key];
          const change = now === undefined || now === next ? null : next > now ? 'more' : 'less';
          return (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td>{now === undefined ? '—' : withUnit(now, unit)}</td>
              <td className={change ? lifecycle[change] : undefined}>
                {withUnit(next, unit)}
                {change ? <span className="visually-hidden"> ({change})</span> : null}
              </td>
            </tr>
          );
        })}
        <tr>
          <th scope="row">Price</th>
          <td>
            {license?.subscription
              ? `${formatMoney(license.subscription.price, license.subscription.currency)} / ${per}`
              : '—'}
          </td>
          <td>{`${formatMoney(newPrice, plan.currency)} / ${per}`}</td>
        </tr>
      </tbody>
    </table>
  );
}

function withUnit(value: number, unit: string | undefined): string {
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}
