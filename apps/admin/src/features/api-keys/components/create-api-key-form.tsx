import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  API_KEY_SCOPE_DESCRIPTIONS,
  API_KEY_SCOPES,
  type ApiKeyScope,
  type CreateApiKeyRequest,
  type CreatedApiKeyResponse,
} from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CheckboxFieldset, type CheckboxPreset } from '@/components/ui/checkbox-fieldset';
import { DialogActions } from '@/components/ui/dialog';
import { FormGrid } from '@/components/ui/form-layout';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { applyServerErrors, formBanner, type FormBanner } from '@/lib/form-errors';
import { useCreateApiKey } from '../api/create-api-key';
import styles from './api-keys.module.css';

const DAY_MS = 24 * 60 * 60 * 1000;

const EXPIRY_OPTIONS = [
  { value: 'never', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'date', label: 'On a date…' },
] as const;
type Expiry = (typeof EXPIRY_OPTIONS)[number]['value'];

const SCOPE_PRESETS: readonly CheckboxPreset<ApiKeyScope>[] = [
  { label: 'All read', options: API_KEY_SCOPES.filter((scope) => scope.endsWith(':read')) },
  { label: 'All', options: API_KEY_SCOPES },
  { label: 'None', options: [] },
];

/** The end of the chosen day, in the admin's time zone: "expires on 1 March" includes 1 March. */
function endOfDay(date: string): Date {
  return new Date(`${date}T23:59:59.999`);
}

export const apiKeySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Name the key after what will use it')
      .max(100, 'Names are at most 100 characters'),
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'Choose at least one scope'),
    expiry: z.enum(EXPIRY_OPTIONS.map((option) => option.value) as [Expiry, ...Expiry[]]),
    expires_at: z.string(),
  })
  .superRefine((values, context) => {
    if (values.expiry !== 'date') return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.expires_at)) {
      context.addIssue({ code: 'custom', path: ['expires_at'], message: 'Choose the last day' });
    } else if (endOfDay(values.expires_at).getTime() <= Date.now()) {
      context.addIssue({ code: 'custom', path: ['expires_at'], message: 'Choose a future day' });
    }
  });

type ApiKeyFormInput = z.input<typeof apiKeySchema>;
type ApiKeyFormOutput = z.output<typeof apiKeySchema>;

const FIELDS = ['name', 'scopes', 'expires_at'] as const;

/** What the form's choices mean for the API. */
export function toCreateApiKeyRequest(
  values: ApiKeyFormOutput,
  now: number = Date.now(),
): CreateApiKeyRequest {
  const expiresAt =
    values.expiry === 'never'
      ? null
      : values.expiry === 'date'
        ? endOfDay(values.expires_at)
        : new Date(now + Number(values.expiry) * DAY_MS);
  return {
    name: values.name,
    // In the catalogue's order, not the order they were ticked in.
    scopes: API_KEY_SCOPES.filter((scope) => values.scopes.includes(scope)),
    expires_at: expiresAt ? expiresAt.toISOString() : null,
  };
}

export interface CreateApiKeyFormProps {
  onCreated: (apiKey: CreatedApiKeyResponse) => void;
  onCancel: () => void;
}

/** Name, scopes (one tick box per scope, with what it allows) and an optional expiry. */
export function CreateApiKeyForm({ onCreated, onCancel }: CreateApiKeyFormProps) {
  const createApiKey = useCreateApiKey();
  const [formError, setFormError] = useState<FormBanner | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors },
  } = useForm<ApiKeyFormInput, unknown, ApiKeyFormOutput>({
    resolver: zodResolver(apiKeySchema),
    defaultValues: { name: '', scopes: [], expiry: 'never', expires_at: '' },
  });
  const expiry = useWatch({ control, name: 'expiry' });

  const submit = (values: ApiKeyFormOutput) => {
    setFormError(null);
    createApiKey.mutate(toCreateApiKeyRequest(values), {
      onSuccess: onCreated,
      onError: (error) =>
        setFormError(
          formBanner(
            'The API key was not created',
            applyServerErrors(error, setError, FIELDS).formMessage,
          ),
        ),
    });
  };

  const selectScopes = (scopes: ApiKeyScope[]) =>
    setValue('scopes', scopes, {
      shouldDirty: true,
      shouldValidate: errors.scopes !== undefined,
    });

  return (
    <form
      noValidate
      className={styles.form}
      onSubmit={(event) => void handleSubmit(submit)(event)}
      aria-label="Create API key"
    >
      {formError ? (
        <Alert variant="error" title={formError.title}>
          {formError.message}
        </Alert>
      ) : null}

      <FormGrid>
        <Input
          label="Name"
          autoFocus
          placeholder="Billing sync (WHMCS)"
          hint="What uses the key; shown in lists and in the audit log"
          error={errors.name?.message}
          registration={register('name')}
        />
        <Select
          label="Expires"
          options={EXPIRY_OPTIONS}
          hint="Keys that never expire must be revoked by hand"
          registration={register('expiry')}
        />
      </FormGrid>
      {expiry === 'date' ? (
        <Input
          label="Last day the key works"
          type="date"
          error={errors.expires_at?.message}
          registration={register('expires_at')}
        />
      ) : errors.expires_at ? (
        <p className={styles.fieldError} role="alert">
          {errors.expires_at.message}
        </p>
      ) : null}

      <CheckboxFieldset
        legend="Scopes"
        options={API_KEY_SCOPES}
        descriptions={API_KEY_SCOPE_DESCRIPTIONS}
        registration={register('scopes')}
        presets={SCOPE_PRESETS}
        onSelect={selectScopes}
        error={errors.scopes?.message}
        monoLabels
      />

      <DialogActions>
        <Button variant="secondary" onClick={onCancel} disabled={createApiKey.isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={createApiKey.isPending}>
          Create key
        </Button>
      </DialogActions>
    </form>
  );
}
