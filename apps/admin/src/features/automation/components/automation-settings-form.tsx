import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { AUTOMATION_SETTING_LIMITS, type AutomationSettings } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FormActions, FormGrid, FormSection } from '@/components/ui/form-layout';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { applyServerErrors, formBanner, type FormBanner } from '@/lib/form-errors';
import { useUpdateAutomationSettings } from '../api/update-automation-settings';
import styles from './automation.module.css';

const LIMITS = AUTOMATION_SETTING_LIMITS;

/** A whole number of days within [min, max], typed into a text box. */
const days = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `Enter ${what} as a whole number of days`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `At least ${min} ${min === 1 ? 'day' : 'days'}`)
        .max(max, `At most ${max} days`),
    );

export const automationSettingsSchema = z.object({
  enabled: z.boolean(),
  /** "7, 1" → [7, 1]; empty: no warnings. */
  expiry_warning_days: z
    .string()
    .trim()
    .refine(
      (value) => value === '' || /^\d+(\s*,\s*\d+)*$/.test(value),
      'Enter days separated by commas, e.g. 7, 1 (or leave empty for none)',
    )
    .transform((value) =>
      value === ''
        ? []
        : [...new Set(value.split(',').map((part) => Number(part.trim())))].sort((a, b) => b - a),
    )
    .pipe(
      z
        .array(
          z
            .number()
            .min(LIMITS.expiry_warning_days.min, 'Each warning is at least 1 day before')
            .max(
              LIMITS.expiry_warning_days.max,
              `Each warning is at most ${LIMITS.expiry_warning_days.max} days before`,
            ),
        )
        .max(
          LIMITS.expiry_warning_days.maxCount,
          `At most ${LIMITS.expiry_warning_days.maxCount} warnings`,
        ),
    ),
  renewal_reminder_days: days(
    LIMITS.renewal_reminder_days.min,
    LIMITS.renewal_reminder_days.max,
    'the reminder',
  ),
  suspend_enabled: z.boolean(),
  suspend_after_days_overdue: days(
    LIMITS.suspend_after_days_overdue.min,
    LIMITS.suspend_after_days_overdue.max,
    'the grace period',
  ),
  unsuspend_on_payment: z.boolean(),
  terminate_enabled: z.boolean(),
  terminate_after_days_suspended: days(
    LIMITS.terminate_after_days_suspended.min,
    LIMITS.terminate_after_days_suspended.max,
    'the wait',
  ),
});

export type AutomationSettingsInput = z.input<typeof automationSettingsSchema>;
export type AutomationSettingsOutput = z.output<typeof automationSettingsSchema>;

const FIELDS = [
  'enabled',
  'expiry_warning_days',
  'renewal_reminder_days',
  'suspend_enabled',
  'suspend_after_days_overdue',
  'unsuspend_on_payment',
  'terminate_enabled',
  'terminate_after_days_suspended',
] as const;

export function toFormValues(settings: AutomationSettings): AutomationSettingsInput {
  return {
    enabled: settings.enabled,
    expiry_warning_days: settings.expiry_warning_days.join(', '),
    renewal_reminder_days: String(settings.renewal_reminder_days),
    suspend_enabled: settings.suspend_enabled,
    suspend_after_days_overdue: String(settings.suspend_after_days_overdue),
    unsuspend_on_payment: settings.unsuspend_on_payment,
    terminate_enabled: settings.terminate_enabled,
    terminate_after_days_suspended: String(settings.terminate_after_days_suspended),
  };
}

export interface AutomationSettingsFormProps {
  settings: AutomationSettings;
}

