import {
  AutomationItemKind,
  AutomationItemOutcome,
  AutomationRunStatus,
  AutomationTrigger,
} from '@nextpanel/shared';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../common/database/returned-rows';

export interface RunItem {
  kind: AutomationItemKind;
  outcome: AutomationItemOutcome;
  licenseId?: number | null;
  accountId?: number | null;
  subscriptionId?: number | null;
  customerId?: number | null;
  accountActionId?: string | null;
  detail?: string | null;
  /** Set only when the action was taken: the cause is then used up (see the item entity). */
  dedupeKey?: string | null;
}

/**
 * Writes one run's items as they happen, so a run that breaks off still shows what it did. A
 * payment run is created on its first item: a renewal with nothing to undo leaves no empty run.
 */
export class RunRecorder {
  private runId: string | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly lazyRun: { trigger: AutomationTrigger; asOf: Date; jobId: string } | null,
    runId: string | null = null,
  ) {
    this.runId = runId;
  }

  get id(): string | null {
    return this.runId;
  }

  /** Has this cause been acted on already (by this run or an earlier one)? */
  async used(dedupeKey: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM automation_run_items WHERE dedupe_key = $1`,
      [dedupeKey],
    );
    return rows.length > 0;
  }

  /**
   * Records the item (in the caller's transaction when given). False when its dedupe key is
   * already used: the caller must then not act (roll its transaction back or skip the work).
   */
  async record(item: RunItem, manager?: EntityManager): Promise<boolean> {
    const runId = await this.ensureRun();
    const rows: unknown[] = await (manager ?? this.dataSource.manager).query(
      `INSERT INTO automation_run_items (run_id, kind, outcome, license_id, account_id, subscription_id,
                                         customer_id, account_action_id, detail, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
      [
        runId,
        item.kind,
        item.outcome,
        item.licenseId ?? null,
        item.accountId ?? null,
        item.subscriptionId ?? null,
        item.customerId ?? null,
        item.accountActionId ?? null,
        item.detail?.slice(0, 2000) ?? null,
        item.dedupeKey ?? null,
      ],
    );
    return rows.length > 0;
  }

  private async ensureRun(): Promise<string> {
    if (this.runId) return this.runId;
    if (!this.lazyRun) throw new Error('RunRecorder has neither a run nor a way to open one');
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO automation_runs (trigger, status, as_of, job_id, started_at)
       VALUES ($1, 'running', $2, $3, now()) RETURNING id`,
      [this.lazyRun.trigger, this.lazyRun.asOf, this.lazyRun.jobId],
    );
    this.runId = String(row.id);
    return this.runId;
  }
}

/**
 * Closes a run: counts from its items, and its status. `failed` when it broke off (`error`) or
 * every item it tried failed; `partial` when some failed and others were done.
 */
export async function finishRun(
  dataSource: DataSource,
  runId: string,
  error: string | null,
): Promise<AutomationRunStatus> {
  const [row] = returnedRows<{ status: AutomationRunStatus }>(
    await dataSource.query(
      `WITH tally AS (
       SELECT count(*)::int AS total,
              count(*) FILTER (WHERE outcome = 'failed')::int AS failed,
              count(*) FILTER (WHERE outcome = 'skipped')::int AS skipped,
              count(*) FILTER (WHERE outcome IN ('done', 'queued'))::int AS acted
       FROM automation_run_items WHERE run_id = $1
     )
     UPDATE automation_runs r
     SET finished_at = now(), error = $2, total_items = tally.total, failed_items = tally.failed,
         skipped_items = tally.skipped,
         counts = (SELECT COALESCE(jsonb_object_agg(kind, n), '{}'::jsonb) FROM (
                     SELECT kind, count(*)::int AS n FROM automation_run_items
                     WHERE run_id = $1 AND outcome IN ('done', 'queued') GROUP BY kind) c),
         status = CASE
           WHEN $2::text IS NOT NULL THEN 'failed'
           WHEN tally.failed > 0 AND tally.acted = 0 AND tally.skipped = 0 THEN 'failed'
           WHEN tally.failed > 0 THEN 'partial'
           ELSE 'succeeded' END
     FROM tally
     WHERE r.id = $1
     RETURNING r.status`,
      [runId, error?.slice(0, 2000) ?? null],
    ),
  );
  return row?.status ?? 'failed';
}
