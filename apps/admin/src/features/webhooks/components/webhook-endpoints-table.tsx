import type { WebhookEndpointResponse } from '@nextpanel/shared';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  PauseIcon,
  PencilIcon,
  PlayIcon,
  RefreshIcon,
  SendIcon,
  TrashIcon,
} from '@/components/ui/icons';
import { CellActions, CellStack, Table } from '@/components/ui/table';
import { formatDateTime, formatRelativeTime, plural } from '@/lib/format';
import styles from './webhooks.module.css';

export type EndpointAction = 'ping' | 'edit' | 'disable' | 'enable' | 'rotate' | 'delete';

export interface WebhookEndpointsTableProps {
  endpoints: readonly WebhookEndpointResponse[];
  onAction: (action: EndpointAction, endpoint: WebhookEndpointResponse) => void;
  /** The endpoint a quick action (test, enable, disable) is running for. */
  busyId?: number | null;
}

export function WebhookEndpointsTable({
  endpoints,
  onAction,
  busyId = null,
}: WebhookEndpointsTableProps) {
  return (
    <Table caption="Webhook endpoints">
      <thead>
        <tr>
          <th scope="col">Endpoint</th>
          <th scope="col">Events</th>
          <th scope="col">Status</th>
          <th scope="col">Deliveries</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {endpoints.map((endpoint) => {
          const name = endpoint.description ?? endpoint.url;
          return (
            <tr key={endpoint.id}>
              <td>
                <CellStack
                  primary={<span className={styles.url}>{endpoint.url}</span>}
                  secondary={endpoint.description ?? undefined}
                />
              </td>
              <td>
                <ul className={styles.events} aria-label={`Events of ${name}`}>
                  {endpoint.event_types.map((type) => (
                    <li key={type} className={styles.eventTag}>
                      {type}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <div className={styles.statusCell}>
                  {endpoint.enabled ? (
                    <Badge tone="success">Enabled</Badge>
                  ) : (
                    <Badge tone="danger">Disabled</Badge>
                  )}
                  {!endpoint.enabled && endpoint.disabled_reason ? (
                    <span className={styles.error}>{endpoint.disabled_reason}</span>
                  ) : null}
                  {endpoint.enabled && endpoint.consecutive_failures > 0 ? (
                    <span className={styles.error}>
                      {plural(endpoint.consecutive_failures, 'failed attempt')} in a row
                    </span>
                  ) : null}
                </div>
              </td>
              <td className={styles.nowrap}>
                <CellStack
                  primary={
                    endpoint.pending_deliveries > 0
                      ? `${endpoint.pending_deliveries} waiting`
                      : 'None waiting'
                  }
                  secondary={
                    endpoint.last_delivery_at ? (
                      <span title={formatDateTime(endpoint.last_delivery_at)}>
                        Last delivered {formatRelativeTime(endpoint.last_delivery_at)}
                      </span>
                    ) : (
                      'Nothing delivered yet'
                    )
                  }
                />
              </td>
              <td>
                <CellActions>
                  {endpoint.enabled ? (
                    <>
                      <Button
                        size="sm"
                        variant="secondary"
                        icon={<SendIcon size={14} />}
                        isLoading={busyId === endpoint.id}
                        onClick={() => onAction('ping', endpoint)}
                        aria-label={`Send a test event to ${name}`}
                      >
                        Test
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        icon={<PauseIcon size={14} />}
                        onClick={() => onAction('disable', endpoint)}
                        aria-label={`Disable ${name}`}
                      >
                        Disable
                      </Button>
                    </>
                  ) : (
                    <Button
                      size="sm"
                      variant="secondary"
                      icon={<PlayIcon size={14} />}
                      isLoading={busyId === endpoint.id}
                      onClick={() => onAction('enable', endpoint)}
                      aria-label={`Enable ${name}`}
                    >
                      Enable
                    </Button>
                  )}
                  <Button
                    size="sm"
                    variant="ghost"
                    icon={<PencilIcon size={14} />}
                    onClick={() => onAction('edit', endpoint)}
                    aria-label={`Edit ${name}`}
                  >
                    Edit
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    icon={<RefreshIcon size={14} />}
                    onClick={() => onAction('rotate', endpoint)}
                    aria-label={`Rotate the secret of ${name}`}
                  >
                    Rotate secret
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    icon={<TrashIcon size={14} />}
                    onClick={() => onAction('delete', endpoint)}
                    aria-label={`Delete ${name}`}
                  >
                    Delete
                  </Button>
                </CellActions>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
