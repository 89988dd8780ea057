import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { ServerResponse, UpdateServerRequest } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FormActions, FormGrid, FormSection } from '@/components/ui/form-layout';
import { PlugIcon } from '@/components/ui/icons';
import { Input, PasswordInput } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { paths } from '@/config/paths';
import { applyServerErrors, formBanner, type FormBanner } from '@/lib/form-errors';
import { formatNumber, plural } from '@/lib/format';
import { ServerErrorCode } from '../api/create-server';
import { useUpdateServer } from '../api/update-server';
import { ConnectionTestResult } from './connection-test-result';
import { editServerSchema, type EditServerInput, type EditServerOutput } from './server-schemas';
import styles from './servers.module.css';
import { useConnectionTest } from './use-connection-test';

const FIELDS = [
  'name',
  'description',
  'location',
  'capacity',
  'base_url',
  'api_key',
  'api_secret',
  'is_active',
] as const;

/** Only what changed goes to the API: a rotation sends the new key pair, a capacity change only capacity. */
export function serverChanges(
  server: ServerResponse,
  values: EditServerOutput,
): UpdateServerRequest {
  const changes: UpdateServerRequest = {};
  if (values.name !== server.name) changes.name = values.name;
  if (values.description !== server.description) changes.description = values.description;
  if (values.location !== server.location) changes.location = values.location;
  if (values.capacity !== server.capacity) changes.capacity = values.capacity;
  if (values.base_url !== server.base_url) changes.base_url = values.base_url;
  if (values.is_active !== server.is_active) changes.is_active = values.is_active;
  if (values.rotate_credentials) {
    changes.api_key = values.api_key.trim();
    changes.api_secret = values.api_secret;
  }
  return changes;
}

export interface EditServerFormProps {
  server: ServerResponse;
  onSaved: (server: ServerResponse, changes: UpdateServerRequest) => void;
}

/** Capacity, credentials rotation, activation and the rest of a server's settings. */
export function EditServerForm({ server, onSaved }: EditServerFormProps) {
  const updateServer = useUpdateServer();
  const connectionTest = useConnectionTest();
  const [formError, setFormError] = useState<FormBanner | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    trigger,
    getValues,
    control,
    formState: { errors, isDirty },
  } = useForm<EditServerInput, unknown, EditServerOutput>({
    resolver: zodResolver(editServerSchema),
    defaultValues: {
      name: server.name,
      description: server.description ?? '',
      location: server.location ?? '',
      capacity: String(server.capacity),
      base_url: server.base_url,
      is_active: server.is_active,
      rotate_credentials: false,
      api_key: '',
      api_secret: '',
    },
  });
  const [rotate, baseUrl = '', apiKey = '', apiSecret = ''] = useWatch({
    control,
    name: ['rotate_credentials', 'base_url', 'api_key', 'api_secret'],
  });
  const testResult = connectionTest.resultFor({
    base_url: baseUrl,
    api_key: apiKey,
    api_secret: apiSecret,
  });

  const testConnection = async () => {
    setFormError(null);
    if (!(await trigger(['base_url', 'api_key', 'api_secret']))) return;
    const values = getValues();
    connectionTest.run(
      {
        base_url: values.base_url.trim(),
        api_key: values.api_key.trim(),
        api_secret: values.api_secret,
        name: values.name,
      },
      (error) =>
        setFormError(
          formBanner(
            'Could not test the connection',
            applyServerErrors(error, setError, FIELDS).formMessage,
          ),
        ),
    );
  };

  const submit = (values: EditServerOutput) => {
    setFormError(null);
    const changes = serverChanges(server, values);
    updateServer.mutate(
      { serverId: server.id, data: changes },
      {
        onSuccess: (saved) => onSaved(saved, changes),
        onError: (error) =>
          setFormError(
            formBanner(
              'Changes not saved',
              applyServerErrors(error, setError, FIELDS, {
                [ServerErrorCode.NameTaken]: 'name',
                [ServerErrorCode.CapacityBelowUsage]: 'capacity',
              }).formMessage,
            ),
          ),
      },
    );
  };

  return (
    <form
      noValidate
      onSubmit={(event) => void handleSubmit(submit)(event)}
      aria-label={`Edit ${server.name}`}
    >
      {formError ? (
        <div className={styles.formAlert}>
          <Alert variant="error" title={formError.title}>
            {formError.message}
          </Alert>
        </div>
      ) : null}

      <FormSection title="Server" description="Name, capacity and where it runs.">
        <Input label="Server name" error={errors.name?.message} registration={register('name')} />
        <Textarea
          label="Description"
          labelAside={<span className={styles.optional}>Optional</span>}
          rows={2}
          error={errors.description?.message}
          registration={register('description')}
        />
        <FormGrid>
          <Input
            label="Capacity"
            type="number"
            inputMode="numeric"
            min={Math.max(1, server.current_accounts)}
            hint={`Holds ${plural(server.current_accounts, 'account')} now; at least ${formatNumber(Math.max(1, server.current_accounts))}`}
            error={errors.capacity?.message}
            registration={register('capacity')}
          />
          <Input
            label="Location"
            labelAside={<span className={styles.optional}>Optional</span>}
            error={errors.location?.message}
            registration={register('location')}
          />
        </FormGrid>
        <Checkbox
          variant="switch"
          label="Active"
          description="Inactive servers keep their accounts but receive no new ones, not even when chosen explicitly."
          registration={register('is_active')}
        />
      </FormSection>

      <FormSection
        title="Connection"
        description="Changing the URL or the key pair re-checks the server’s health when you save."
      >
        <Input
          label="Base URL"
          type="url"
          inputMode="url"
          spellCheck={false}
          autoCapitalize="off"
          className={styles.mono}
          error={errors.base_url?.message}
          registration={register('base_url')}
        />
        <p className={styles.credentialsNote}>
          Current API key <code>{server.api_key}</code>. The secret is stored encrypted and never
          shown.
        </p>
        <Checkbox
          label="Rotate API credentials"
          description="Replace the key pair, e.g. after creating a new BILLING key in NextPanel and before revoking the old one."
          registration={register('rotate_credentials')}
        />
        {rotate ? (
          <>
            <FormGrid>
              <Input
                label="New API key"
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
                placeholder="npk_…"
                className={styles.mono}
                error={errors.api_key?.message}
                registration={register('api_key')}
              />
              <PasswordInput
                label="New API secret"
                autoComplete="new-password"
                placeholder="nps_…"
                className={styles.mono}
                error={errors.api_secret?.message}
                registration={register('api_secret')}
              />
            </FormGrid>
            <div className={styles.testRow}>
              <Button
                variant="secondary"
                icon={<PlugIcon size={16} />}
                isLoading={connectionTest.isPending}
                onClick={() => void testConnection()}
              >
                {connectionTest.isPending ? 'Testing…' : 'Test connection'}
              </Button>
              {testResult === null && !connectionTest.isPending ? (
                <span className={styles.testHint}>Tests the new key pair before you save it.</span>
              ) : null}
            </div>
            <div aria-live="polite">
              {testResult ? <ConnectionTestResult result={testResult} /> : null}
            </div>
          </>
        ) : null}
      </FormSection>

      <FormActions>
        <ButtonLink to={paths.app.servers.getHref()} variant="ghost">
          Cancel
        </ButtonLink>
        <Button type="submit" isLoading={updateServer.isPending} disabled={!isDirty}>
          {updateServer.isPending ? 'Saving…' : 'Save changes'}
        </Button>
      </FormActions>
    </form>
  );
}
