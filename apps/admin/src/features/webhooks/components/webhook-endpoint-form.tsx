import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import {
  WEBHOOK_EVENT_DESCRIPTIONS,
  WEBHOOK_EVENT_TYPES,
  WebhookErrorCode,
  type CreateWebhookEndpointRequest,
  type WebhookEndpointResponse,
  type WebhookEndpointWithSecretResponse,
  type WebhookEventType,
} from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CheckboxFieldset, type CheckboxPreset } from '@/components/ui/checkbox-fieldset';
import { DialogActions } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { applyServerErrors, formBanner, type FormBanner } from '@/lib/form-errors';
import { useCreateWebhookEndpoint } from '../api/create-webhook-endpoint';
import { useUpdateWebhookEndpoint } from '../api/update-webhook-endpoint';
import styles from './webhooks.module.css';

export const webhookEndpointSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'Enter the URL that receives the events')
    .max(2000, 'URLs are at most 2000 characters')
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    }, 'Enter an http(s) URL, e.g. https://hooks.example.com/nextpanel'),
  description: z.string().trim().max(200, 'Descriptions are at most 200 characters'),
  event_types: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'Choose at least one event'),
});

type EndpointFormInput = z.input<typeof webhookEndpointSchema>;
type EndpointFormOutput = z.output<typeof webhookEndpointSchema>;

const FIELDS = ['url', 'description', 'event_types'] as const;

const EVENT_PRESETS: readonly CheckboxPreset<WebhookEventType>[] = [
  { label: 'All', options: WEBHOOK_EVENT_TYPES },
  { label: 'None', options: [] },
];

/** The form's values as the API takes them, events in the catalogue's order. */
export function toWebhookEndpointRequest(values: EndpointFormOutput): CreateWebhookEndpointRequest {
  return {
    url: values.url,
    description: values.description === '' ? null : values.description,
    event_types: WEBHOOK_EVENT_TYPES.filter((type) => values.event_types.includes(type)),
  };
}

export interface WebhookEndpointFormProps {
  /** Editing this endpoint; absent to add one. */
  endpoint?: WebhookEndpointResponse;
  onCreated?: (endpoint: WebhookEndpointWithSecretResponse) => void;
  onSaved?: (endpoint: WebhookEndpointResponse) => void;
  onCancel: () => void;
}

/** URL, description and the events to receive (one tick box per event, with what it means). */
export function WebhookEndpointForm({
  endpoint,
  onCreated,
  onSaved,
  onCancel,
}: WebhookEndpointFormProps) {
  const createEndpoint = useCreateWebhookEndpoint();
  const updateEndpoint = useUpdateWebhookEndpoint();
  const [formError, setFormError] = useState<FormBanner | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors },
  } = useForm<EndpointFormInput, unknown, EndpointFormOutput>({
    resolver: zodResolver(webhookEndpointSchema),
    defaultValues: {
      url: endpoint?.url ?? '',
      description: endpoint?.description ?? '',
      event_types: endpoint ? [...endpoint.event_types] : [],
    },
  });
  const isPending = createEndpoint.isPending || updateEndpoint.isPending;

  const onError = (error: unknown) =>
    setFormError(
      formBanner(
        endpoint ? 'The endpoint was not saved' : 'The endpoint was not added',
        applyServerErrors(error, setError, FIELDS, { [WebhookErrorCode.UrlNotAllowed]: 'url' })
          .formMessage,
      ),
    );

  const submit = (values: EndpointFormOutput) => {
    setFormError(null);
    const request = toWebhookEndpointRequest(values);
    if (endpoint) {
      updateEndpoint.mutate(
        { endpointId: endpoint.id, changes: request },
        { onSuccess: (saved) => onSaved?.(saved), onError },
      );
    } else {
      createEndpoint.mutate(request, { onSuccess: (created) => onCreated?.(created), onError });
    }
  };

  const selectEvents = (types: WebhookEventType[]) =>
    setValue('event_types', types, {
      shouldDirty: true,
      shouldValidate: errors.event_types !== undefined,
    });

  return (
    <form
      noValidate
      className={styles.form}
      onSubmit={(event) => void handleSubmit(submit)(event)}
      aria-label={endpoint ? 'Edit webhook endpoint' : 'Add webhook endpoint'}
    >
      {formError ? (
        <Alert variant="error" title={formError.title}>
          {formError.message}
        </Alert>
      ) : null}

      <Input
        label="Endpoint URL"
        autoFocus
        type="url"
        placeholder="https://hooks.example.com/nextpanel"
        hint="Receives a signed POST for each event. Private and loopback addresses are refused unless allowed below."
        error={errors.url?.message}
        registration={register('url')}
      />
      <Input
        label="Description"
        placeholder="CRM sync"
        hint="Optional: what receives these events"
        error={errors.description?.message}
        registration={register('description')}
      />

      <CheckboxFieldset
        legend="Events"
        options={WEBHOOK_EVENT_TYPES}
        descriptions={WEBHOOK_EVENT_DESCRIPTIONS}
        registration={register('event_types')}
        presets={EVENT_PRESETS}
        onSelect={selectEvents}
        error={errors.event_types?.message}
        monoLabels
        minColumnWidth={260}
      />

      <DialogActions>
        <Button variant="secondary" onClick={onCancel} disabled={isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={isPending}>
          {endpoint ? 'Save changes' : 'Add endpoint'}
        </Button>
      </DialogActions>
    </form>
  );
}
