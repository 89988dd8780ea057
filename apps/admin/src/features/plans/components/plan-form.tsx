import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import {
  PlanErrorCode,
  type CreatePlanRequest,
  type PlanResponse,
  type UpdatePlanRequest,
} from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { DialogActions } from '@/components/ui/dialog';
import { FormGrid } from '@/components/ui/form-layout';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { applyServerErrors, formBanner, type FormBanner } from '@/lib/form-errors';
import { useCreatePlan } from '../api/create-plan';
import { useUpdatePlan } from '../api/update-plan';
import styles from './plans.module.css';

const PRICE_MAX = 1_000_000;
const INT4_MAX = 2_147_483_647;

const price = (noun: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d{1,2})?$/, `Enter the ${noun} price, e.g. 14.99 (at most 2 decimals)`)
    .transform(Number)
    .pipe(z.number().max(PRICE_MAX, `Prices are at most ${PRICE_MAX.toLocaleString('en-US')}`));

const quota = (noun: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `Enter the number of ${noun}, 0 or more`)
    .transform(Number)
    .pipe(z.number().max(INT4_MAX, 'That number is too large'));

export const planSchema = z.object({
  name: z.string().trim().min(1, 'Enter a plan name').max(100, 'Names are at most 100 characters'),
  description: z
    .string()
    .trim()
    .max(2000, 'Descriptions are at most 2000 characters')
    .transform((value) => (value === '' ? null : value)),
  price_monthly: price('monthly'),
  price_yearly: price('yearly'),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Use a 3-letter currency code such as USD'),
  max_databases: quota('databases'),
  max_domains: quota('domains'),
  max_email_accounts: quota('mailboxes'),
  max_disk_gb: quota('GB'),
  nextpanel_package_id: z
    .string()
    .trim()
    .regex(/^\d*$/, 'Enter the panel’s package number, or leave it empty')
    .transform((value) => (value === '' ? null : Number(value)))
    .refine(
      (value) => value === null || (value >= 1 && value <= INT4_MAX),
      'Package numbers start at 1',
    ),
  sort_order: z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'Enter a whole number; lower numbers are listed first')
    .transform(Number),
  is_active: z.boolean(),
});

type PlanFormInput = z.input<typeof planSchema>;
type PlanFormOutput = z.output<typeof planSchema>;

const FIELDS = [
  'name',
  'description',
  'price_monthly',
  'price_yearly',
  'currency',
  'max_databases',
  'max_domains',
  'max_email_accounts',
  'max_disk_gb',
  'nextpanel_package_id',
  'sort_order',
  'is_active',
] as const;

function defaultsOf(plan: PlanResponse | null, nextSortOrder: number): PlanFormInput {
  if (plan === null) {
    return {
      name: '',
      description: '',
      price_monthly: '',
      price_yearly: '',
      currency: 'USD',
      max_databases: '',
      max_domains: '',
      max_email_accounts: '',
      max_disk_gb: '',
      nextpanel_package_id: '',
      sort_order: String(nextSortOrder),
      is_active: true,
    };
  }
  return {
    name: plan.name,
    description: plan.description ?? '',
    price_monthly: plan.price_monthly.toFixed(2),
    price_yearly: plan.price_yearly.toFixed(2),
    currency: plan.currency,
    max_databases: String(plan.max_databases),
    max_domains: String(plan.max_domains),
    max_email_accounts: String(plan.max_email_accounts),
    max_disk_gb: String(plan.max_disk_gb),
    nextpanel_package_id:
      plan.nextpanel_package_id === null ? '' : String(plan.nextpanel_package_id),
    sort_order: String(plan.sort_order),
    is_active: plan.is_active,
  };
}

/** Only the fields that changed, so an edit never rewrites what someone else just saved. */
export function planChanges(plan: PlanResponse, values: PlanFormOutput): UpdatePlanRequest {
  const changes: UpdatePlanRequest = {};
  for (const field of FIELDS) {
    if (values[field] !== plan[field]) Object.assign(changes, { [field]: values[field] });
  }
  return changes;
}

export interface PlanFormProps {
  /** The plan to edit; `null` creates one. */
  plan: PlanResponse | null;
  nextSortOrder: number;
  onSaved: (plan: PlanResponse, created: boolean) => void;
  onCancel: () => void;
}