/** WHMCS-style automation settings: reminders, suspension, termination, reactivation on payment. */
export function AutomationSettingsForm({ settings }: AutomationSettingsFormProps) {
  const updateSettings = useUpdateAutomationSettings();
  const [formError, setFormError] = useState<FormBanner | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors, isDirty },
  } = useForm<AutomationSettingsInput, unknown, AutomationSettingsOutput>({
    resolver: zodResolver(automationSettingsSchema),
    defaultValues: toFormValues(settings),
  });
  const [terminateEnabled, terminateDays = ''] = useWatch({
    control,
    name: ['terminate_enabled', 'terminate_after_days_suspended'],
  });

  const submit = (values: AutomationSettingsOutput) => {
    setFormError(null);
    updateSettings.mutate(values, {
      onSuccess: (saved) => {
        reset(toFormValues(saved));
        toast.success('Automation settings saved');
      },
      onError: (error) =>
        setFormError(
          formBanner('Settings not saved', applyServerErrors(error, setError, FIELDS).formMessage),
        ),
    });
  };

  return (
    <form
      noValidate
      onSubmit={(event) => void handleSubmit(submit)(event)}
      aria-label="Automation settings"
    >
      {formError ? (
        <div className={styles.formAlert}>
          <Alert variant="error" title={formError.title}>
            {formError.message}
          </Alert>
        </div>
      ) : null}

      <FormSection
        title="Automation"
        description="Off: nothing happens on schedule, on payment or on request."
      >
        <Checkbox
          variant="switch"
          label="Run the billing automation"
          description="Checks every subscription each hour; each action is recorded below and in the audit log."
          registration={register('enabled')}
        />
      </FormSection>

      <FormSection
        title="Reminders"
        description="One email per threshold and paid period, however often the automation runs."
      >
        <FormGrid>
          <Input
            label="Expiry warnings (days before)"
            inputMode="numeric"
            placeholder="7, 1"
            hint="For subscriptions that will not renew by themselves: cancelled at period end, or billed by hand. Empty: none."
            error={errors.expiry_warning_days?.message}
            registration={register('expiry_warning_days')}
          />
          <Input
            label="Renewal reminder (days before)"
            type="number"
            inputMode="numeric"
            min={0}
            hint="Before Stripe renews a subscription automatically. 0: none."
            error={errors.renewal_reminder_days?.message}
            registration={register('renewal_reminder_days')}
          />
        </FormGrid>
      </FormSection>

      <FormSection
        title="Non-payment"
        description="Suspensions for non-payment carry that reason; an administrator’s own suspensions are never lifted automatically."
      >
        <Checkbox
          variant="switch"
          label="Suspend overdue licenses and their accounts"
          registration={register('suspend_enabled')}
        />
        <FormGrid>
          <Input
            label="Suspend after (days overdue)"
            type="number"
            inputMode="numeric"
            min={0}
            hint="Days after the paid period ended without a renewal."
            error={errors.suspend_after_days_overdue?.message}
            registration={register('suspend_after_days_overdue')}
          />
        </FormGrid>
        <Checkbox
          variant="switch"
          label="Unsuspend automatically when the payment arrives"
          description="Reactivates the license and lifts the suspensions non-payment caused."
          registration={register('unsuspend_on_payment')}
        />
      </FormSection>

      <FormSection
        title="Termination"
        description="Irreversible: the panel deletes the account and its data."
      >
        <Checkbox
          variant="switch"
          label="Terminate accounts left suspended for non-payment"
          registration={register('terminate_enabled')}
        />
        <FormGrid>
          <Input
            label="Terminate after (days suspended)"
            type="number"
            inputMode="numeric"
            min={1}
            error={errors.terminate_after_days_suspended?.message}
            registration={register('terminate_after_days_suspended')}
          />
        </FormGrid>
        {terminateEnabled ? (
          <Alert variant="warning" title="Termination is on">
            Accounts still unpaid {terminateDays.trim() || '…'} days after their suspension for
            non-payment are deleted from their panel, and their license is cancelled.
          </Alert>
        ) : null}
      </FormSection>

      <FormActions>
        <Button
          variant="ghost"
          disabled={!isDirty || updateSettings.isPending}
          onClick={() => {
            setFormError(null);
            reset(toFormValues(settings));
          }}
        >
          Discard changes
        </Button>
        <Button type="submit" isLoading={updateSettings.isPending} disabled={!isDirty}>
          {updateSettings.isPending ? 'Saving…' : 'Save settings'}
        </Button>
      </FormActions>
    </form>
  );
}
