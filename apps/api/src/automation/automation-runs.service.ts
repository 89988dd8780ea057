import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AutomationErrorCode,
  AutomationItemKind,
  AutomationItemOutcome,
  AutomationRunDetailResponse,
  AutomationRunItemResponse,
  AutomationRunResponse,
  Page,
} from '@nextpanel/shared';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { conflict, notFound } from '../common/errors/domain.exception';
import { pageWindow, toPage } from '../common/pagination/page.dto';
import { JobQueue } from '../jobs/job-queue.service';
import { currentActorName } from '../provisioning/account-lifecycle.service';
import { AutomationRun } from './automation-run.entity';
import { AutomationSettingsService } from './automation-settings.service';
import { AUTOMATION_RUN_QUEUE } from './billing-automation.service';
import { AutomationRunListQueryDto } from './dto/automation.dto';

/** Makes concurrent "Run now" requests take turns between checking for an open run and adding one. */
const RUN_REQUEST_LOCK_KEY = '7464270001';

interface ItemRow {
  id: string;
  kind: AutomationItemKind;
  outcome: AutomationItemOutcome;
  license_id: number | null;
  license_key: string | null;
  account_id: number | null;
  account_username: string | null;
  subscription_id: number | null;
  customer_id: number | null;
  customer_email: string | null;
  detail: string | null;
  action_id: string | null;
  action_status: string | null;
  action_error: string | null;
  created_at: Date;
}

/** The Automation page's data: the runs, what each did, and "Run now". */
@Injectable()
export class AutomationRunsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly settings: AutomationSettingsService,
    private readonly audit: AuditLog,
  ) {}

  async list(query: AutomationRunListQueryDto): Promise<Page<AutomationRunResponse>> {
    const window = pageWindow(query);
    const builder = this.dataSource
      .getRepository(AutomationRun)
      .createQueryBuilder('run')
      .orderBy('run.id', 'DESC')
      .skip(window.offset)
      .take(window.pageSize);
    if (query.status) builder.andWhere('run.status = :status', { status: query.status });
    if (query.trigger) builder.andWhere('run.trigger = :trigger', { trigger: query.trigger });
    // Open runs have no totals yet: keep them, they are what an admin is waiting for.
    if (query.with_items)
      builder.andWhere(`(run.total_items > 0 OR run.status IN ('queued', 'running'))`);
    const [runs, total] = await builder.getManyAndCount();
    return toPage(runs.map(toRunResponse), total, window);
  }

  async get(id: string): Promise<AutomationRunDetailResponse> {
    const run = await this.dataSource.getRepository(AutomationRun).findOneBy({ id });
    if (!run) throw notFound('Automation run');
    const items: ItemRow[] = await this.dataSource.query(
      `SELECT i.id, i.kind, i.outcome, i.license_id, l.license_key, i.account_id, a.username AS account_username,
              i.subscription_id, i.customer_id, u.email AS customer_email, i.detail,
              act.id AS action_id, act.status AS action_status, act.last_error AS action_error, i.created_at
       FROM automation_run_items i
       LEFT JOIN licenses l ON l.id = i.license_id
       LEFT JOIN hosting_accounts a ON a.id = i.account_id
       LEFT JOIN users u ON u.id = i.customer_id
       LEFT JOIN account_actions act ON act.id = i.account_action_id
       WHERE i.run_id = $1
       ORDER BY i.id`,
      [id],
    );
    return { ...toRunResponse(run), items: items.map(toItemResponse) };
  }

  /**
   * Queues a run for now (answered 202; the page follows it). One at a time: refused while a run
   * is queued or running, and when the automation is switched off.
   */
  async request(): Promise<AutomationRunResponse> {
    const settings = await this.settings.read();
    if (!settings.enabled) {
      throw conflict(
        'The automation is switched off; turn it on in its settings first',
        AutomationErrorCode.Disabled,
      );
    }
    const requestedBy = currentActorName();
    const runId = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [RUN_REQUEST_LOCK_KEY]);
      // A run whose job is over but which is still open was cut short (its process died before
      // the job's failure hook could say so): close it rather than block every later request.
      await manager.query(
        `UPDATE automation_runs r SET status = 'failed', finished_at = now(),
                error = COALESCE(r.error, 'Interrupted: its job ended before the run did')
         WHERE r.status IN ('queued', 'running')
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = r.job_id AND j.status IN ('queued', 'running'))`,
      );
      const open: Array<{ id: string; status: string }> = await manager.query(
        `SELECT id, status FROM automation_runs WHERE status IN ('queued', 'running') ORDER BY id LIMIT 1`,
      );
      if (open[0]) {
        throw conflict(
          `Run #${open[0].id} is ${open[0].status}; runs go one at a time`,
          AutomationErrorCode.RunInProgress,
        );
      }
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO automation_runs (trigger, status, as_of, requested_by)
         VALUES ('manual', 'queued', now(), $1) RETURNING id`,
        [requestedBy],
      );
      const id = String(row.id);
      const jobId = await this.jobs.enqueue(
        {
          queue: AUTOMATION_RUN_QUEUE,
          payload: { run_id: id },
          dedupeKey: `automation:run:${id}`,
          maxAttempts: 1,
        },
        manager,
      );
      await manager.query(`UPDATE automation_runs SET job_id = $2 WHERE id = $1`, [id, jobId]);
      await this.audit.record(
        {
          action: 'automation.run',
          entityType: 'automation_run',
          entityId: id,
          after: { trigger: 'manual', status: 'queued' },
        },
        manager,
      );
      return id;
    });
    const run = await this.dataSource.getRepository(AutomationRun).findOneByOrFail({ id: runId });
    return toRunResponse(run);
  }
}

export function toRunResponse(run: AutomationRun): AutomationRunResponse {
  return {
    id: String(run.id),
    trigger: run.trigger,
    status: run.status,
    as_of: run.asOf.toISOString(),
    requested_by: run.requestedBy,
    started_at: run.startedAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
    duration_ms:
      run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    counts: run.counts,
    total_items: run.totalItems,
    failed_items: run.failedItems,
    skipped_items: run.skippedItems,
    error: run.error,
    created_at: run.createdAt.toISOString(),
  };
}

function toItemResponse(row: ItemRow): AutomationRunItemResponse {
  return {
    id: String(row.id),
    kind: row.kind,
    outcome: row.outcome,
    license_id: row.license_id,
    license_key: row.license_key,
    account_id: row.account_id,
    account_username: row.account_username,
    subscription_id: row.subscription_id,
    customer_id: row.customer_id,
    customer_email: row.customer_email,
    detail: row.detail,
    account_action: row.action_id
      ? {
          id: String(row.action_id),
          status: row.action_status ?? 'unknown',
          last_error: row.action_error,
        }
      : null,
    created_at: new Date(row.created_at).toISOString(),
  };
}
