import {
  WebhookDeliveryEventType,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
} from '@nextpanel/shared';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** The endpoint as the API shows it: the secret (sealed or not) is simply not a field here. */
export function toWebhookEndpointResponse(
  endpoint: WebhookEndpoint,
  pendingDeliveries: number,
): WebhookEndpointResponse {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.eventTypes,
    enabled: endpoint.enabled,
    disabled_reason: endpoint.disabledReason,
    disabled_at: endpoint.disabledAt?.toISOString() ?? null,
    consecutive_failures: endpoint.consecutiveFailures,
    pending_deliveries: pendingDeliveries,
    last_delivery_at: endpoint.lastDeliveryAt?.toISOString() ?? null,
    previous_secret_expires_at:
      endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date()
        ? endpoint.previousSecretExpiresAt.toISOString()
        : null,
    created_at: endpoint.createdAt.toISOString(),
    updated_at: endpoint.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of an endpoint: its settings, never anything about the secret. */
export function webhookEndpointAuditSnapshot(endpoint: WebhookEndpoint): Record<string, unknown> {
  return {
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.eventTypes,
    enabled: endpoint.enabled,
    disabled_reason: endpoint.disabledReason,
  };
}

/** Needs the delivery loaded with its endpoint (for the URL) and its event (for the type). */
export function toWebhookDeliveryResponse(delivery: WebhookDelivery): WebhookDeliveryResponse {
  if (!delivery.endpoint || !delivery.event)
    throw new Error('toWebhookDeliveryResponse needs the delivery with its endpoint and event');
  return {
    id: delivery.id,
    endpoint_id: delivery.endpointId,
    endpoint_url: delivery.endpoint.url,
    event_id: delivery.eventId,
    event_type: delivery.event.type as WebhookDeliveryEventType,
    status: delivery.status,
    attempts: delivery.attempts,
    response_status: delivery.responseStatus,
    latency_ms: delivery.latencyMs,
    response_excerpt: delivery.responseExcerpt,
    last_error: delivery.lastError,
    last_attempt_at: delivery.lastAttemptAt?.toISOString() ?? null,
    next_attempt_at: delivery.nextAttemptAt?.toISOString() ?? null,
    resent_from_id: delivery.resentFromId,
    created_at: delivery.createdAt.toISOString(),
    completed_at: delivery.completedAt?.toISOString() ?? null,
  };
}
