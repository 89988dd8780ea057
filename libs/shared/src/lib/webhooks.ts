import { CustomerResponse } from './customers';
import { LicenseResponse } from './licenses';
import { PaymentResponse } from './orders';
import { HostingAccountSummary } from './provisioning';
import { ServerResponse } from './servers';

/**
 * Signed outgoing webhooks: admins register endpoints, and every event an endpoint subscribes to
 * is POSTed to it as `{id, type, created_at, data}`, signed with the endpoint's secret. The recipe
 * is in `docs/webhooks.md`.
 */

/** Every event an endpoint can subscribe to, in the order the dashboard lists them. */
export const WEBHOOK_EVENT_TYPES = [
  'customer.created',
  'license.created',
  'account.provisioned',
  'account.failed',
  'account.suspended',
  'account.unsuspended',
  'account.terminated',
  'payment.succeeded',
  'payment.failed',
  'server.down',
  'server.up',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (value: unknown): value is WebhookEventType =>
  typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

/** The test event an admin sends from the dashboard; only ever to the one endpoint asked. */
export const WEBHOOK_PING_EVENT = 'ping';
export type WebhookDeliveryEventType = WebhookEventType | typeof WEBHOOK_PING_EVENT;

/** What the dashboard says each event means. */
export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'customer.created': 'A customer was added by an admin or signed up on the storefront',
  'license.created': 'A license was sold by an admin or issued for a paid order',
  'account.provisioned': 'A hosting account was created on its panel and is active',
  'account.failed': 'Creating a hosting account on its panel failed',
  'account.suspended': 'A hosting account was suspended',
  'account.unsuspended': 'A suspended hosting account is active again',
  'account.terminated': 'A hosting account was terminated',
  'payment.succeeded': 'A payment was received (checkout, renewal or marked paid)',
  'payment.failed': 'A renewal payment failed',
  'server.down': 'A panel server failed its health checks and is offline',
  'server.up': 'An offline panel server answers again',
};

/** A panel server as `server.down` / `server.up` report it: the fields of ServerResponse that matter. */
export type WebhookServerData = Pick<
  ServerResponse,
  | 'id'
  | 'name'
  | 'base_url'
  | 'location'
  | 'is_active'
  | 'is_online'
  | 'capacity'
  | 'last_checked_at'
  | 'last_error'
> & { consecutive_failures: number; response_time_ms: number | null };

/** The `data` of each event: the same snake_case shapes the REST API answers with. */
export interface WebhookEventDataMap {
  'customer.created': CustomerResponse;
  'license.created': LicenseResponse;
  'account.provisioned': HostingAccountSummary;
  'account.failed': HostingAccountSummary;
  'account.suspended': HostingAccountSummary;
  'account.unsuspended': HostingAccountSummary;
  'account.terminated': HostingAccountSummary;
  'payment.succeeded': PaymentResponse;
  'payment.failed': PaymentResponse;
  'server.down': WebhookServerData;
  'server.up': WebhookServerData;
  ping: { endpoint_id: number; message: string };
}

/** The body of every delivery. `id` stays the same across retries and resends: dedupe on it. */
export interface WebhookEventEnvelope<
  T extends WebhookDeliveryEventType = WebhookDeliveryEventType,
> {
  id: string;
  type: T;
  created_at: string;
  data: WebhookEventDataMap[T];
}

/** Request headers of every delivery (HTTP header names are case-insensitive). */
export const WebhookHeader = {
  /** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (a second `v1` after a rotation). */
  Signature: 'NextPanel-Signature',
  /** The event's id (also the body's `id`): the same for every retry and resend. */
  EventId: 'NextPanel-Event-Id',
  EventType: 'NextPanel-Event-Type',
  /** This delivery's id: a resend is a new delivery of the same event. */
  DeliveryId: 'NextPanel-Delivery-Id',
} as const;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
/** `pending`: not sent yet or being retried; `failed`: given up after its last attempt. */
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const WebhookErrorCode = {
  /** 400: the URL is not http(s), or it points at a private, loopback or otherwise non-public address. */
  UrlNotAllowed: 'WEBHOOK_URL_NOT_ALLOWED',
  /** 409: the endpoint is disabled; enable it first. */
  EndpointDisabled: 'WEBHOOK_ENDPOINT_DISABLED',
  /** 409: the delivery is still pending; it is sent (or retried) on its own. */
  DeliveryPending: 'WEBHOOK_DELIVERY_PENDING',
} as const;
export type WebhookErrorCode = (typeof WebhookErrorCode)[keyof typeof WebhookErrorCode];

/** POST /api/v1/webhooks/endpoints */
export interface CreateWebhookEndpointRequest {
  url: string;
  description?: string | null;
  event_types: WebhookEventType[];
  /** Default true. */
  enabled?: boolean;
}

/** PATCH /api/v1/webhooks/endpoints/{id} */
export type UpdateWebhookEndpointRequest = Partial<CreateWebhookEndpointRequest>;

/** One endpoint as lists show it: never its secret. */
export interface WebhookEndpointResponse {
  id: number;
  url: string;
  description: string | null;
  event_types: WebhookEventType[];
  enabled: boolean;
  /** Why it was disabled (by an admin, or after its deliveries kept failing). */
  disabled_reason: string | null;
  disabled_at: string | null;
  /** Failed attempts in a row; back to 0 at the next success. */
  consecutive_failures: number;
  pending_deliveries: number;
  last_delivery_at: string | null;
  /** Until then deliveries also carry a signature made with the previous secret. */
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The answer to creating an endpoint or rotating its secret: the only time the secret is shown. */
export interface WebhookEndpointWithSecretResponse extends WebhookEndpointResponse {
  secret: string;
}

/** One delivery of one event to one endpoint, with what the last attempt got back. */
export interface WebhookDeliveryResponse {
  id: string;
  endpoint_id: number;
  endpoint_url: string;
  event_id: string;
  event_type: WebhookDeliveryEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** The last attempt's HTTP status; null when it got no answer (refused, timed out). */
  response_status: number | null;
  latency_ms: number | null;
  /** The first kilobyte of the last answer's body. */
  response_excerpt: string | null;
  /** Why the last attempt failed, when it did. */
  last_error: string | null;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  /** Set on a resend: the delivery it repeats. */
  resent_from_id: string | null;
  created_at: string;
  completed_at: string | null;
}

/** GET /api/v1/webhooks/deliveries */
export interface WebhookDeliveryListQuery {
  page?: number;
  page_size?: number;
  endpoint_id?: number;
  status?: WebhookDeliveryStatus;
  event_type?: WebhookDeliveryEventType;
}

/** GET/PATCH /api/v1/webhooks/settings (setting group `webhooks`). */
export interface WebhookSettingsResponse {
  /**
   * Lets endpoints point at private, loopback and link-local addresses (an internal receiver).
   * Off by default: a webhook URL must not become a way into the internal network.
   */
  allow_private_targets: boolean;
}

export type UpdateWebhookSettingsRequest = WebhookSettingsResponse;
