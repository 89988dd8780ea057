import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WebhookHeader } from '@nextpanel/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { SecretBox } from '../common/crypto/secret-box';
import { returnedRows } from '../common/database/returned-rows';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { backoffDelayMs } from '../jobs/backoff';
import { DeferJob } from '../jobs/job-errors';
import { JobQueue } from '../jobs/job-queue.service';
import { MailService } from '../mail/mail.service';
import { DELIVER_WEBHOOKS_QUEUE, IntegrationEvents } from './integration-events.service';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEvent } from './webhook-event.entity';
import { webhookEndpointAuditSnapshot } from './webhook.mapper';
import { sendWebhook, WebhookAttempt } from './webhook-sender';
import { WebhookSettings } from './webhook-settings.service';
import { webhookSignatureHeader } from './webhook-signature';
import { webhookTargetProblem } from './webhook-target-policy';

const SYSTEM_ACTOR = { type: 'system' as const, id: null, label: DELIVER_WEBHOOKS_QUEUE };

/**
 * The `webhooks.deliver` job: one per endpoint at a time (`webhook_endpoints.delivery_job_id`).
 * It sends the endpoint's oldest pending delivery; on success it hands over to a fresh job for
 * the next one (or stands down when there is none); on failure it waits (exponential backoff,
 * without spending the job's own attempts) and tries the same delivery again, so later events
 * wait behind it. A delivery still failing after WEBHOOKS_MAX_ATTEMPTS attempts or
 * WEBHOOKS_RETRY_WINDOW_MS is given up: it is marked failed, the endpoint disabled and the
 * admins emailed.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnModuleInit {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly events: IntegrationEvents,
    private readonly secretBox: SecretBox,
    private readonly settings: WebhookSettings,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DELIVER_WEBHOOKS_QUEUE, {
      run: (payload, context) => this.deliverNext(Number(payload.endpoint_id), context.job.id),
      // Our own errors (not the receiver's) used up the job: stand down, so the next event, an
      // enable or a resend starts a fresh job; the pending deliveries wait for it.
      onFailed: async (payload, _error, job) => {
        await this.dataSource.query(
          `UPDATE webhook_endpoints SET delivery_job_id = NULL WHERE id = $1 AND delivery_job_id = $2`,
          [Number(payload.endpoint_id), job.id],
        );
      },
    });
  }

  async deliverNext(endpointId: number, jobId: string): Promise<void> {
    // Only the job in charge sends; a stray one (an old job retried by hand) takes over only
    // an endpoint nobody is in charge of.
    const adopted = returnedRows(
      await this.dataSource.query(
        `UPDATE webhook_endpoints SET delivery_job_id = $2
         WHERE id = $1 AND (delivery_job_id = $2 OR delivery_job_id IS NULL) RETURNING id`,
        [endpointId, jobId],
      ),
    );
    if (adopted.length === 0) return;
    const endpoint = await this.dataSource
      .getRepository(WebhookEndpoint)
      .findOneByOrFail({ id: endpointId });
    const delivery = endpoint.enabled
      ? await this.dataSource
          .getRepository(WebhookDelivery)
          .findOne({ where: { endpointId, status: 'pending' }, order: { id: 'ASC' } })
      : null;
    if (!delivery) return this.handOver(endpointId, jobId);
    const event = await this.dataSource
      .getRepository(WebhookEvent)
      .findOneByOrFail({ id: delivery.eventId });

    const startedAt = new Date();
    let secrets: string[];
    try {
      secrets = this.signingSecrets(endpoint, startedAt);
    } catch {
      return this.giveUp(endpoint, delivery, event, jobId, startedAt, {
        ok: false,
        status: null,
        latencyMs: null,
        excerpt: null,
        error:
          'The signing secret cannot be decrypted (was ENCRYPTION_KEY changed?); rotate the secret',
      });
    }
    const attempt = await this.attempt(endpoint, delivery, event, secrets, startedAt);
    if (attempt.ok) return this.succeeded(endpointId, delivery, attempt, jobId, startedAt);

    const attempts = delivery.attempts + 1;
    const firstAttemptAt = delivery.firstAttemptAt ?? startedAt;
    const { maxAttempts, retryWindowMs, retryBaseMs, retryMaxMs } = this.config.webhooks;
    if (attempts >= maxAttempts || Date.now() - firstAttemptAt.getTime() >= retryWindowMs)
      return this.giveUp(endpoint, delivery, event, jobId, startedAt, attempt);

    const delayMs = backoffDelayMs(attempts, retryBaseMs, retryMaxMs);
    await this.dataSource.transaction(async (manager) => {
      await this.recordAttempt(manager, delivery, attempt, startedAt, {
        status: 'pending',
        nextAttemptAt: new Date(Date.now() + delayMs),
      });
      await manager.query(
        `UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1 WHERE id = $1`,
        [endpointId],
      );
    });
    this.logger.warn(
      {
        endpointId,
        deliveryId: delivery.id,
        attempt: attempts,
        retryInMs: delayMs,
        reason: attempt.error,
      },
      'Webhook delivery failed; it will be retried',
    );
    // Waiting is not our failure: the job keeps its own attempts for errors of ours.
    throw new DeferJob(
      `Delivery ${delivery.id} (${event.type}) to endpoint ${endpoint.id}: ${attempt.error}; attempt ${attempts + 1} in ${Math.ceil(delayMs / 1000)} s`,
      delayMs,
    );
  }

  /** The current secret, and the previous one while a rotation's overlap lasts. */
  private signingSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
    const secrets = [this.secretBox.open(endpoint.secretSealed)];
    if (
      endpoint.previousSecretSealed &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > now
    )
      secrets.push(this.secretBox.open(endpoint.previousSecretSealed));
    return secrets;
  }

  private async attempt(
    endpoint: WebhookEndpoint,
    delivery: WebhookDelivery,
    event: WebhookEvent,
    secrets: string[],
    startedAt: Date,
  ): Promise<WebhookAttempt> {
    const { allow_private_targets: allowPrivateTargets } = await this.settings.read();
    // Again at every delivery: the name may resolve elsewhere than when the endpoint was saved.
    const refused = allowPrivateTargets ? null : await webhookTargetProblem(endpoint.url);
    if (refused)
      return {
        ok: false,
        status: null,
        latencyMs: null,
        excerpt: null,
        error: `Not sent: ${refused}`,
      };
    const timestamp = Math.floor(startedAt.getTime() / 1000);
    return sendWebhook({
      url: endpoint.url,
      body: event.payload,
      headers: {
        [WebhookHeader.Signature]: webhookSignatureHeader(secrets, timestamp, event.payload),
        [WebhookHeader.EventId]: event.id,
        [WebhookHeader.EventType]: event.type,
        [WebhookHeader.DeliveryId]: delivery.id,
      },
      timeoutMs: this.config.webhooks.timeoutMs,
      allowPrivateTargets,
    });
  }

  private async succeeded(
    endpointId: number,
    delivery: WebhookDelivery,
    attempt: WebhookAttempt,
    jobId: string,
    startedAt: Date,
  ): Promise<void> {
    await this.handOver(endpointId, jobId, async (manager) => {
      await this.recordAttempt(manager, delivery, attempt, startedAt, {
        status: 'succeeded',
        nextAttemptAt: null,
      });
      await manager.query(
        `UPDATE webhook_endpoints SET consecutive_failures = 0, last_delivery_at = $2 WHERE id = $1`,
        [endpointId, new Date()],
      );
    });
    this.logger.log(
      { endpointId, deliveryId: delivery.id, status: attempt.status, latencyMs: attempt.latencyMs },
      'Webhook delivered',
    );
  }

  /**
   * Under the endpoint's lock (which publishers share until they commit, so nothing they add is
   * missed): a fresh job for the next pending delivery, or none when nothing is left to send.
   */
  private async handOver(
    endpointId: number,
    jobId: string,
    first?: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [endpoint]: Array<{ enabled: boolean; delivery_job_id: string | null }> =
        await manager.query(
          `SELECT enabled, delivery_job_id FROM webhook_endpoints WHERE id = $1 FOR UPDATE`,
          [endpointId],
        );
      await first?.(manager);
      if (!endpoint || endpoint.delivery_job_id !== jobId) return;
      const pending: unknown[] = endpoint.enabled
        ? await manager.query(
            `SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending' LIMIT 1`,
            [endpointId],
          )
        : [];
      if (pending.length > 0) await this.events.startDeliveryJob(endpointId, manager);
      else
        await manager.query(`UPDATE webhook_endpoints SET delivery_job_id = NULL WHERE id = $1`, [
          endpointId,
        ]);
    });
  }

  /** The last attempt failed for too long: fail the delivery, disable the endpoint, tell the admins. */
  private async giveUp(
    endpoint: WebhookEndpoint,
    delivery: WebhookDelivery,
    event: WebhookEvent,
    jobId: string,
    startedAt: Date,
    attempt: WebhookAttempt,
  ): Promise<void> {
    const attempts = delivery.attempts + 1;
    const since = delivery.firstAttemptAt ?? startedAt;
    const hours = Math.max(0, (Date.now() - since.getTime()) / 3_600_000);
    const reason =
      `Delivery ${delivery.id} (${event.type}) failed ${attempts} time${attempts === 1 ? '' : 's'} over ${hours < 1 ? `${Math.round(hours * 60)} min` : `${hours.toFixed(1)} h`}; last error: ${attempt.error ?? 'unknown'}`.slice(
        0,
        500,
      );
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(WebhookEndpoint, {
        where: { id: endpoint.id },
        lock: { mode: 'pessimistic_write' },
      });
      await this.recordAttempt(manager, delivery, attempt, startedAt, {
        status: 'failed',
        nextAttemptAt: null,
      });
      if (!current) return;
      await manager.query(
        `UPDATE webhook_endpoints SET enabled = false, disabled_reason = CASE WHEN enabled THEN $2 ELSE disabled_reason END,
                disabled_at = CASE WHEN enabled THEN now() ELSE disabled_at END,
                consecutive_failures = consecutive_failures + 1, updated_at = now(),
                delivery_job_id = CASE WHEN delivery_job_id = $3 THEN NULL ELSE delivery_job_id END
         WHERE id = $1`,
        [endpoint.id, reason, jobId],
      );
      if (!current.enabled) return;
      const disabled = await manager.findOneByOrFail(WebhookEndpoint, { id: endpoint.id });
      await this.audit.record(
        {
          action: 'webhook_endpoint.disable',
          entityType: 'webhook_endpoint',
          entityId: endpoint.id,
          before: webhookEndpointAuditSnapshot(current),
          after: webhookEndpointAuditSnapshot(disabled),
          actor: SYSTEM_ACTOR,
        },
        manager,
      );
      await this.mail.queue(
        manager,
        this.config.mail.adminAlertEmail,
        {
          template: 'webhook_endpoint_disabled',
          data: {
            endpointUrl: endpoint.url,
            reason,
            webhooksUrl: `${this.config.publicAppUrl}/settings/webhooks`,
          },
        },
        `webhook_endpoint_disabled:${endpoint.id}:${delivery.id}`,
      );
    });
    this.logger.error(
      { endpointId: endpoint.id, deliveryId: delivery.id, attempts, reason: attempt.error },
      'Webhook delivery given up; endpoint disabled',
    );
  }

  private async recordAttempt(
    manager: EntityManager,
    delivery: WebhookDelivery,
    attempt: WebhookAttempt,
    startedAt: Date,
    outcome: { status: 'pending' | 'succeeded' | 'failed'; nextAttemptAt: Date | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, status = $2::varchar, response_status = $3,
              latency_ms = $4, response_excerpt = $5, last_error = $6,
              first_attempt_at = COALESCE(first_attempt_at, $7::timestamptz), last_attempt_at = $7::timestamptz,
              next_attempt_at = $8, completed_at = CASE WHEN $2::varchar = 'pending' THEN NULL ELSE now() END
       WHERE id = $1`,
      [
        delivery.id,
        outcome.status,
        attempt.status,
        attempt.latencyMs,
        attempt.excerpt,
        attempt.error?.slice(0, 2000) ?? null,
        startedAt,
        outcome.nextAttemptAt,
      ],
    );
  }
}