/** Create or edit a plan: prices per cycle and the quotas every license of it gets. */
export function PlanForm({ plan, nextSortOrder, onSaved, onCancel }: PlanFormProps) {
  const createPlan = useCreatePlan();
  const updatePlan = useUpdatePlan();
  const [formError, setFormError] = useState<FormBanner | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isDirty },
  } = useForm<PlanFormInput, unknown, PlanFormOutput>({
    resolver: zodResolver(planSchema),
    defaultValues: defaultsOf(plan, nextSortOrder),
  });
  const isPending = createPlan.isPending || updatePlan.isPending;

  const onError = (error: Error) =>
    setFormError(
      formBanner(
        'The plan was not saved',
        applyServerErrors(error, setError, FIELDS, { [PlanErrorCode.NameTaken]: 'name' })
          .formMessage,
      ),
    );

  const submit = (values: PlanFormOutput) => {
    setFormError(null);
    if (plan === null) {
      const request: CreatePlanRequest = values;
      createPlan.mutate(request, { onSuccess: (saved) => onSaved(saved, true), onError });
    } else {
      updatePlan.mutate(
        { planId: plan.id, data: planChanges(plan, values) },
        { onSuccess: (saved) => onSaved(saved, false), onError },
      );
    }
  };

  return (
    <form
      noValidate
      className={styles.form}
      onSubmit={(event) => void handleSubmit(submit)(event)}
      aria-label={plan ? `Edit ${plan.name}` : 'Create plan'}
    >
      {formError ? (
        <Alert variant="error" title={formError.title}>
          {formError.message}
        </Alert>
      ) : null}
      {plan ? (
        <Alert variant="info">
          Changes apply to future sales. Licenses already sold keep their quotas and subscriptions
          their price.
        </Alert>
      ) : null}

      <FormGrid>
        <Input
          label="Plan name"
          autoFocus
          placeholder="Professional Hosting"
          error={errors.name?.message}
          registration={register('name')}
        />
        <Input
          label="Currency"
          maxLength={3}
          autoCapitalize="characters"
          spellCheck={false}
          hint="ISO code, e.g. USD or EUR"
          error={errors.currency?.message}
          registration={register('currency')}
        />
      </FormGrid>
      <Textarea
        label="Description"
        rows={2}
        placeholder="Who the plan is for"
        error={errors.description?.message}
        registration={register('description')}
      />

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Prices</legend>
        <FormGrid>
          <Input
            label="Monthly price"
            type="number"
            inputMode="decimal"
            min={0}
            step="0.01"
            placeholder="14.99"
            error={errors.price_monthly?.message}
            registration={register('price_monthly')}
          />
          <Input
            label="Yearly price"
            type="number"
            inputMode="decimal"
            min={0}
            step="0.01"
            placeholder="149.90"
            error={errors.price_yearly?.message}
            registration={register('price_yearly')}
          />
        </FormGrid>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Quotas per license</legend>
        <FormGrid columns={4}>
          <Input
            label="Databases"
            type="number"
            inputMode="numeric"
            min={0}
            error={errors.max_databases?.message}
            registration={register('max_databases')}
          />
          <Input
            label="Domains"
            type="number"
            inputMode="numeric"
            min={0}
            error={errors.max_domains?.message}
            registration={register('max_domains')}
          />
          <Input
            label="Mailboxes"
            type="number"
            inputMode="numeric"
            min={0}
            error={errors.max_email_accounts?.message}
            registration={register('max_email_accounts')}
          />
          <Input
            label="Disk (GB)"
            type="number"
            inputMode="numeric"
            min={0}
            error={errors.max_disk_gb?.message}
            registration={register('max_disk_gb')}
          />
        </FormGrid>
      </fieldset>

      <FormGrid>
        <Input
          label="NextPanel package ID"
          type="number"
          inputMode="numeric"
          min={1}
          hint="The package the panels know this plan by (optional)"
          error={errors.nextpanel_package_id?.message}
          registration={register('nextpanel_package_id')}
        />
        <Input
          label="Sort order"
          type="number"
          inputMode="numeric"
          hint="Lower numbers are listed first"
          error={errors.sort_order?.message}
          registration={register('sort_order')}
        />
      </FormGrid>
      <Checkbox
        variant="switch"
        label="On sale"
        description="Plans not on sale stay on existing licenses but cannot be added to customers."
        registration={register('is_active')}
      />

      <DialogActions>
        <Button variant="secondary" onClick={onCancel} disabled={isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={isPending} disabled={plan !== null && !isDirty}>
          {plan ? 'Save plan' : 'Create plan'}
        </Button>
      </DialogActions>
    </form>
  );
}
