import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { JobQueue } from './job-queue.service';

interface Schedule {
  name: string;
  queue: string;
  intervalMs: number;
}

/**
 * Recurring work without a per-process timer that doubles with two replicas: every process
 * proposes the job for the current time slot, and the slot's dedupe key lets exactly one
 * proposal in. `tick(now)` takes the time as an argument, so tests drive the clock.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly schedules: Schedule[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  every(name: string, intervalMs: number, queue: string): void {
    this.schedules.push({ name, queue, intervalMs });
  }

  /** Enqueues each schedule's job for the slot `now` falls in; returns the ids actually created. */
  async tick(now: Date = new Date()): Promise<string[]> {
    const created: string[] = [];
    for (const schedule of this.schedules) {
      const slot = Math.floor(now.getTime() / schedule.intervalMs);
      const id = await this.jobs.enqueue({
        queue: schedule.queue,
        payload: { slot, scheduled_for: new Date(slot * schedule.intervalMs).toISOString() },
        dedupeKey: `cron:${schedule.name}:${slot}`,
        maxAttempts: 1,
      });
      if (id) created.push(id);
    }
    return created;
  }

  onApplicationBootstrap(): void {
    if (
      !this.config.jobs.enabled ||
      !this.config.jobs.schedulerEnabled ||
      this.schedules.length === 0
    )
      return;
    const everyMs = Math.max(
      1000,
      Math.min(15_000, ...this.schedules.map((s) => s.intervalMs / 4)),
    );
    const run = () =>
      void this.tick().catch((error: unknown) =>
        this.logger.error({ err: error }, 'Scheduling recurring jobs failed'),
      );
    run();
    this.timer = setInterval(run, everyMs);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
