import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../common/database/returned-rows';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { backoffDelayMs } from './backoff';
import { DeferJob, PermanentJobFailure } from './job-errors';
import { Job } from './job.entity';
import { RequestContext, RequestContextStore } from '../common/request-context/request-context';

export interface EnqueueOptions {
  queue: string;
  payload?: Record<string, unknown>;
  /** A second enqueue with the same key is ignored: the work happens once per cause. */
  dedupeKey?: string;
  delayMs?: number;
  maxAttempts?: number;
}

export interface JobContext {
  job: Job;
  attempt: number;
  isLastAttempt: boolean;
}

export interface JobHandler {
  run(payload: Record<string, unknown>, context: JobContext): Promise<void>;
  /** Called once when the job has used its last attempt (or failed permanently). */
  onFailed?(payload: Record<string, unknown>, error: Error, job: Job): Promise<void>;
}

const NOTIFY_CHANNEL = 'nextpanel_jobs';

/**
 * The durable job queue: PostgreSQL table `jobs`, workers in every API process. Handlers must be
 * idempotent: a job runs at least once, and again after a crash that interrupted it.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly handlers = new Map<string, JobHandler>();
  private readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private claiming = false;
  private claimAgain = false;
  private listener: Client | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(queue: string, handler: JobHandler): void {
    if (this.handlers.has(queue))
      throw new Error(`A handler for queue "${queue}" is already registered`);
    this.handlers.set(queue, handler);
  }

  /**
   * Adds a job. Pass the transaction's EntityManager to make the job part of that transaction:
   * it then exists exactly when the change that called for it was committed.
   */
  async enqueue(
    options: EnqueueOptions,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO jobs (queue, payload, dedupe_key, run_at, max_attempts)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000), $5)
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        options.queue,
        JSON.stringify(withRequester(options.payload ?? {})),
        options.dedupeKey ?? null,
        options.delayMs ?? 0,
        options.maxAttempts ?? this.config.jobs.defaultMaxAttempts,
      ],
    );
    // NOTIFY is transactional: listeners hear it only if (and when) the enqueue commits.
    if (rows.length > 0)
      await manager.query(`SELECT pg_notify($1, $2)`, [NOTIFY_CHANNEL, options.queue]);
    return rows[0]?.id ?? null;
  }

  /**
   * Puts a failed (or cancelled) job back in the queue with a fresh set of attempts. Pass a
   * transaction's EntityManager to make the retry part of it (e.g. with its audit entry).
   */
  async retry(
    jobId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Job | null> {
    const rows = returnedRows<{ id: string }>(
      await manager.query(
        `UPDATE jobs SET status = 'queued', attempts = 0, run_at = now(), last_error = NULL, finished_at = NULL,
              locked_until = NULL, locked_by = NULL, updated_at = now()
       WHERE id = $1 AND status IN ('failed', 'cancelled') RETURNING id`,
        [jobId],
      ),
    );
    if (rows.length === 0) return null;
    await manager.query(`SELECT pg_notify($1, 'retry')`, [NOTIFY_CHANNEL]);
    return manager.getRepository(Job).findOneBy({ id: jobId });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobs.enabled) return;
    this.running = true;
    await this.listen();
    this.schedulePoll(0);
    this.logger.log(
      { workerId: this.workerId, queues: [...this.handlers.keys()] },
      'Job worker started',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.pollTimer);
    await this.listener?.end().catch(() => undefined);
    // Let running handlers finish; a handler that outlives this is picked up again after its lease.
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((r) => setTimeout(r, 10_000)),
    ]);
  }

  /** Claims and runs due jobs until none are left; exposed for tests that drive the queue by hand. */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.claim(this.config.jobs.concurrency);
      if (claimed.length === 0 && this.inFlight.size === 0) return;
      claimed.forEach((job) => this.start(job));
      await Promise.allSettled([...this.inFlight]);
    }
  }

  /**
   * Claims one specific queued, due job and runs it in this process now. A request that enqueued
   * work uses it to answer with the result at once while the queue keeps the work durable (a
   * crash or a failure leaves a job the workers retry). False when another worker has it.
   */
  async runNow(jobId: string): Promise<boolean> {
    const rows = returnedRows<Record<string, unknown>>(
      await this.dataSource.query(
        `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $2, updated_at = now(),
              locked_until = now() + make_interval(secs => $3)
         WHERE id = (SELECT id FROM jobs WHERE id = $1 AND status = 'queued' AND run_at <= now()
                     FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [jobId, this.workerId, this.config.jobs.leaseSeconds],
      ),
    );
    if (rows.length === 0) return false;
    const job = this.dataSource.getRepository(Job).create(camelCaseRow(rows[0]));
    const task = this.execute(job).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
    await task;
    return true;
  }

  private async listen(): Promise<void> {
    try {
      const listener = new Client({ connectionString: this.config.database.url });
      listener.on('error', (error) =>
        this.logger.warn({ err: error }, 'Job notification connection lost; polling only'),
      );
      listener.on('notification', () => this.schedulePoll(0));
      await listener.connect();
      await listener.query(`LISTEN ${NOTIFY_CHANNEL}`);
      this.listener = listener;
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not listen for job notifications; polling only');
    }
  }

  private schedulePoll(delayMs: number): void {
    if (!this.running) return;
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(), delayMs);
  }

  private async poll(): Promise<void> {
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = true;
    try {
      do {
        this.claimAgain = false;
        const free = this.config.jobs.concurrency - this.inFlight.size;
        if (free <= 0 || !this.running) break;
        const claimed = await this.claim(free);
        claimed.forEach((job) => this.start(job));
        if (claimed.length === free) this.claimAgain = true;
      } while (this.claimAgain && this.running);
    } catch (error) {
      this.logger.error({ err: error }, 'Claiming jobs failed');
    } finally {
      this.claiming = false;
      this.schedulePoll(this.config.jobs.pollIntervalMs);
    }
  }

  private async claim(limit: number): Promise<Job[]> {
    const queues = [...this.handlers.keys()];
    if (queues.length === 0 || limit <= 0) return [];
    const rows = returnedRows<Record<string, unknown>>(
      await this.dataSource.query(
        `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $3, updated_at = now(),
              locked_until = now() + make_interval(secs => $4)
       WHERE id IN (
         SELECT id FROM jobs
         WHERE queue = ANY($1)
           AND ((status = 'queued' AND run_at <= now()) OR (status = 'running' AND locked_until < now()))
         ORDER BY run_at, id
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
        [queues, limit, this.workerId, this.config.jobs.leaseSeconds],
      ),
    );
    return rows.map((row) => this.dataSource.getRepository(Job).create(camelCaseRow(row)));
  }

  private start(job: Job): void {
    const task = this.execute(job).finally(() => {
      this.inFlight.delete(task);
      this.schedulePoll(0);
    });
    this.inFlight.add(task);
  }

  private async execute(job: Job): Promise<void> {
    const handler = this.handlers.get(job.queue);
    if (!handler) return;
    const context: JobContext = {
      job,
      attempt: job.attempts,
      isLastAttempt: job.attempts >= job.maxAttempts,
    };
    try {
      if (job.attempts > job.maxAttempts)
        throw new PermanentJobFailure(job.lastError ?? 'Out of attempts');
      await runAsRequester(job, () => handler.run(job.payload, context));
      await this.finish(job, 'succeeded', null);
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      if (error instanceof DeferJob) {
        await this.dataSource.query(
          `UPDATE jobs SET status = 'queued', attempts = attempts - 1, last_error = $2, locked_until = NULL, locked_by = NULL,
                  run_at = now() + make_interval(secs => $3::double precision / 1000), updated_at = now()
           WHERE id = $1 AND locked_by = $4`,
          [job.id, error.reason, error.delayMs, this.workerId],
        );
        return;
      }
      const permanent = error instanceof PermanentJobFailure;
      if (permanent || job.attempts >= job.maxAttempts) {
        this.logger.error(
          { jobId: job.id, queue: job.queue, attempts: job.attempts, reason: error.message },
          'Job failed',
        );
        // The hook runs before the job is marked failed: if the process dies in between, the job
        // is claimed again, fails again at once and the (idempotent) hook runs again; never zero times.
        await runAsRequester(job, async () => handler.onFailed?.(job.payload, error, job)).catch(
          (hookError: unknown) =>
            this.logger.error({ err: hookError, jobId: job.id }, 'Job failure hook failed'),
        );
        await this.finish(job, 'failed', error.message);
        return;
      }
      const delayMs = backoffDelayMs(
        job.attempts,
        this.config.jobs.retryBaseMs,
        this.config.jobs.retryMaxMs,
      );
      this.logger.warn(
        {
          jobId: job.id,
          queue: job.queue,
          attempt: job.attempts,
          retryInMs: delayMs,
          reason: error.message,
        },
        'Job will be retried',
      );
      await this.dataSource.query(
        `UPDATE jobs SET status = 'queued', last_error = $2, locked_until = NULL, locked_by = NULL,
                run_at = now() + make_interval(secs => $3::double precision / 1000), updated_at = now()
         WHERE id = $1 AND locked_by = $4`,
        [job.id, error.message.slice(0, 2000), delayMs, this.workerId],
      );
    }
  }

  private async finish(
    job: Job,
    status: 'succeeded' | 'failed',
    lastError: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET status = $2, last_error = $3, finished_at = now(), locked_until = NULL, updated_at = now()
       WHERE id = $1 AND locked_by = $4`,
      [job.id, status, lastError?.slice(0, 2000) ?? null, this.workerId],
    );
  }
}

function camelCaseRow(row: Record<string, unknown>): Partial<Job> {
  return {
    id: String(row.id),
    queue: row.queue as string,
    payload: row.payload as Record<string, unknown>,
    status: row.status as Job['status'],
    attempts: row.attempts as number,
    maxAttempts: row.max_attempts as number,
    runAt: row.run_at as Date,
    lockedUntil: row.locked_until as Date | null,
    lockedBy: row.locked_by as string | null,
    lastError: row.last_error as string | null,
    dedupeKey: row.dedupe_key as string | null,
    finishedAt: row.finished_at as Date | null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

const REQUESTER_FIELD = '_requested_by';

/**
 * A job enqueued during a request or another job remembers who asked for it, so what the job
 * changes is audited as that admin's action (from their IP), or the automation's, rather than as
 * an anonymous run of the job's own queue.
 */
function withRequester(payload: Record<string, unknown>): Record<string, unknown> {
  const context = RequestContext.current();
  if (!context?.actor || REQUESTER_FIELD in payload) return payload;
  return {
    ...payload,
    [REQUESTER_FIELD]: { ...context.actor, ip: context.ip, request_id: context.requestId },
  };
}

function runAsRequester<T>(job: Job, work: () => Promise<T>): Promise<T> {
  const requester = job.payload[REQUESTER_FIELD] as
    | (NonNullable<RequestContextStore['actor']> & { ip: string | null; request_id: string | null })
    | undefined;
  if (!requester) return RequestContext.runAsSystem(job.queue, work);
  return RequestContext.run(
    {
      ip: requester.ip,
      requestId: requester.request_id,
      actor: { type: requester.type, id: requester.id, label: requester.label },
    },
    work,
  );
}
