import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { ServerResponse } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { FormActions, FormGrid, FormSection } from '@/components/ui/form-layout';
import { PlugIcon, PlusIcon } from '@/components/ui/icons';
import { Input, PasswordInput } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { paths } from '@/config/paths';
import { applyServerErrors, formBanner, type FormBanner } from '@/lib/form-errors';
import { ServerErrorCode, useCreateServer } from '../api/create-server';
import { ConnectionTestResult } from './connection-test-result';
import { addServerSchema, type AddServerInput, type AddServerOutput } from './server-schemas';
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
] as const;
const CONNECTION_FIELDS = ['base_url', 'api_key', 'api_secret'] as const;

export interface AddServerFormProps {
  onCreated: (server: ServerResponse) => void;
}

/** The guide's "Add Server": details, connection, a Test Connection button, then save. */
export function AddServerForm({ onCreated }: AddServerFormProps) {
  const createServer = useCreateServer();
  const connectionTest = useConnectionTest();
  // What the API refused that no field can show (a 500, an unreachable API).
  const [formError, setFormError] = useState<FormBanner | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    trigger,
    getValues,
    control,
    formState: { errors },
  } = useForm<AddServerInput, unknown, AddServerOutput>({
    resolver: zodResolver(addServerSchema),
    defaultValues: {
      name: '',
      description: '',
      location: '',
      capacity: '100',
      base_url: '',
      api_key: '',
      api_secret: '',
    },
  });
  const [baseUrl = '', apiKey = '', apiSecret = ''] = useWatch({
    control,
    name: [...CONNECTION_FIELDS],
  });
  const testResult = connectionTest.resultFor({
    base_url: baseUrl,
    api_key: apiKey,
    api_secret: apiSecret,
  });

  const testConnection = async () => {
    // Only what the test needs has to be valid; the name can come later.
    setFormError(null);
    if (!(await trigger([...CONNECTION_FIELDS]))) return;
    const { base_url, api_key, api_secret, name, capacity } = getValues();
    const parsedCapacity = Number(capacity);
    connectionTest.run(
      {
        base_url: base_url.trim(),
        api_key: api_key.trim(),
        api_secret,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(Number.isInteger(parsedCapacity) && parsedCapacity > 0
          ? { capacity: parsedCapacity }
          : {}),
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

  const submit = (values: AddServerOutput) => {
    setFormError(null);
    createServer.mutate(values, {
      onSuccess: (server) => onCreated(server),
      onError: (error) => {
        setFormError(
          formBanner(
            'The server was not saved',
            applyServerErrors(error, setError, FIELDS, { [ServerErrorCode.NameTaken]: 'name' })
              .formMessage,
          ),
        );
      },
    });
  };

  return (
    <form noValidate onSubmit={(event) => void handleSubmit(submit)(event)} aria-label="Add server">
      {formError ? (
        <div className={styles.formAlert}>
          <Alert variant="error" title={formError.title}>
            {formError.message}
          </Alert>
        </div>
      ) : null}

      <FormSection
        title="Server"
        description="How the server appears in billing, and how many hosting accounts it may hold."
      >
        <Input
          label="Server name"
          placeholder="Production Server 1"
          autoFocus
          error={errors.name?.message}
          registration={register('name')}
        />
        <Textarea
          label="Description"
          labelAside={<span className={styles.optional}>Optional</span>}
          placeholder="Main hosting server"
          rows={2}
          error={errors.description?.message}
          registration={register('description')}
        />
        <FormGrid>
          <Input
            label="Capacity"
            type="number"
            inputMode="numeric"
            min={1}
            hint="Maximum number of hosting accounts"
            error={errors.capacity?.message}
            registration={register('capacity')}
          />
          <Input
            label="Location"
            labelAside={<span className={styles.optional}>Optional</span>}
            placeholder="US-East"
            error={errors.location?.message}
            registration={register('location')}
          />
        </FormGrid>
      </FormSection>

      <FormSection
        title="Connection"
        description={
          <>
            In NextPanel, open <strong>Settings → API Keys</strong> and create a key with the{' '}
            <strong>BILLING</strong> permission.
          </>
        }
      >
        <Input
          label="Base URL"
          type="url"
          inputMode="url"
          spellCheck={false}
          autoCapitalize="off"
          placeholder="http://panel.example.com:3000"
          className={styles.mono}
          error={errors.base_url?.message}
          registration={register('base_url')}
        />
        <FormGrid>
          <Input
            label="API key"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            placeholder="npk_…"
            className={styles.mono}
            error={errors.api_key?.message}
            registration={register('api_key')}
          />
          <PasswordInput
            label="API secret"
            autoComplete="new-password"
            placeholder="nps_…"
            className={styles.mono}
            hint="Stored encrypted; never shown again"
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
            <span className={styles.testHint}>
              Checks the panel’s health endpoint with this key pair. Nothing is saved.
            </span>
          ) : null}
        </div>
        <div aria-live="polite">
          {testResult ? <ConnectionTestResult result={testResult} /> : null}
        </div>
      </FormSection>

      <FormActions>
        <ButtonLink to={paths.app.servers.getHref()} variant="ghost">
          Cancel
        </ButtonLink>
        <Button type="submit" icon={<PlusIcon size={16} />} isLoading={createServer.isPending}>
          {createServer.isPending ? 'Adding server…' : 'Add server'}
        </Button>
      </FormActions>
    </form>
  );
}
