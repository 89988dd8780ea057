import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { JobResponse, Page } from '@nextpanel/shared';
import { Repository } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { conflict, notFound } from '../common/errors/domain.exception';
import { pageWindow, toPage } from '../common/pagination/page.dto';
import { JobListQueryDto } from './dto/job.dto';
import { Job } from './job.entity';
import { JobQueue } from './job-queue.service';

@Injectable()
export class JobsService {
  constructor(
    @InjectRepository(Job) private readonly jobs: Repository<Job>,
    private readonly queue: JobQueue,
    private readonly audit: AuditLog,
  ) {}

  async list(query: JobListQueryDto): Promise<Page<JobResponse>> {
    const window = pageWindow(query);
    const builder = this.jobs
      .createQueryBuilder('job')
      .orderBy('job.updated_at', 'DESC')
      .addOrderBy('job.id', 'DESC');
    if (query.status) builder.andWhere('job.status = :status', { status: query.status });
    if (query.queue) builder.andWhere('job.queue = :queue', { queue: query.queue });
    const [items, total] = await builder
      .skip(window.offset)
      .take(window.pageSize)
      .getManyAndCount();
    return toPage(items.map(toJobResponse), total, window);
  }

  async retry(id: string): Promise<JobResponse> {
    return this.jobs.manager.transaction(async (manager) => {
      const job = await manager.findOne(Job, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!job) throw notFound('Job');
      const retried = await this.queue.retry(id, manager);
      if (!retried)
        throw conflict(
          `A ${job.status} job cannot be retried; only failed or cancelled ones`,
          'JOB_NOT_RETRYABLE',
        );
      await this.audit.record(
        {
          action: 'job.retry',
          entityType: 'job',
          entityId: id,
          before: jobAuditSnapshot(job),
          after: jobAuditSnapshot(retried),
        },
        manager,
      );
      return toJobResponse(retried);
    });
  }
}

/** Without the payload: it may carry what a job needs (a new account's details), not history. */
function jobAuditSnapshot(job: Job) {
  return {
    id: job.id,
    queue: job.queue,
    status: job.status,
    attempts: job.attempts,
    max_attempts: job.maxAttempts,
    last_error: job.lastError,
    run_at: job.runAt.toISOString(),
    finished_at: job.finishedAt?.toISOString() ?? null,
  };
}

export function toJobResponse(job: Job): JobResponse {
  return {
    id: job.id,
    queue: job.queue,
    payload: job.payload,
    status: job.status,
    attempts: job.attempts,
    max_attempts: job.maxAttempts,
    last_error: job.lastError,
    run_at: job.runAt.toISOString(),
    finished_at: job.finishedAt?.toISOString() ?? null,
    created_at: job.createdAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
  };
}
