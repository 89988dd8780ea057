import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Page,
  UpdateWebhookSettingsRequest,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
  WebhookErrorCode,
  WebhookSettingsResponse,
} from '@nextpanel/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { SecretBox } from '../common/crypto/secret-box';
import { conflict, DomainException, notFound } from '../common/errors/domain.exception';
import { pageWindow, toPage } from '../common/pagination/page.dto';
import {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryListQueryDto,
} from './dto/webhook.dto';
import { IntegrationEvents } from './integration-events.service';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import {
  toWebhookDeliveryResponse,
  toWebhookEndpointResponse,
  webhookEndpointAuditSnapshot,
} from './webhook.mapper';
import { WebhookSettings } from './webhook-settings.service';
import { generateWebhookSecret } from './webhook-signature';
import { webhookTargetProblem } from './webhook-target-policy';

/** After a rotation, deliveries are signed with both secrets for this long. */
const PREVIOUS_SECRET_OVERLAP_MS = 24 * 60 * 60_000;

/** Endpoints, deliveries and settings, as the dashboard manages them. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secretBox: SecretBox,
    private readonly events: IntegrationEvents,
    private readonly settings: WebhookSettings,
    private readonly audit: AuditLog,
  ) {}

  async listEndpoints(): Promise<WebhookEndpointResponse[]> {
    const endpoints = await this.dataSource
      .getRepository(WebhookEndpoint)
      .find({ order: { id: 'ASC' } });
    const pending = await this.pendingCounts(endpoints.map((endpoint) => endpoint.id));
    return endpoints.map((endpoint) =>
      toWebhookEndpointResponse(endpoint, pending.get(endpoint.id) ?? 0),
    );
  }

  async getEndpoint(id: number): Promise<WebhookEndpointResponse> {
    return this.endpointResponse(await this.findEndpoint(this.dataSource.manager, id));
  }

  /** Answers with the new secret: the one time it is shown. */
  async createEndpoint(
    request: CreateWebhookEndpointDto,
  ): Promise<WebhookEndpointWithSecretResponse> {
    await this.assertTargetAllowed(request.url);
    const secret = generateWebhookSecret();
    const created = await this.dataSource.transaction(async (manager) => {
      const enabled = request.enabled ?? true;
      const endpoint = await manager.save(
        manager.create(WebhookEndpoint, {
          url: request.url,
          description: request.description ?? null,
          eventTypes: request.event_types,
          secretSealed: this.secretBox.seal(secret),
          previousSecretSealed: null,
          previousSecretExpiresAt: null,
          enabled,
          disabledReason: enabled ? null : 'Created disabled',
          disabledAt: enabled ? null : new Date(),
          consecutiveFailures: 0,
          deliveryJobId: null,
          lastDeliveryAt: null,
        }),
      );
      await this.audit.record(
        {
          action: 'webhook_endpoint.create',
          entityType: 'webhook_endpoint',
          entityId: endpoint.id,
          after: webhookEndpointAuditSnapshot(endpoint),
        },
        manager,
      );
      return endpoint;
    });
    return { ...toWebhookEndpointResponse(created, 0), secret };
  }

  async updateEndpoint(
    id: number,
    request: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointResponse> {
    if (request.url !== undefined) await this.assertTargetAllowed(request.url);
    return this.change(id, 'webhook_endpoint.update', async (endpoint, manager) => {
      if (request.url !== undefined) endpoint.url = request.url;
      if (request.description !== undefined) endpoint.description = request.description;
      if (request.event_types !== undefined) endpoint.eventTypes = request.event_types;
      if (request.enabled === false && endpoint.enabled)
        this.disable(endpoint, 'Disabled by an admin');
      await manager.save(endpoint);
      if (request.enabled === true && !endpoint.enabled) await this.enable(endpoint, manager);
    });
  }

  /** Turns a disabled endpoint back on; deliveries that waited go out, oldest first. */
  async enableEndpoint(id: number): Promise<WebhookEndpointResponse> {
    return this.change(id, 'webhook_endpoint.enable', async (endpoint, manager) => {
      if (!endpoint.enabled) await this.enable(endpoint, manager);
    });
  }

  async deleteEndpoint(id: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.findEndpoint(manager, id, true);
      // Its deliveries go with it (ON DELETE CASCADE); a job still queued for it finds nothing.
      await manager.delete(WebhookEndpoint, { id });
      await this.audit.record(
        {
          action: 'webhook_endpoint.delete',
          entityType: 'webhook_endpoint',
          entityId: id,
          before: webhookEndpointAuditSnapshot(endpoint),
        },
        manager,
      );
    });
  }

  /**
   * A new secret, shown once. The previous one keeps signing too (a second `v1=`) for a day, so
   * the receiver can switch over without refusing deliveries in between.
   */
  async rotateSecret(id: number): Promise<WebhookEndpointWithSecretResponse> {
    const secret = generateWebhookSecret();
    const rotated = await this.change(
      id,
      'webhook_endpoint.rotate_secret',
      async (endpoint, manager) => {
        endpoint.previousSecretSealed = endpoint.secretSealed;
        endpoint.previousSecretExpiresAt = new Date(Date.now() + PREVIOUS_SECRET_OVERLAP_MS);
        endpoint.secretSealed = this.secretBox.seal(secret);
        await manager.save(endpoint);
      },
    );
    return { ...rotated, secret };
  }

  /** Sends the `ping` test event to this endpoint (after whatever is already waiting for it). */
  async ping(id: number): Promise<WebhookDeliveryResponse> {
    const deliveryId = await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.findEndpoint(manager, id, true);
      this.assertEnabled(endpoint);
      const eventId = await this.events.ping(id, manager);
      return this.deliveryIdOf(manager, id, eventId);
    });
    return this.getDelivery(deliveryId);
  }

  async listDeliveries(query: WebhookDeliveryListQueryDto): Promise<Page<WebhookDeliveryResponse>> {
    const window = pageWindow(query);
    const builder = this.deliveries()
      .orderBy('delivery.id', 'DESC')
      .skip(window.offset)
      .take(window.pageSize);
    if (query.endpoint_id !== undefined)
      builder.andWhere('delivery.endpoint_id = :endpointId', { endpointId: query.endpoint_id });
    if (query.status !== undefined)
      builder.andWhere('delivery.status = :status', { status: query.status });
    if (query.event_type !== undefined)
      builder.andWhere('event.type = :eventType', { eventType: query.event_type });
    const [items, total] = await builder.getManyAndCount();
    return toPage(items.map(toWebhookDeliveryResponse), total, window);
  }

  async getDelivery(id: string): Promise<WebhookDeliveryResponse> {
    const delivery = await this.deliveries().where('delivery.id = :id', { id }).getOne();
    if (!delivery) throw notFound('Delivery');
    return toWebhookDeliveryResponse(delivery);
  }

  /**
   * Sends a finished delivery's event again, as a new delivery with the same event id (receivers
   * dedupe on it). It joins the end of the endpoint's queue.
   */
  async resend(id: string): Promise<WebhookDeliveryResponse> {
    const original = await this.dataSource.getRepository(WebhookDelivery).findOneBy({ id });
    if (!original) throw notFound('Delivery');
    if (original.status === 'pending')
      throw conflict(
        'This delivery is still pending: it is sent (or retried) on its own',
        WebhookErrorCode.DeliveryPending,
      );
    const resentId = await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.findEndpoint(manager, original.endpointId, true);
      this.assertEnabled(endpoint);
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO webhook_deliveries (endpoint_id, event_id, resent_from_id) VALUES ($1, $2, $3) RETURNING id`,
        [original.endpointId, original.eventId, original.id],
      );
      await this.events.wake(original.endpointId, manager);
      await this.audit.record(
        {
          action: 'webhook_delivery.resend',
          entityType: 'webhook_delivery',
          entityId: row.id,
          after: {
            resent_from_id: original.id,
            endpoint_id: original.endpointId,
            event_id: original.eventId,
          },
        },
        manager,
      );
      return String(row.id);
    });
    return this.getDelivery(resentId);
  }

  readSettings(): Promise<WebhookSettingsResponse> {
    return this.settings.read();
  }

  updateSettings(changes: UpdateWebhookSettingsRequest): Promise<WebhookSettingsResponse> {
    return this.settings.update(changes);
  }

  /** Refuses a URL on a non-public address unless the setting allows private targets. */
  private async assertTargetAllowed(url: string): Promise<void> {
    if ((await this.settings.read()).allow_private_targets) return;
    const problem = await webhookTargetProblem(url);
    if (problem)
      throw new DomainException(HttpStatus.BAD_REQUEST, WebhookErrorCode.UrlNotAllowed, problem, [
        { field: 'url', message: problem },
      ]);
  }

  private assertEnabled(endpoint: WebhookEndpoint): void {
    if (!endpoint.enabled)
      throw conflict(
        'The endpoint is disabled; enable it first',
        WebhookErrorCode.EndpointDisabled,
      );
  }

  private disable(endpoint: WebhookEndpoint, reason: string): void {
    endpoint.enabled = false;
    endpoint.disabledReason = reason;
    endpoint.disabledAt = new Date();
  }

  private async enable(endpoint: WebhookEndpoint, manager: EntityManager): Promise<void> {
    endpoint.enabled = true;
    endpoint.disabledReason = null;
    endpoint.disabledAt = null;
    endpoint.consecutiveFailures = 0;
    await manager.save(endpoint);
    const [waiting]: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'`,
      [endpoint.id],
    );
    if (waiting.n === 0) return;
    await this.events.wake(endpoint.id, manager);
    // A job that was waiting out a retry delay tries again now.
    await manager.query(
      `UPDATE jobs SET run_at = now() WHERE id = (SELECT delivery_job_id FROM webhook_endpoints WHERE id = $1)
         AND status = 'queued' AND run_at > now()`,
      [endpoint.id],
    );
  }

  /** Locks the endpoint, applies `work`, audits before and after, answers with the result. */
  private async change(
    id: number,
    action: string,
    work: (endpoint: WebhookEndpoint, manager: EntityManager) => Promise<void>,
  ): Promise<WebhookEndpointResponse> {
    const changed = await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.findEndpoint(manager, id, true);
      const before = webhookEndpointAuditSnapshot(endpoint);
      await work(endpoint, manager);
      const after = await manager.findOneByOrFail(WebhookEndpoint, { id });
      await this.audit.record(
        {
          action,
          entityType: 'webhook_endpoint',
          entityId: id,
          before,
          after: webhookEndpointAuditSnapshot(after),
        },
        manager,
      );
      return after;
    });
    return this.endpointResponse(changed);
  }

  private async findEndpoint(
    manager: EntityManager,
    id: number,
    lock = false,
  ): Promise<WebhookEndpoint> {
    const endpoint = await manager.findOne(WebhookEndpoint, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!endpoint) throw notFound('Webhook endpoint');
    return endpoint;
  }

  private async endpointResponse(endpoint: WebhookEndpoint): Promise<WebhookEndpointResponse> {
    const pending = await this.pendingCounts([endpoint.id]);
    return toWebhookEndpointResponse(endpoint, pending.get(endpoint.id) ?? 0);
  }

  private async pendingCounts(endpointIds: number[]): Promise<Map<number, number>> {
    if (endpointIds.length === 0) return new Map();
    const rows: Array<{ endpoint_id: number; n: number }> = await this.dataSource.query(
      `SELECT endpoint_id, count(*)::int AS n FROM webhook_deliveries
       WHERE status = 'pending' AND endpoint_id = ANY($1) GROUP BY endpoint_id`,
      [endpointIds],
    );
    return new Map(rows.map((row) => [row.endpoint_id, row.n]));
  }

  private async deliveryIdOf(
    manager: EntityManager,
    endpointId: number,
    eventId: string,
  ): Promise<string> {
    const [row]: Array<{ id: string }> = await manager.query(
      `SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 AND event_id = $2 ORDER BY id DESC LIMIT 1`,
      [endpointId, eventId],
    );
    return String(row.id);
  }

  /** Deliveries with the endpoint's URL and the event's type, never the secret or the payload. */
  private deliveries() {
    return this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('delivery')
      .innerJoin('delivery.endpoint', 'endpoint')
      .addSelect(['endpoint.id', 'endpoint.url'])
      .innerJoin('delivery.event', 'event')
      .addSelect(['event.id', 'event.type']);
  }
}
