import { useState } from 'react';
import {
  DEFAULT_PAGE_SIZE,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_PING_EVENT,
  type WebhookDeliveryEventType,
  type WebhookDeliveryListQuery,
  type WebhookDeliveryResponse,
  type WebhookEndpointResponse,
  type WebhookEndpointWithSecretResponse,
} from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog, Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PlusIcon, SendIcon, ZapIcon } from '@/components/ui/icons';
import { FilterSelect, ListCard, filterOptions, oneOf } from '@/components/ui/list-card';
import { PageHeader } from '@/components/ui/page-header';
import { ACTIONS_COLUMN, LoadingTable, type TableColumn } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { useDeleteWebhookEndpoint } from '@/features/webhooks/api/delete-webhook-endpoint';
import { useEnableWebhookEndpoint } from '@/features/webhooks/api/enable-webhook-endpoint';
import { useWebhookDeliveries } from '@/features/webhooks/api/get-webhook-deliveries';
import { useWebhookEndpoints } from '@/features/webhooks/api/get-webhook-endpoints';
import { usePingWebhookEndpoint } from '@/features/webhooks/api/ping-webhook-endpoint';
import { useResendWebhookDelivery } from '@/features/webhooks/api/resend-webhook-delivery';
import { useRotateWebhookSecret } from '@/features/webhooks/api/rotate-webhook-secret';
import { useUpdateWebhookEndpoint } from '@/features/webhooks/api/update-webhook-endpoint';
import {
  deliveryStatusLabels,
  WEBHOOK_DELIVERIES_TABLE_COLUMNS,
  WebhookDeliveriesTable,
} from '@/features/webhooks/components/webhook-deliveries-table';
import { WebhookEndpointForm } from '@/features/webhooks/components/webhook-endpoint-form';
import {
  WebhookEndpointsTable,
  type EndpointAction,
} from '@/features/webhooks/components/webhook-endpoints-table';
import { WebhookSecret } from '@/features/webhooks/components/webhook-secret';
import { WebhookSettingsCard } from '@/features/webhooks/components/webhook-settings-card';
import styles from '@/features/webhooks/components/webhooks.module.css';
import { useUrlFilters } from '@/hooks/use-url-filters';
import { describeError } from '@/lib/errors';
import { plural } from '@/lib/format';

type Editing =
  | { step: 'create' }
  | { step: 'edit'; endpoint: WebhookEndpointResponse }
  | { step: 'secret'; endpoint: WebhookEndpointWithSecretResponse; rotated: boolean }
  | null;

type Confirming = { action: 'disable' | 'rotate' | 'delete'; endpoint: WebhookEndpointResponse };

const DELIVERY_EVENT_TYPES: readonly WebhookDeliveryEventType[] = [
  ...WEBHOOK_EVENT_TYPES,
  WEBHOOK_PING_EVENT,
];

const STATUS_OPTIONS = filterOptions(
  'All statuses',
  WEBHOOK_DELIVERY_STATUSES,
  (status) => deliveryStatusLabels[status],
);

const EVENT_OPTIONS = filterOptions('All events', DELIVERY_EVENT_TYPES, (type) => type);

/** The header WebhookEndpointsTable shows. */
const ENDPOINT_COLUMNS: readonly TableColumn[] = [
  'Endpoint',
  'Events',
  'Status',
  'Deliveries',
  ACTIONS_COLUMN,
];

const endpointName = (endpoint: WebhookEndpointResponse) => endpoint.description ?? endpoint.url;

