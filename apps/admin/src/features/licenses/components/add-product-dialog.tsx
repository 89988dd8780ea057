import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { BillingCycle, LicenseResponse, PlanResponse } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { PackageIcon } from '@/components/ui/icons';
import { RadioCards } from '@/components/ui/radio-cards';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { usePlans } from '@/features/plans/api/get-plans';
import { applyServerErrors, formBanner, type FormBanner } from '@/lib/form-errors';
import { formatMoney } from '@/lib/format';
import { useCreateLicense } from '../api/create-license';
import styles from './licenses.module.css';
import { QuotaSummary } from './quota-summary';

const addProductSchema = z.object({
  plan_id: z.string().min(1, 'Choose a plan'),
  billing_cycle: z.enum(
    ['monthly', 'yearly'] satisfies BillingCycle[],
    'Choose monthly or yearly billing',
  ),
  create_subscription: z.boolean(),
});

type AddProductInput = z.input<typeof addProductSchema>;
type AddProductOutput = z.output<typeof addProductSchema>;

export interface AddProductDialogProps {
  open: boolean;
  onClose: () => void;
  customer: { id: number; full_name: string };
  onCreated: (license: LicenseResponse) => void;
}

/** The guide's "Add Product": a plan and a billing cycle become a license with its own key. */
export function AddProductDialog({ open, onClose, customer, onCreated }: AddProductDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add product"
      description={`Sell a hosting plan to ${customer.full_name}. A license key is created at once.`}
      size="lg"
    >
      <AddProductForm customerId={customer.id} onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function AddProductForm({
  customerId,
  onClose,
  onCreated,
}: {
  customerId: number;
  onClose: () => void;
  onCreated: (license: LicenseResponse) => void;
}) {
  const plans = usePlans();
  const createLicense = useCreateLicense();
  const [formError, setFormError] = useState<FormBanner | null>(null);
  const sellable = (plans.data ?? []).filter((plan) => plan.is_active);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<AddProductInput, unknown, AddProductOutput>({
    resolver: zodResolver(addProductSchema),
    values: { plan_id: sellable[0]?.id ?? '', billing_cycle: 'monthly', create_subscription: true },
    resetOptions: { keepDirtyValues: true },
  });
  const [planId, cycle] = useWatch({ control, name: ['plan_id', 'billing_cycle'] });
  const chosen: PlanResponse | undefined = sellable.find((plan) => plan.id === planId);

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
  if (plans.data === undefined) {
    return (
      <div className={styles.noPlans}>
        <Spinner label="Loading plans" />
      </div>
    );
  }
  if (sellable.length === 0) {
    return (
      <Alert
        variant="warning"
        title="No plans on sale"
        action={
          <ButtonLink to={paths.app.plans.getHref()} variant="secondary" size="sm">
            Go to plans
          </ButtonLink>
        }
      >
        Create a plan, or reactivate one, before adding products to customers.
      </Alert>
    );
  }

  const submit = (values: AddProductOutput) => {
    setFormError(null);
    createLicense.mutate(
      { customerId, data: values },
      {
        onSuccess: onCreated,
        onError: (error) =>
          setFormError(
            formBanner(
              'The product was not added',
              applyServerErrors(error, setError, [
                'plan_id',
                'billing_cycle',
                'create_subscription',
              ]).formMessage,
            ),
          ),
      },
    );
  };

  return (
    <form
      noValidate
      onSubmit={(event) => void handleSubmit(submit)(event)}
      aria-label="Add product"
      className={styles.productForm}
    >
      {formError ? (
        <Alert variant="error" title={formError.title}>
          {formError.message}
        </Alert>
      ) : null}
      <RadioCards
        legend="Plan"
        registration={register('plan_id')}
        error={errors.plan_id?.message}
        options={sellable.map((plan) => ({
          value: plan.id,
          label: plan.name,
          aside: (
            <span className={styles.planPrice}>
              {formatMoney(plan.price_monthly, plan.currency)}
              <span className={styles.planPriceSub}>per month</span>
            </span>
          ),
          description: <QuotaSummary quotas={plan} />,
        }))}
      />
      <RadioCards
        legend="Billing cycle"
        columns={2}
        registration={register('billing_cycle')}
        error={errors.billing_cycle?.message}
        options={[
          {
            value: 'monthly',
            label: 'Monthly',
            aside: chosen ? formatMoney(chosen.price_monthly, chosen.currency) : undefined,
            description: 'Billed every month',
          },
          {
            value: 'yearly',
            label: 'Yearly',
            aside: chosen ? formatMoney(chosen.price_yearly, chosen.currency) : undefined,
            description: chosen ? yearlySaving(chosen) : 'Billed once a year',
          },
        ]}
      />
      <Checkbox
        label="Start a subscription"
        description={`Billed ${cycle === 'yearly' ? 'yearly' : 'monthly'} at the plan’s current price, paid until one ${cycle === 'yearly' ? 'year' : 'month'} from today.`}
        registration={register('create_subscription')}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={createLicense.isPending}>
          Cancel
        </Button>
        <Button type="submit" icon={<PackageIcon size={16} />} isLoading={createLicense.isPending}>
          {createLicense.isPending ? 'Adding product…' : 'Add product'}
        </Button>
      </DialogActions>
    </form>
  );
}

function yearlySaving(plan: PlanResponse): string {
  const fullYear = plan.price_monthly * 12;
  if (fullYear <= 0 || plan.price_yearly >= fullYear) return 'Billed once a year';
  const percent = Math.round((1 - plan.price_yearly / fullYear) * 100);
  return `Billed once a year · save ${percent}%`;
}
