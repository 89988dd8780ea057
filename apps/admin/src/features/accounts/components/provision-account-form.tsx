import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type {
  CustomerDetailsResponse,
  ProvisionAccountResponse,
  ServerResponse,
} from '@nextpanel/shared';
import { PasswordField } from '@/components/password-field';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { FormActions, FormGrid, FormSection } from '@/components/ui/form-layout';
import { RocketIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { Select, type SelectOption } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import { UsageBar } from '@/components/ui/usage-bar';
import { paths } from '@/config/paths';
import { ServerStatusBadge } from '@/features/servers/components/server-status-badge';
import { useServers } from '@/features/servers/api/get-servers';
import { ApiError } from '@/lib/api-client';
import { describeError } from '@/lib/errors';
import { applyServerErrors, formBanner, type FormBanner } from '@/lib/form-errors';
import { formatNumber, plural } from '@/lib/format';
import { ProvisioningErrorCode, useProvisionAccount } from '../api/provision-account';
import { ProvisionResult } from './provision-result';
import {
  PROVISION_FIELDS,
  provisionSchema,
  suggestUsername,
  toProvisionRequest,
  type ProvisionFormInput,
  type ProvisionFormOutput,
} from './provision-schema';
import styles from './provision.module.css';

export const AUTOMATIC_SERVER_LABEL = 'Automatic (least used)';

export function serverOption(server: ServerResponse): SelectOption {
  const details = [plural(server.available_slots, 'free slot')];
  if (server.location) details.push(server.location);
  if (!server.is_active) details.push('inactive');
  else if (server.available_slots === 0) details.push('full');
  else if (!server.is_online) details.push('offline');
  return {
    value: String(server.id),
    label: `${server.name} — ${details.join(' · ')}`,
    // The API refuses both (409 SERVER_INACTIVE / NO_CAPACITY); an offline server may still be tried.
    disabled: !server.is_active || server.available_slots === 0,
  };
}

/** What went wrong, for the banner: the panel's own reason on a 502, the API's sentence otherwise. */
export function provisionFailure(error: Error): FormBanner {
  if (
    error instanceof ApiError &&
    (error.code === ProvisioningErrorCode.PanelError ||
      error.code === ProvisioningErrorCode.PanelUnavailable)
  ) {
    return { title: 'The panel could not create the account', message: error.message };
  }
  if (error instanceof ApiError && error.code === ProvisioningErrorCode.CustomerInactive) {
    return {
      title: 'This customer is deactivated',
      message: 'Reactivate the customer before provisioning hosting for them.',
    };
  }
  return { title: 'The account was not provisioned', message: describeError(error) };
}

export interface ProvisionAccountFormProps {
  customer: CustomerDetailsResponse;
}

/**
 * The guide's missing step: create the customer's hosting account on a NextPanel server. On
 * success the form gives way to the details to pass on; on failure it stays filled in, with the
 * panel's reason on top, so the admin fixes one thing and tries again.
 */
export function ProvisionAccountForm({ customer }: ProvisionAccountFormProps) {
  const servers = useServers();
  const provision = useProvisionAccount();
  const [banner, setBanner] = useState<FormBanner | null>(null);
  const [result, setResult] = useState<{
    response: ProvisionAccountResponse;
    password: string;
  } | null>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);

  const activeLicenses = customer.licenses.filter((license) => license.status === 'active');
  const defaults: ProvisionFormInput = {
    username: suggestUsername(customer.full_name),
    email: customer.email,
    password: '',
    server_id: '',
    // Licenses come newest first: the product just sold is the likely one.
    license_id: activeLicenses[0] ? String(activeLicenses[0].id) : '',
    full_name: customer.full_name,
    phone: customer.phone ?? '',
    company: customer.company_name ?? '',
    package_id: '',
  };
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    control,
    formState: { errors },
  } = useForm<ProvisionFormInput, unknown, ProvisionFormOutput>({
    resolver: zodResolver(provisionSchema),
    defaultValues: defaults,
  });
  const [password, serverId] = useWatch({ control, name: ['password', 'server_id'] });
  const chosenServer = servers.data?.find((server) => String(server.id) === serverId);
  // A server-side error on a folded-away field must not stay hidden.
  const advancedHasErrors = Boolean(
    errors.full_name ?? errors.company ?? errors.phone ?? errors.package_id,
  );

  if (result) {
    return (
      <ProvisionResult
        result={result.response}
        password={result.password}
        backTo={paths.app.customer.getHref(customer.id)}
        onProvisionAnother={() => {
          setResult(null);
          provision.reset();
          reset({ ...defaults, username: '' });
        }}
      />
    );
  }

  const showBanner = (next: FormBanner | null) => {
    setBanner(next);
    if (next)
      requestAnimationFrame(() =>
        bannerRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }),
      );
  };

  const submit = (values: ProvisionFormOutput) => {
    showBanner(null);
    provision.mutate(toProvisionRequest(customer.id, values), {
      onSuccess: (response) => {
        toast.success('Hosting account created', `${response.username} on ${response.server_name}`);
        setResult({ response, password: values.password });
      },
      onError: (error) => {
        const placement = applyServerErrors(error, setError, PROVISION_FIELDS, {
          [ProvisioningErrorCode.UsernameTaken]: 'username',
          [ProvisioningErrorCode.NoCapacity]: 'server_id',
          [ProvisioningErrorCode.NoAvailableServer]: 'server_id',
          [ProvisioningErrorCode.ServerInactive]: 'server_id',
          [ProvisioningErrorCode.LicenseInactive]: 'license_id',
        });
        const failure = provisionFailure(error);
        toast.error(
          'Provisioning failed',
          placement.placed ? 'Check the highlighted fields.' : failure.message,
        );
        if (!placement.placed) showBanner(failure);
        else if (placement.formMessage)
          showBanner(formBanner('The account was not provisioned', placement.formMessage));
      },
    });
  };

  const serverOptions: SelectOption[] = [
    { value: '', label: AUTOMATIC_SERVER_LABEL },
    ...(servers.data ?? []).map(serverOption),
  ];
  const licenseOptions: SelectOption[] = [
    { value: '', label: 'No license' },
    ...activeLicenses.map((license) => ({
      value: String(license.id),
      label: `${license.license_key} — ${license.plan.name} (${license.billing_cycle})`,
    })),
  ];

  return (
    <form
      noValidate
      onSubmit={(event) => void handleSubmit(submit)(event)}
      aria-label="Provision account"
    >
      <div ref={bannerRef} className={styles.bannerAnchor}>
        {banner ? (
          <div className={styles.formAlert}>
            <Alert variant="error" title={banner.title}>
              <p>{banner.message}</p>
              {provision.error instanceof ApiError && provision.error.status === 502 ? (
                <p>
                  The attempt is recorded as a failed account on the customer’s page. Your entries
                  are kept: fix the cause and try again.
                </p>
              ) : null}
            </Alert>
          </div>
        ) : null}
      </div>

      <FormSection title="Panel login" description="What the customer signs in to NextPanel with.">
        <FormGrid>
          <Input
            label="Username"
            autoFocus
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            placeholder="johndoe"
            hint="3–16 lower-case letters or digits, starting with a letter"
            error={errors.username?.message}
            registration={register('username')}
          />
          <Input
            label="Email"
            type="email"
            inputMode="email"
            spellCheck={false}
            hint="The customer’s email unless you change it"
            error={errors.email?.message}
            registration={register('email')}
          />
        </FormGrid>
        <PasswordField
          value={password}
          registration={register('password')}
          onGenerate={(generated) =>
            setValue('password', generated, { shouldValidate: true, shouldDirty: true })
          }
          error={errors.password?.message}
        />
      </FormSection>

      <FormSection
        title="Placement"
        description="Which server hosts the account, and which license sets its quotas."
      >
        <Select
          label="Server"
          options={serverOptions}
          error={errors.server_id?.message}
          hint={
            servers.isError ? (
              <span className={styles.inlineError}>
                Could not load the server list ({describeError(servers.error)}). Automatic placement
                still works.
                <Button variant="ghost" size="sm" onClick={() => void servers.refetch()}>
                  Retry
                </Button>
              </span>
            ) : servers.data === undefined ? (
              'Loading servers…'
            ) : serverId === '' ? (
              'Billing picks the active, online server with the lowest utilisation.'
            ) : undefined
          }
          registration={register('server_id')}
        />
        {chosenServer ? (
          <div className={styles.serverInfo}>
            <div className={styles.serverInfoHead}>
              <span>{chosenServer.name}</span>
              <ServerStatusBadge server={chosenServer} />
            </div>
            <UsageBar
              label={`${chosenServer.name} utilisation`}
              value={chosenServer.current_accounts}
              max={chosenServer.capacity}
            />
            <span>
              {formatNumber(chosenServer.available_slots)} of {formatNumber(chosenServer.capacity)}{' '}
              slots free
              {!chosenServer.is_online && chosenServer.last_error
                ? ` · last check: ${chosenServer.last_error}`
                : ''}
            </span>
          </div>
        ) : null}
        <Select
          label="License"
          labelAside={<span className={styles.optional}>Optional</span>}
          options={licenseOptions}
          hint={
            activeLicenses.length === 0
              ? 'This customer has no active license; the account gets the panel’s default package.'
              : 'Its plan’s quotas and package go to the panel.'
          }
          error={errors.license_id?.message}
          registration={register('license_id')}
        />
        <details
          className={styles.advanced}
          open={advancedOpen || advancedHasErrors}
          onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}
        >
          <summary>
            Contact details and package
            <span className={styles.advancedHint}>
              Taken from the customer and the license unless you change them
            </span>
          </summary>
          <div className={styles.advancedBody}>
            <FormGrid>
              <Input
                label="Full name"
                error={errors.full_name?.message}
                registration={register('full_name')}
              />
              <Input
                label="Company"
                error={errors.company?.message}
                registration={register('company')}
              />
            </FormGrid>
            <FormGrid>
              <Input
                label="Phone"
                type="tel"
                error={errors.phone?.message}
                registration={register('phone')}
              />
              <Input
                label="Package ID"
                type="number"
                inputMode="numeric"
                min={1}
                hint="Leave empty to use the license plan’s package"
                error={errors.package_id?.message}
                registration={register('package_id')}
              />
            </FormGrid>
          </div>
        </details>
      </FormSection>

      <FormActions>
        <ButtonLink to={paths.app.customer.getHref(customer.id)} variant="ghost">
          Cancel
        </ButtonLink>
        <Button type="submit" icon={<RocketIcon size={16} />} isLoading={provision.isPending}>
          {provision.isPending ? 'Provisioning…' : 'Provision account'}
        </Button>
      </FormActions>
    </form>
  );
}
