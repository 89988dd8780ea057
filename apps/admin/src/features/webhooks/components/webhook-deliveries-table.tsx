import type { WebhookDeliveryResponse, WebhookDeliveryStatus } from '@nextpanel/shared';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { SendIcon } from '@/components/ui/icons';
import {
  ACTIONS_COLUMN,
  CellActions,
  CellStack,
  Table,
  TableHead,
  type TableColumn,
} from '@/components/ui/table';
import { formatDateTime, formatRelativeTime, plural } from '@/lib/format';
import styles from './webhooks.module.css';

export const deliveryStatusLabels: Record<WebhookDeliveryStatus, string> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Failed',
};

const STATUS_TONES: Record<WebhookDeliveryStatus, BadgeTone> = {
  pending: 'warning',
  succeeded: 'success',
  failed: 'danger',
};

export const WEBHOOK_DELIVERIES_TABLE_COLUMNS: readonly TableColumn[] = [
  'Event',
  'Endpoint',
  'Status',
  'Response',
  'Created',
  ACTIONS_COLUMN,
];

export interface WebhookDeliveriesTableProps {
  deliveries: readonly WebhookDeliveryResponse[];
  isStale?: boolean;
  /** Resend is offered for finished deliveries of enabled endpoints. */
  canResend: (delivery: WebhookDeliveryResponse) => boolean;
  onResend: (delivery: WebhookDeliveryResponse) => void;
  resendingId?: string | null;
}

export function WebhookDeliveriesTable({
  deliveries,
  isStale = false,
  canResend,
  onResend,
  resendingId = null,
}: WebhookDeliveriesTableProps) {
  return (
    <Table caption="Webhook deliveries" isStale={isStale}>
      <TableHead columns={WEBHOOK_DELIVERIES_TABLE_COLUMNS} />
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td>
              <CellStack
                primary={<span className={styles.mono}>{delivery.event_type}</span>}
                secondary={
                  <span title={`Event ${delivery.event_id}`}>
                    #{delivery.id}
                    {delivery.resent_from_id ? ` · resend of #${delivery.resent_from_id}` : ''}
                  </span>
                }
              />
            </td>
            <td>
              <span className={styles.url}>{delivery.endpoint_url}</span>
            </td>
            <td>
              <div className={styles.statusCell}>
                <Badge tone={STATUS_TONES[delivery.status]}>
                  {deliveryStatusLabels[delivery.status]}
                </Badge>
                {delivery.attempts > 0 ? (
                  <span className={styles.meta}>{plural(delivery.attempts, 'attempt')}</span>
                ) : null}
                {delivery.status === 'pending' && delivery.next_attempt_at ? (
                  <span className={styles.meta} title={formatDateTime(delivery.next_attempt_at)}>
                    Next try {formatRelativeTime(delivery.next_attempt_at)}
                  </span>
                ) : null}
                {delivery.last_error && delivery.status !== 'succeeded' ? (
                  <span className={styles.error}>{delivery.last_error}</span>
                ) : null}
              </div>
            </td>
            <td>
              {delivery.attempts === 0 ? (
                <span className={styles.meta}>Not sent yet</span>
              ) : (
                <CellStack
                  primary={
                    <span className={styles.nowrap}>
                      {delivery.response_status === null
                        ? 'No answer'
                        : `HTTP ${delivery.response_status}`}
                      {delivery.latency_ms === null ? '' : ` · ${delivery.latency_ms} ms`}
                    </span>
                  }
                  secondary={
                    delivery.response_excerpt ? (
                      <span
                        className={styles.excerpt}
                        title={delivery.response_excerpt}
                        aria-label={`Response of delivery ${delivery.id}`}
                      >
                        {delivery.response_excerpt}
                      </span>
                    ) : undefined
                  }
                />
              )}
            </td>
            <td className={styles.nowrap}>
              <CellStack
                primary={formatRelativeTime(delivery.created_at)}
                secondary={formatDateTime(delivery.created_at)}
              />
            </td>
            <td>
              <CellActions>
                {canResend(delivery) ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    icon={<SendIcon size={14} />}
                    isLoading={resendingId === delivery.id}
                    onClick={() => onResend(delivery)}
                    aria-label={`Resend delivery ${delivery.id} (${delivery.event_type})`}
                  >
                    Resend
                  </Button>
                ) : null}
              </CellActions>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
