import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  WEBHOOK_PING_EVENT,
  WebhookDeliveryEventType,
  WebhookEventDataMap,
  WebhookEventEnvelope,
  WebhookEventType,
} from '@nextpanel/shared';
import { EntityManager } from 'typeorm';
import { returnedRows } from '../common/database/returned-rows';
import { JobQueue } from '../jobs/job-queue.service';
import { HostingAccount } from '../provisioning/hosting-account.entity';
import { toHostingAccountSummary } from '../provisioning/hosting-account.mapper';

export const DELIVER_WEBHOOKS_QUEUE = 'webhooks.deliver';
/** For errors of our own (a database outage mid-delivery); failed receivers are retried by the handler. */
const DELIVERY_JOB_MAX_ATTEMPTS = 5;
/** `delivery_job_id` while the job that will hold it is being enqueued, inside one transaction. */
const CLAIMING = '0';

export type AccountEventType = Extract<WebhookEventType, `account.${string}`>;

/**
 * The publishing side of webhooks, for the rest of the code:
 *
 * ```ts
 * await this.events.publish('customer.created', toCustomerResponse(user), manager);
 * await this.events.publishAccountEvent('account.suspended', account.id, manager);
 * ```
 *
 * Call it inside the transaction that makes the change: the event, one delivery per enabled
 * endpoint subscribed to its type, and the endpoint's delivery job are written with the change, so
 * an event exists exactly when the change it reports was committed (a rollback takes it back).
 */
@Injectable()
export class IntegrationEvents {
  constructor(private readonly jobs: JobQueue) {}

  /** Returns the event's id, or null when no enabled endpoint subscribes to `type`. */
  async publish<T extends WebhookEventType>(
    type: T,
    data: WebhookEventDataMap[T],
    manager: EntityManager,
  ): Promise<string | null> {
    const endpointIds = await this.subscribers(type, manager);
    if (endpointIds.length === 0) return null;
    return this.record(type, data, endpointIds, manager);
  }

  /**
   * An `account.*` event about one hosting account, its data (the account summary, as
   * `GET /nextpanel/accounts/{id}` shows it) read inside the caller's transaction, so it shows the
   * change being made. Nothing is read when no endpoint subscribes.
   */
  async publishAccountEvent(
    type: AccountEventType,
    accountId: number,
    manager: EntityManager,
  ): Promise<string | null> {
    const endpointIds = await this.subscribers(type, manager);
    if (endpointIds.length === 0) return null;
    const account = await manager
      .createQueryBuilder(HostingAccount, 'account')
      .innerJoin('account.server', 'server')
      .addSelect(['server.id', 'server.name', 'server.baseUrl'])
      .where('account.id = :accountId', { accountId })
      .getOneOrFail();
    return this.record(
      type,
      toHostingAccountSummary(account, account.server!),
      endpointIds,
      manager,
    );
  }

  /**
   * The enabled endpoints subscribed to `type`, KEY SHARE-locked until the caller's transaction
   * ends: a delivery job's "anything left to send?" check (under FOR UPDATE) waits for it, so it
   * cannot miss a delivery added here.
   */
  private async subscribers(type: WebhookEventType, manager: EntityManager): Promise<number[]> {
    const endpoints: Array<{ id: number }> = await manager.query(
      `SELECT id FROM webhook_endpoints WHERE enabled AND $1 = ANY(event_types) ORDER BY id FOR KEY SHARE`,
      [type],
    );
    return endpoints.map((endpoint) => endpoint.id);
  }

  /** The dashboard's test event, to one endpoint (locked by the caller). */
  ping(endpointId: number, manager: EntityManager): Promise<string> {
    return this.record(
      WEBHOOK_PING_EVENT,
      {
        endpoint_id: endpointId,
        message: 'A test event sent from the NextPanel Billing dashboard',
      },
      [endpointId],
      manager,
    );
  }

  /**
   * Makes sure one delivery job is queued for the endpoint, unless one already is (it then sends
   * what was added, in order). Needs the endpoint row at least KEY SHARE-locked by the caller.
   */
  async wake(endpointId: number, manager: EntityManager): Promise<void> {
    const claimed = returnedRows(
      await manager.query(
        `UPDATE webhook_endpoints SET delivery_job_id = $2
         WHERE id = $1 AND enabled AND delivery_job_id IS NULL RETURNING id`,
        [endpointId, CLAIMING],
      ),
    );
    if (claimed.length > 0) await this.startDeliveryJob(endpointId, manager);
  }

  /** Enqueues the endpoint's next delivery job and makes it the one in charge. */
  async startDeliveryJob(endpointId: number, manager: EntityManager): Promise<void> {
    const jobId = await this.jobs.enqueue(
      {
        queue: DELIVER_WEBHOOKS_QUEUE,
        payload: { endpoint_id: endpointId },
        maxAttempts: DELIVERY_JOB_MAX_ATTEMPTS,
      },
      manager,
    );
    await manager.query(`UPDATE webhook_endpoints SET delivery_job_id = $2 WHERE id = $1`, [
      endpointId,
      jobId,
    ]);
  }

  private async record<T extends WebhookDeliveryEventType>(
    type: T,
    data: WebhookEventDataMap[T],
    endpointIds: number[],
    manager: EntityManager,
  ): Promise<string> {
    const envelope: WebhookEventEnvelope<T> = {
      id: randomUUID(),
      type,
      created_at: new Date().toISOString(),
      data,
    };
    await manager.query(
      `INSERT INTO webhook_events (id, type, payload, created_at) VALUES ($1, $2, $3, $4)`,
      [envelope.id, type, JSON.stringify(envelope), envelope.created_at],
    );
    await manager.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_id)
       SELECT endpoint_id, $2 FROM unnest($1::int[]) AS endpoint_id ORDER BY endpoint_id`,
      [endpointIds, envelope.id],
    );
    for (const endpointId of endpointIds) await this.wake(endpointId, manager);
    return envelope.id;
  }
}
