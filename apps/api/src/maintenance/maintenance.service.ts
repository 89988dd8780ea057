import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RateLimitService } from '../common/rate-limit/rate-limit.service';
import { JobQueue } from '../jobs/job-queue.service';
import { JobScheduler } from '../jobs/job-scheduler';

export const MAINTENANCE_QUEUE = 'maintenance.cleanup';
const HOURLY = 60 * 60_000;
/** Finished jobs stay visible in the Provisioning queue page this long. */
const KEEP_SUCCEEDED_JOBS_DAYS = 14;

/** Hourly housekeeping so the bookkeeping tables do not grow without bound. */
@Injectable()
export class MaintenanceService implements OnModuleInit {
  private readonly logger = new Logger(MaintenanceService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly scheduler: JobScheduler,
    private readonly rateLimits: RateLimitService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(MAINTENANCE_QUEUE, { run: async () => void (await this.cleanUp()) });
    this.scheduler.every('maintenance', HOURLY, MAINTENANCE_QUEUE);
  }

  async cleanUp(): Promise<{ rateLimitBuckets: number; signatures: number; jobs: number }> {
    const rateLimitBuckets = await this.rateLimits.purgeExpired();
    const [, signatures] = await this.dataSource.query(
      `DELETE FROM license_validation_signatures WHERE expires_at < now()`,
    );
    const [, jobs] = await this.dataSource.query(
      `DELETE FROM jobs WHERE status = 'succeeded' AND finished_at < now() - make_interval(days => $1)`,
      [KEEP_SUCCEEDED_JOBS_DAYS],
    );
    const removed = { rateLimitBuckets, signatures: Number(signatures), jobs: Number(jobs) };
    this.logger.log(removed, 'Housekeeping done');
    return removed;
  }
}