/** Settings → Webhooks: endpoints, their deliveries, and the private-targets setting. */
export function Component() {
  const endpoints = useWebhookEndpoints();
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);

  const filters = useUrlFilters();
  const rawEndpoint = filters.params.get('endpoint_id');
  const status = oneOf(WEBHOOK_DELIVERY_STATUSES, filters.params.get('status'));
  const eventType = oneOf(DELIVERY_EVENT_TYPES, filters.params.get('event_type'));
  const endpointId =
    rawEndpoint && /^[1-9]\d{0,9}$/.test(rawEndpoint) ? Number(rawEndpoint) : undefined;
  const query: WebhookDeliveryListQuery = {
    page: filters.page,
    page_size: DEFAULT_PAGE_SIZE,
    ...(status ? { status } : {}),
    ...(eventType ? { event_type: eventType } : {}),
    ...(endpointId ? { endpoint_id: endpointId } : {}),
  };
  const deliveries = useWebhookDeliveries({
    filters: query,
    // Pending deliveries settle within seconds (or wait out a retry): keep the table current.
    queryConfig: {
      refetchInterval: (current) =>
        current.state.data?.items.some((delivery) => delivery.status === 'pending') ? 3000 : false,
    },
  });

  const ping = usePingWebhookEndpoint();
  const enable = useEnableWebhookEndpoint();
  const update = useUpdateWebhookEndpoint();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhookEndpoint();
  const resend = useResendWebhookDelivery();

  const list = endpoints.data;
  const enabledIds = new Set(list?.filter((e) => e.enabled).map((e) => e.id) ?? []);
  const busyId = ping.isPending
    ? (ping.variables?.endpointId ?? null)
    : enable.isPending
      ? (enable.variables?.endpointId ?? null)
      : null;

  const onAction = (action: EndpointAction, endpoint: WebhookEndpointResponse) => {
    switch (action) {
      case 'edit':
        setEditing({ step: 'edit', endpoint });
        return;
      case 'disable':
      case 'rotate':
      case 'delete':
        setConfirming({ action, endpoint });
        return;
      case 'ping':
        ping.mutate(
          { endpointId: endpoint.id },
          {
            onSuccess: () =>
              toast.success(
                'Test event queued',
                `A ping goes to ${endpoint.url}; its delivery is listed below.`,
              ),
            onError: (error) => toast.error('The test event was not sent', describeError(error)),
          },
        );
        return;
      case 'enable':
        enable.mutate(
          { endpointId: endpoint.id },
          {
            onSuccess: (saved) =>
              toast.success(
                'Endpoint enabled',
                saved.pending_deliveries > 0
                  ? `${plural(saved.pending_deliveries, 'waiting delivery', 'waiting deliveries')} go out now, oldest first.`
                  : `Events go to ${saved.url} again.`,
              ),
            onError: (error) => toast.error('The endpoint was not enabled', describeError(error)),
          },
        );
        return;
    }
  };

  const closeConfirm = () => {
    update.reset();
    rotate.reset();
    remove.reset();
    setConfirming(null);
  };
  const confirm = () => {
    if (!confirming) return;
    const { action, endpoint } = confirming;
    if (action === 'disable')
      update.mutate(
        { endpointId: endpoint.id, changes: { enabled: false } },
        {
          onSuccess: () => {
            toast.success('Endpoint disabled', `No new events are recorded for ${endpoint.url}.`);
            closeConfirm();
          },
        },
      );
    else if (action === 'rotate')
      rotate.mutate(
        { endpointId: endpoint.id },
        {
          onSuccess: (rotated) => {
            closeConfirm();
            setEditing({ step: 'secret', endpoint: rotated, rotated: true });
          },
        },
      );
    else
      remove.mutate(
        { endpointId: endpoint.id },
        {
          onSuccess: () => {
            toast.success('Endpoint deleted', `${endpoint.url} receives no more events.`);
            closeConfirm();
          },
        },
      );
  };
  const confirmError = update.error ?? rotate.error ?? remove.error;

  const resendDelivery = (delivery: WebhookDeliveryResponse) =>
    resend.mutate(
      { deliveryId: delivery.id },
      {
        onSuccess: (queued) =>
          toast.success(
            'Delivery queued again',
            `${queued.event_type} goes to ${queued.endpoint_url} after anything already waiting.`,
          ),
        onError: (error) => toast.error('The delivery was not resent', describeError(error)),
      },
    );

  const addButton = (
    <Button icon={<PlusIcon size={16} />} onClick={() => setEditing({ step: 'create' })}>
      Add endpoint
    </Button>
  );
  const endpointOptions = [
    { value: '', label: 'All endpoints' },
    ...(list ?? []).map((endpoint) => ({
      value: String(endpoint.id),
      label: endpointName(endpoint),
    })),
  ];

  return (
    <>
      <Head title="Webhooks" />
      <PageHeader
        title="Webhooks"
        description="Settings · Signed HTTP POSTs to your systems when customers, licenses, accounts, payments or servers change; each endpoint gets its events in order, retried for up to a day."
        actions={addButton}
      />

      <div className={styles.stack}>
        {endpoints.isError && list === undefined ? (
          <Card padding="none">
            <ErrorState
              title="Could not load webhook endpoints"
              error={endpoints.error}
              onRetry={() => void endpoints.refetch()}
              isRetrying={endpoints.isFetching}
            />
          </Card>
        ) : list === undefined ? (
          <Card padding="none" title="Endpoints" description="Loading…">
            <LoadingTable
              caption="Webhook endpoints"
              columns={ENDPOINT_COLUMNS}
              rows={2}
              label="Loading webhook endpoints"
            />
          </Card>
        ) : list.length === 0 ? (
          <Card padding="none">
            <EmptyState
              icon={<ZapIcon size={26} />}
              title="No webhook endpoints yet"
              description="Add the URL of a system that should hear about new customers, provisioned accounts, payments or servers going down."
              action={addButton}
            />
          </Card>
        ) : (
          <Card
            padding="none"
            title="Endpoints"
            description={`${plural(list.length, 'endpoint')}, ${enabledIds.size} enabled`}
          >
            <WebhookEndpointsTable endpoints={list} onAction={onAction} busyId={busyId} />
          </Card>
        )}

        <ListCard
          title="Deliveries"
          filtersClassName={styles.toolbar}
          filters={
            <>
              <FilterSelect
                className={styles.filter}
                label="Endpoint"
                options={endpointOptions}
                value={endpointId === undefined ? '' : String(endpointId)}
                onChange={(value) => filters.setFilter('endpoint_id', value)}
              />
              <FilterSelect
                className={styles.filter}
                label="Status"
                options={STATUS_OPTIONS}
                value={status ?? ''}
                onChange={(value) => filters.setFilter('status', value)}
              />
              <FilterSelect
                className={styles.filter}
                label="Event"
                options={EVENT_OPTIONS}
                value={eventType ?? ''}
                onChange={(value) => filters.setFilter('event_type', value)}
              />
            </>
          }
          query={deliveries}
          skeleton={{
            caption: 'Webhook deliveries',
            columns: WEBHOOK_DELIVERIES_TABLE_COLUMNS,
            rows: 4,
            label: 'Loading deliveries',
          }}
          errorTitle="Could not load deliveries"
          refreshErrorTitle="Could not refresh deliveries"
          noMatches={
            status !== undefined || eventType !== undefined || endpointId !== undefined
              ? {
                  title: 'No deliveries match',
                  description: 'Clear the filters to see every delivery.',
                  clearLabel: 'Clear filters',
                  onClear: () => filters.clear(['status', 'event_type', 'endpoint_id']),
                }
              : null
          }
          empty={{
            icon: <SendIcon size={26} />,
            title: 'No deliveries yet',
            description:
              'Every event sent to an endpoint is listed here with the status code, latency and the start of the answer. Send a test event to try an endpoint.',
          }}
          noun="deliveries"
          onPageChange={filters.setPage}
          renderTable={(items, isStale) => (
            <WebhookDeliveriesTable
              deliveries={items}
              isStale={isStale}
              canResend={(delivery) =>
                delivery.status !== 'pending' && enabledIds.has(delivery.endpoint_id)
              }
              onResend={resendDelivery}
              resendingId={resend.isPending ? (resend.variables?.deliveryId ?? null) : null}
            />
          )}
        />

        <WebhookSettingsCard />
      </div>

      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing?.step === 'secret'
            ? editing.rotated
              ? 'New signing secret'
              : 'Endpoint added'
            : editing?.step === 'edit'
              ? 'Edit endpoint'
              : 'Add webhook endpoint'
        }
        description={
          editing?.step === 'create'
            ? 'Events are POSTed as JSON, signed with a secret shown once after you add the endpoint.'
            : undefined
        }
        size="lg"
        // The secret is on screen: only the explicit button closes it.
        dismissible={editing?.step !== 'secret'}
      >
        {editing?.step === 'create' ? (
          <WebhookEndpointForm
            onCancel={() => setEditing(null)}
            onCreated={(endpoint) => setEditing({ step: 'secret', endpoint, rotated: false })}
          />
        ) : editing?.step === 'edit' ? (
          <WebhookEndpointForm
            endpoint={editing.endpoint}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              toast.success('Endpoint saved', saved.url);
              setEditing(null);
            }}
          />
        ) : editing?.step === 'secret' ? (
          <WebhookSecret
            endpoint={editing.endpoint}
            rotated={editing.rotated}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={confirming !== null}
        onClose={closeConfirm}
        title={
          confirming
            ? {
                disable: `Disable ${endpointName(confirming.endpoint)}?`,
                rotate: `Rotate the secret of ${endpointName(confirming.endpoint)}?`,
                delete: `Delete ${endpointName(confirming.endpoint)}?`,
              }[confirming.action]
            : ''
        }
        confirmLabel={
          confirming
            ? { disable: 'Disable', rotate: 'Rotate secret', delete: 'Delete endpoint' }[
                confirming.action
              ]
            : ''
        }
        tone={confirming?.action === 'delete' ? 'danger' : 'primary'}
        isPending={update.isPending || rotate.isPending || remove.isPending}
        onConfirm={confirm}
        error={
          confirmError ? (
            <>
              <strong>Nothing was changed.</strong> {describeError(confirmError)}
            </>
          ) : null
        }
      >
        {confirming?.action === 'disable' ? (
          <p>
            No new events are recorded for it while it is disabled. Deliveries already waiting are
            kept and go out, in order, once it is enabled again.
          </p>
        ) : confirming?.action === 'rotate' ? (
          <p>
            A new secret is generated and shown once. For 24 hours deliveries carry signatures made
            with both the old and the new secret, so the receiver can switch over.
          </p>
        ) : confirming?.action === 'delete' ? (
          <p>
            The endpoint and its delivery history are removed, waiting deliveries included. This
            cannot be undone.
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
