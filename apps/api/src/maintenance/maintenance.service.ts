import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RateLimitService } from '../common/rate-limit/rate-limit.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { JobQueue } from '../jobs/job-queue.service';
import { JobScheduler } from '../jobs/job-scheduler';

export const MAINTENANCE_QUEUE = 'maintenance.cleanup';
const HOURLY = 60 * 60_000;
/** Finished jobs stay visible in the Provisioning queue page this long. */
const KEEP_SUCCEEDED_JOBS_DAYS = 14;
/** Webhook events whose deliveries are all settled stay re-sendable from the dashboard this long. */
const KEEP_WEBHOOK_EVENTS_DAYS = 30;

/** Hourly housekeeping so the bookkeeping tables do not grow without bound. */
@Injectable()
export class MaintenanceService implements OnModuleInit {
  private readonly logger = new Logger(MaintenanceService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly scheduler: JobScheduler,
    private readonly rateLimits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(MAINTENANCE_QUEUE, { run: async () => void (await this.cleanUp()) });
    this.scheduler.every('maintenance', HOURLY, MAINTENANCE_QUEUE);
  }

  async cleanUp(): Promise<{
    rateLimitBuckets: number;
    signatures: number;
    jobs: number;
    usageSamples: number;
    idempotencyKeys: number;
    webhookEvents: number;
  }> {
    const rateLimitBuckets = await this.rateLimits.purgeExpired();
    const [, signatures] = await this.dataSource.query(
      `DELETE FROM license_validation_signatures WHERE expires_at < now()`,
    );
    const [, jobs] = await this.dataSource.query(
      `DELETE FROM jobs WHERE status = 'succeeded' AND finished_at < now() - make_interval(days => $1)`,
      [KEEP_SUCCEEDED_JOBS_DAYS],
    );
    const [, usageSamples] = await this.dataSource.query(
      `DELETE FROM account_usage_samples WHERE sampled_at < now() - make_interval(days => $1)`,
      [this.config.usage.retentionDays],
    );
    // Keys past their 24 h, unless a request still holds one (its lease is live).
    const [, idempotencyKeys] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE expires_at < now() AND (state = 'completed' OR locked_until < now())`,
    );
    // An event goes with its deliveries (cascade), never while one of them is still pending.
    const [, webhookEvents] = await this.dataSource.query(
      `DELETE FROM webhook_events e
       WHERE e.created_at < now() - make_interval(days => $1)
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')`,
      [KEEP_WEBHOOK_EVENTS_DAYS],
    );
    const removed = {
      rateLimitBuckets,
      signatures: Number(signatures),
      jobs: Number(jobs),
      usageSamples: Number(usageSamples),
      idempotencyKeys: Number(idempotencyKeys),
      webhookEvents: Number(webhookEvents),
    };
    this.logger.log(removed, 'Housekeeping done');
    return removed;
  }
}
