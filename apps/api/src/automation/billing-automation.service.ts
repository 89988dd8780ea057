import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AccountActionType,
  AutomationItemKind,
  AutomationSettings,
  AutomationTrigger,
  LicenseStatus,
  SuspensionKind,
} from '@nextpanel/shared';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { returnedRows } from '../common/database/returned-rows';
import { DomainException } from '../common/errors/domain.exception';
import { RequestContext } from '../common/request-context/request-context';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { DeferJob } from '../jobs/job-errors';
import { JobContext, JobQueue } from '../jobs/job-queue.service';
import { JobScheduler } from '../jobs/job-scheduler';
import { LicenseLifecycle } from '../license-lifecycle/license-lifecycle.service';
import { MailService } from '../mail/mail.service';
import { AccountActionParams, AccountLifecycle } from '../provisioning/account-lifecycle.service';
import { AutomationSettingsService } from './automation-settings.service';
import { PAYMENT_RECEIVED_QUEUE } from './payment-received';
import { finishRun, RunRecorder } from './run-recorder';

export const AUTOMATION_RUN_QUEUE = 'automation.run';
/** Actor names (`system:automation.run`) by which the automation recognises its own changes. */
const RUN_ACTOR = 'automation.run';
const PAYMENT_ACTOR = 'automation.payment-received';

/**
 * A session-level advisory lock, held on its own connection by the process running the
 * automation: a scheduled run, a manual one and a payment's reactivation never overlap (a run
 * deciding to suspend a license must not race the payment that just renewed it). It dies with
 * the connection, so a killed process never leaves it taken.
 */
const AUTOMATION_LOCK_KEY = '7464270000';
const BUSY_RETRY_MS = 30_000;
const PAYMENT_BUSY_RETRY_MS = 5_000;
/** Scheduled runs that found nothing to do are deleted after this many days. */
const KEEP_EMPTY_RUNS_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

/** Whether the license's current status was set by the automation (its latest event for it). */
const SET_BY_AUTOMATION = `COALESCE((
  SELECT e.actor FROM license_events e WHERE e.license_id = l.id AND e.to_status = l.status
  ORDER BY e.id DESC LIMIT 1) LIKE 'system:automation.%', false)`;

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

interface SubscriptionRow {
  subscription_id: number;
  current_period_end: Date;
  license_id: number;
  license_status: LicenseStatus;
  set_by_automation: boolean;
  customer_id: number;
}

interface NoticeRow extends SubscriptionRow {
  license_key: string;
  cancel_at_period_end: boolean;
  price_cents: number;
  currency: string;
  plan_name: string;
  email: string;
  full_name: string;
}

interface AccountRow {
  id: number;
  customer_id: number;
  license_id: number;
  suspension_kind: SuspensionKind | null;
}

interface RunContext {
  recorder: RunRecorder;
  asOf: Date;
  settings: AutomationSettings;
}

/**
 * The billing automation, after WHMCS's: expiry warnings and renewal reminders, suspension of
 * overdue licenses and their accounts, expiry of subscriptions that ended, optional termination
 * after a long non-payment suspension, and reactivation when the renewal is paid. It runs on the
 * job queue every AUTOMATION_INTERVAL_MS (once across all API processes) as `system:automation.run`,
 * judging dates against its time slot, so tests drive the clock. Every item it acts on is
 * recorded on its run (the Automation page) and through the lifecycle services in the audit log,
 * and each cause is used once: a warning goes once per period and threshold, and a suspension an
 * administrator lifted by hand is not imposed again for the same period.
 */
@Injectable()
export class BillingAutomation implements OnModuleInit {
  private readonly logger = new Logger(BillingAutomation.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly scheduler: JobScheduler,
    private readonly settings: AutomationSettingsService,
    private readonly licenses: LicenseLifecycle,
    private readonly accounts: AccountLifecycle,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit(): void {
    this.jobs.register(AUTOMATION_RUN_QUEUE, {
      run: (payload, context) => this.runJob(payload, context),
      onFailed: (_payload, error, job) => this.markInterrupted(job.id, error),
    });
    this.jobs.register(PAYMENT_RECEIVED_QUEUE, {
      run: (payload, context) => this.paymentReceived(Number(payload.license_id), context.job.id),
      onFailed: (_payload, error, job) => this.markInterrupted(job.id, error),
    });
    this.scheduler.every('automation', this.config.automation.intervalMs, AUTOMATION_RUN_QUEUE);
  }

  /** A scheduled slot (`scheduled_for`) or an admin's queued run (`run_id`). */
  private async runJob(payload: Record<string, unknown>, context: JobContext): Promise<void> {
    const settings = await this.settings.read();
    const queuedRunId = typeof payload.run_id === 'string' ? payload.run_id : null;
    if (!queuedRunId && !settings.enabled) return; // switched off: scheduled slots pass by
    const locked = await this.withAutomationLock(async () => {
      const run = queuedRunId
        ? await this.startQueuedRun(queuedRunId)
        : await this.startScheduledRun(payload, context.job.id);
      if (!run) return;
      if (!settings.enabled) {
        await finishRun(
          this.dataSource,
          run.id,
          'The automation was switched off before the run started',
        );
        return;
      }
      await this.execute(run.id, run.asOf, settings);
    });
    if (!locked) throw new DeferJob('Another automation run is in progress', BUSY_RETRY_MS);
  }

  private async startScheduledRun(
    payload: Record<string, unknown>,
    jobId: string,
  ): Promise<{ id: string; asOf: Date }> {
    const slot = new Date(String(payload.scheduled_for));
    const asOf = Number.isNaN(slot.getTime()) ? new Date() : slot;
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO automation_runs (trigger, status, as_of, job_id, started_at)
       VALUES ('schedule', 'running', $1, $2, now()) RETURNING id`,
      [asOf, jobId],
    );
    return { id: String(row.id), asOf };
  }

  /** A manual run judges dates against the moment it starts. */
  private async startQueuedRun(runId: string): Promise<{ id: string; asOf: Date } | null> {
    const rows = returnedRows<{ id: string; as_of: Date }>(
      await this.dataSource.query(
        `UPDATE automation_runs SET status = 'running', started_at = now(), as_of = now()
         WHERE id = $1 AND status = 'queued' RETURNING id, as_of`,
        [runId],
      ),
    );
    return rows[0] ? { id: String(rows[0].id), asOf: rows[0].as_of } : null;
  }

  /** The job died with its run open (the process was killed): say so on the run. */
  private async markInterrupted(jobId: string, error: Error): Promise<void> {
    await this.dataSource.query(
      `UPDATE automation_runs SET status = 'failed', finished_at = now(), error = COALESCE(error, $2)
       WHERE job_id = $1 AND status IN ('queued', 'running')`,
      [jobId, `Interrupted: ${error.message}`.slice(0, 2000)],
    );
  }

  /**
   * Runs every step as the automation. A failing item is recorded and the rest go on; a failing
   * step is recorded as the run's error and the other steps still run.
   */
  private async execute(runId: string, asOf: Date, settings: AutomationSettings): Promise<void> {
    const run: RunContext = {
      recorder: new RunRecorder(this.dataSource, null, runId),
      asOf,
      settings,
    };
    const errors: string[] = [];
    const step = async (name: string, work: () => Promise<void>) => {
      try {
        await work();
      } catch (error) {
        this.logger.error({ err: error, runId, step: name }, 'Automation step failed');
        errors.push(`${name}: ${messageOf(error)}`);
      }
    };
    await RequestContext.runAsSystem(RUN_ACTOR, async () => {
      if (settings.unsuspend_on_payment)
        await step('reactivating paid licenses', () => this.reactivatePaid(run));
      if (settings.expiry_warning_days.length > 0)
        await step('expiry warnings', () => this.expiryWarnings(run));
      if (settings.renewal_reminder_days > 0)
        await step('renewal reminders', () => this.renewalReminders(run));
      if (settings.suspend_enabled)
        await step('overdue suspensions', () => this.suspendOverdue(run));
      await step('expiries', () => this.expireEnded(run));
      if (settings.terminate_enabled)
        await step('terminations', () => this.terminateLongSuspended(run));
    });
    const status = await finishRun(
      this.dataSource,
      runId,
      errors.length ? errors.join('; ') : null,
    );
    await this.dataSource.query(
      `DELETE FROM automation_runs WHERE trigger = 'schedule' AND status = 'succeeded' AND total_items = 0
         AND finished_at < now() - make_interval(days => $1)`,
      [KEEP_EMPTY_RUNS_DAYS],
    );
    this.logger.log({ runId, asOf, status }, 'Automation run finished');
  }

  /**
   * A renewal was paid: reactivate the license if the automation had stopped it and lift the
   * accounts' non-payment suspensions. Waits for a run in progress rather than racing it.
   */
  private async paymentReceived(licenseId: number, jobId: string): Promise<void> {
    const settings = await this.settings.read();
    if (!settings.enabled || !settings.unsuspend_on_payment) return;
    const locked = await this.withAutomationLock(() =>
      RequestContext.runAsSystem(PAYMENT_ACTOR, async () => {
        const paid: unknown[] = await this.dataSource.query(
          `SELECT 1 FROM subscriptions WHERE license_id = $1 AND status = 'active' AND current_period_end > now()`,
          [licenseId],
        );
        // A run this job left open when its process died: the retry replaces it.
        await this.markInterrupted(jobId, new Error('the process stopped during the run'));
        if (paid.length === 0) return;
        const recorder = new RunRecorder(this.dataSource, {
          trigger: AutomationTrigger.Payment,
          asOf: new Date(),
          jobId,
        });
        try {
          await this.reactivate(recorder, licenseId, 'Payment received');
        } catch (error) {
          // Recorded on the run; the job is retried (the reactivation is idempotent).
          if (recorder.id) await finishRun(this.dataSource, recorder.id, messageOf(error));
          throw error;
        }
        if (recorder.id) await finishRun(this.dataSource, recorder.id, null);
      }),
    );
    if (!locked) throw new DeferJob('An automation run is in progress', PAYMENT_BUSY_RETRY_MS);
  }

  /** Paid licenses the automation had stopped, or whose accounts are still suspended for non-payment. */
  private async reactivatePaid(run: RunContext): Promise<void> {
    const rows: Array<{ id: number }> = await this.dataSource.query(
      `SELECT l.id FROM licenses l JOIN subscriptions s ON s.license_id = l.id
       WHERE s.status = 'active' AND s.current_period_end > $1::timestamptz
         AND ((l.status IN ('suspended', 'expired') AND ${SET_BY_AUTOMATION})
              OR (l.status = 'active' AND EXISTS (
                    SELECT 1 FROM hosting_accounts a
                    WHERE a.license_id = l.id AND a.status = 'suspended' AND a.suspension_kind = 'non_payment')))
       ORDER BY l.id`,
      [run.asOf],
    );
    for (const row of rows) {
      await this.reactivate(run.recorder, row.id, 'The renewal is paid');
    }
  }

  private async reactivate(
    recorder: RunRecorder,
    licenseId: number,
    reason: string,
  ): Promise<void> {
    const [license]: Array<{
      id: number;
      status: LicenseStatus;
      customer_id: number;
      set_by_automation: boolean;
      subscription_id: number | null;
    }> = await this.dataSource.query(
      `SELECT l.id, l.status, l.customer_id, ${SET_BY_AUTOMATION} AS set_by_automation,
              (SELECT s.id FROM subscriptions s WHERE s.license_id = l.id) AS subscription_id
       FROM licenses l WHERE l.id = $1`,
      [licenseId],
    );
    if (!license || license.status === 'cancelled') return;
    const ids = {
      licenseId,
      customerId: license.customer_id,
      subscriptionId: license.subscription_id,
    };
    const stopped = license.status === 'suspended' || license.status === 'expired';
    const accounts: AccountRow[] = await this.dataSource.query(
      `SELECT id, customer_id, license_id, suspension_kind FROM hosting_accounts
       WHERE license_id = $1 AND status = 'suspended' ORDER BY id`,
      [licenseId],
    );
    if (stopped && !license.set_by_automation) {
      // An administrator's suspension (or expiry): payment does not overrule it.
      await recorder.record({
        ...ids,
        kind: 'reactivate_license',
        outcome: 'skipped',
        detail: `The license was ${license.status} by an administrator; only an administrator reactivates it`,
      });
      return;
    }
    const unpaid = accounts.some((a) => a.suspension_kind === SuspensionKind.NonPayment);
    if (!stopped && !unpaid) return;
    if (stopped) {
      try {
        await this.licenses.change(licenseId, 'active', { reason, includeAccounts: false });
        await recorder.record({
          ...ids,
          kind: 'reactivate_license',
          outcome: 'done',
          detail: reason,
        });
      } catch (error) {
        await recorder.record({
          ...ids,
          kind: 'reactivate_license',
          outcome: 'failed',
          detail: messageOf(error),
        });
        return;
      }
    }
    for (const account of accounts) {
      if (account.suspension_kind !== SuspensionKind.NonPayment) {
        await recorder.record({
          ...ids,
          accountId: account.id,
          kind: 'unsuspend_account',
          outcome: 'skipped',
          detail: 'Suspended by an administrator; only an administrator lifts it',
        });
        continue;
      }
      await this.accountAction(
        recorder,
        'unsuspend_account',
        account,
        ids.subscriptionId,
        'unsuspend',
        {
          only_if_kind: SuspensionKind.NonPayment,
        },
      );
    }
  }

  /** 7 and 1 days (the settings') before a period that will not renew by itself ends. */
  private async expiryWarnings(run: RunContext): Promise<void> {
    const days = [...run.settings.expiry_warning_days].sort((a, b) => a - b);
    const rows = await this.notices(
      `s.status = 'active' AND (s.cancel_at_period_end OR s.stripe_subscription_id IS NULL)
       AND l.status IN ('active', 'suspended')`,
      run.asOf,
      Math.max(...days),
    );
    for (const row of rows) {
      const left = row.current_period_end.getTime() - run.asOf.getTime();
      const threshold = days.find((d) => left <= d * DAY_MS);
      if (threshold === undefined) continue;
      const reason = row.cancel_at_period_end ? 'cancelled' : 'manual';
      await this.notify(run, row, {
        kind: 'expiry_warning',
        dedupeKey: `expiry:${row.subscription_id}:${row.current_period_end.toISOString()}:${threshold}d`,
        detail: `${threshold}-day warning: the paid period ends on ${DATE.format(row.current_period_end)} (${reason === 'cancelled' ? 'cancelled at period end' : 'billed by hand'})`,
        email: {
          template: 'expiry_warning',
          data: {
            fullName: row.full_name,
            planName: row.plan_name,
            licenseKey: row.license_key,
            date: DATE.format(row.current_period_end),
            daysLeft: Math.max(1, Math.ceil(left / DAY_MS)),
            reason,
            accountUrl: `${this.config.publicAppUrl}/my`,
          },
        },
      });
    }
  }

  /** N days before Stripe renews a subscription by itself. */
  private async renewalReminders(run: RunContext): Promise<void> {
    const days = run.settings.renewal_reminder_days;
    const rows = await this.notices(
      `s.status = 'active' AND NOT s.cancel_at_period_end AND s.stripe_subscription_id IS NOT NULL
       AND l.status = 'active'`,
      run.asOf,
      days,
    );
    for (const row of rows) {
      const left = row.current_period_end.getTime() - run.asOf.getTime();
      await this.notify(run, row, {
        kind: 'renewal_reminder',
        dedupeKey: `renewal:${row.subscription_id}:${row.current_period_end.toISOString()}:${days}d`,
        detail: `Renews on ${DATE.format(row.current_period_end)}`,
        email: {
          template: 'renewal_reminder',
          data: {
            fullName: row.full_name,
            planName: row.plan_name,
            licenseKey: row.license_key,
            date: DATE.format(row.current_period_end),
            daysLeft: Math.max(1, Math.ceil(left / DAY_MS)),
            amount: `${row.currency} ${(row.price_cents / 100).toFixed(2)}`,
            accountUrl: `${this.config.publicAppUrl}/my`,
          },
        },
      });
    }
  }

  private notices(condition: string, asOf: Date, withinDays: number): Promise<NoticeRow[]> {
    return this.dataSource.query(
      `SELECT s.id AS subscription_id, s.current_period_end, s.cancel_at_period_end, s.price_cents, s.currency,
              l.id AS license_id, l.license_key, l.status AS license_status, l.customer_id,
              false AS set_by_automation, p.name AS plan_name, u.email, u.full_name
       FROM subscriptions s
       JOIN licenses l ON l.id = s.license_id
       JOIN plans p ON p.id = l.plan_id
       JOIN users u ON u.id = l.customer_id
       WHERE ${condition}
         AND s.current_period_end > $1::timestamptz AND s.current_period_end <= $1::timestamptz + make_interval(days => $2)
       ORDER BY s.current_period_end, s.id`,
      [asOf, withinDays],
    );
  }

  /** The item and its email in one transaction: both exist once per dedupe key, or neither. */
  private async notify(
    run: RunContext,
    row: NoticeRow,
    notice: {
      kind: 'expiry_warning' | 'renewal_reminder';
      dedupeKey: string;
      detail: string;
      email: Parameters<MailService['queue']>[2];
    },
  ): Promise<void> {
    const ids = {
      licenseId: row.license_id,
      subscriptionId: row.subscription_id,
      customerId: row.customer_id,
    };
    try {
      await this.dataSource.transaction(async (manager) => {
        const fresh = await run.recorder.record(
          {
            ...ids,
            kind: notice.kind,
            outcome: 'done',
            detail: notice.detail,
            dedupeKey: notice.dedupeKey,
          },
          manager,
        );
        if (!fresh) return;
        await this.mail.queue(manager, row.email, notice.email, notice.dedupeKey);
        await this.audit.record(
          {
            action: `automation.${notice.kind}`,
            entityType: 'subscription',
            entityId: row.subscription_id,
            after: {
              license_id: row.license_id,
              recipient: row.email,
              current_period_end: row.current_period_end.toISOString(),
              detail: notice.detail,
            },
          },
          manager,
        );
      });
    } catch (error) {
      await run.recorder.record({
        ...ids,
        kind: notice.kind,
        outcome: 'failed',
        detail: messageOf(error),
      });
    }
  }

  /**
   * Suspends the license and its accounts (kind `non_payment`) once the paid period ended
   * `suspend_after_days_overdue` days ago without a renewal (Stripe retrying a failed card, or a
   * subscription billed by hand). Accounts that failed before are tried again on the next run.
   */
  private async suspendOverdue(run: RunContext): Promise<void> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT s.id AS subscription_id, s.current_period_end, l.id AS license_id, l.status AS license_status,
              l.customer_id, ${SET_BY_AUTOMATION} AS set_by_automation
       FROM subscriptions s JOIN licenses l ON l.id = s.license_id
       WHERE s.status IN ('active', 'past_due') AND NOT s.cancel_at_period_end
         AND s.current_period_end <= $1::timestamptz - make_interval(days => $2)
         AND l.status IN ('active', 'suspended')
       ORDER BY s.current_period_end, s.id`,
      [run.asOf, run.settings.suspend_after_days_overdue],
    );
    for (const row of rows) {
      const cause = `overdue:${row.subscription_id}:${row.current_period_end.toISOString()}`;
      const reason = `Payment overdue: the paid period ended on ${DATE.format(row.current_period_end)} and was not renewed`;
      const ids = {
        licenseId: row.license_id,
        subscriptionId: row.subscription_id,
        customerId: row.customer_id,
      };
      if (row.license_status === 'active') {
        // Used: the automation suspended it for this period and an administrator reactivated it.
        if (await run.recorder.used(cause)) continue;
        if (!(await this.stillUnpaid(row))) continue;
        try {
          await this.licenses.change(row.license_id, 'suspended', {
            reason,
            includeAccounts: false,
          });
        } catch (error) {
          await run.recorder.record({
            ...ids,
            kind: 'suspend_license',
            outcome: 'failed',
            detail: messageOf(error),
          });
          continue;
        }
        await run.recorder.record({
          ...ids,
          kind: 'suspend_license',
          outcome: 'done',
          detail: reason,
          dedupeKey: cause,
        });
      } else if (!row.set_by_automation) {
        continue; // an administrator's suspension: not ours to extend
      }
      await this.suspendAccounts(run, row, cause, reason);
    }
  }

  /**
   * Licenses whose subscription was cancelled (or ends at period end) and whose period is over:
   * the license expires and its live accounts are suspended (kind `non_payment`, so a renewal
   * brings them back). Also covers a license Stripe's cancellation already cancelled.
   */
  private async expireEnded(run: RunContext): Promise<void> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT s.id AS subscription_id, s.current_period_end, l.id AS license_id, l.status AS license_status,
              l.customer_id, ${SET_BY_AUTOMATION} AS set_by_automation
       FROM subscriptions s JOIN licenses l ON l.id = s.license_id
       WHERE (s.status = 'cancelled' OR s.cancel_at_period_end) AND s.current_period_end <= $1::timestamptz
         AND (l.status IN ('active', 'suspended')
              OR (l.status IN ('expired', 'cancelled') AND EXISTS (
                    SELECT 1 FROM hosting_accounts a WHERE a.license_id = l.id AND a.status = 'active')))
       ORDER BY s.current_period_end, s.id`,
      [run.asOf],
    );
    for (const row of rows) {
      const cause = `expire:${row.subscription_id}:${row.current_period_end.toISOString()}`;
      const reason = `The subscription ended on ${DATE.format(row.current_period_end)} and was not renewed`;
      const ids = {
        licenseId: row.license_id,
        subscriptionId: row.subscription_id,
        customerId: row.customer_id,
      };
      if (row.license_status === 'active' || row.license_status === 'suspended') {
        if (await run.recorder.used(cause)) continue; // expired once, reactivated by an administrator
        try {
          await this.licenses.change(row.license_id, 'expired', { reason, includeAccounts: false });
        } catch (error) {
          await run.recorder.record({
            ...ids,
            kind: 'expire_license',
            outcome: 'failed',
            detail: messageOf(error),
          });
          continue;
        }
        await run.recorder.record({
          ...ids,
          kind: 'expire_license',
          outcome: 'done',
          detail: reason,
          dedupeKey: cause,
        });
      } else if (row.license_status === 'expired' && !row.set_by_automation) {
        continue;
      }
      await this.suspendAccounts(run, row, cause, reason);
    }
  }

  /** The license's active accounts, each once per cause (an administrator's unsuspension sticks). */
  private async suspendAccounts(
    run: RunContext,
    row: SubscriptionRow,
    cause: string,
    reason: string,
  ): Promise<void> {
    const accounts: AccountRow[] = await this.dataSource.query(
      `SELECT id, customer_id, license_id, suspension_kind FROM hosting_accounts
       WHERE license_id = $1 AND status = 'active' ORDER BY id`,
      [row.license_id],
    );
    for (const account of accounts) {
      const accountCause = `${cause}:account:${account.id}`;
      if (await run.recorder.used(accountCause)) continue;
      await this.accountAction(
        run.recorder,
        'suspend_account',
        account,
        row.subscription_id,
        'suspend',
        { reason, suspension_kind: SuspensionKind.NonPayment },
        accountCause,
      );
    }
  }

  /**
   * Accounts suspended for non-payment for `terminate_after_days_suspended` days whose license is
   * still unpaid: the license is cancelled and the accounts terminated. Irreversible, hence off
   * by default; an administrator's suspensions are never terminated.
   */
  private async terminateLongSuspended(run: RunContext): Promise<void> {
    const rows: Array<
      AccountRow & { license_status: LicenseStatus; subscription_id: number | null }
    > = await this.dataSource.query(
      `SELECT a.id, a.customer_id, a.license_id, a.suspension_kind, l.status AS license_status,
                s.id AS subscription_id
         FROM hosting_accounts a
         JOIN licenses l ON l.id = a.license_id
         LEFT JOIN subscriptions s ON s.license_id = l.id
         WHERE a.status = 'suspended' AND a.suspension_kind = 'non_payment'
           AND l.status IN ('suspended', 'expired', 'cancelled')
           AND NOT COALESCE(s.status = 'active' AND s.current_period_end > $1::timestamptz, false)
           AND (SELECT max(e.created_at) FROM account_events e
                WHERE e.account_id = a.id AND e.to_status = 'suspended') <= $1::timestamptz - make_interval(days => $2)
         ORDER BY a.license_id, a.id`,
      [run.asOf, run.settings.terminate_after_days_suspended],
    );
    const reason = `Unpaid and suspended for more than ${run.settings.terminate_after_days_suspended} days`;
    const cancelled = new Set<number>();
    for (const row of rows) {
      const ids = {
        licenseId: row.license_id,
        subscriptionId: row.subscription_id,
        customerId: row.customer_id,
      };
      if (row.license_status !== 'cancelled' && !cancelled.has(row.license_id)) {
        cancelled.add(row.license_id);
        try {
          await this.licenses.change(row.license_id, 'cancelled', {
            reason,
            includeAccounts: false,
          });
          await run.recorder.record({
            ...ids,
            kind: 'cancel_license',
            outcome: 'done',
            detail: reason,
          });
        } catch (error) {
          await run.recorder.record({
            ...ids,
            kind: 'cancel_license',
            outcome: 'failed',
            detail: messageOf(error),
          });
        }
      }
      await this.accountAction(
        run.recorder,
        'terminate_account',
        row,
        row.subscription_id,
        'terminate',
        {
          reason,
        },
      );
    }
  }

  /** The license's period is still the overdue one (a renewal may have landed since the query). */
  private async stillUnpaid(row: SubscriptionRow): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM subscriptions WHERE id = $1 AND current_period_end = $2 AND status IN ('active', 'past_due')`,
      [row.subscription_id, row.current_period_end],
    );
    return rows.length > 0;
  }

  /**
   * One account action through the account lifecycle (durable and retried while the panel is
   * down), recorded with its outcome: `queued` keeps the action's id so the Automation page can
   * show where it stands later.
   */
  private async accountAction(
    recorder: RunRecorder,
    kind: AutomationItemKind,
    account: AccountRow,
    subscriptionId: number | null,
    action: AccountActionType,
    params: AccountActionParams,
    dedupeKey?: string,
  ): Promise<void> {
    const ids = {
      licenseId: account.license_id,
      accountId: account.id,
      subscriptionId,
      customerId: account.customer_id,
    };
    try {
      const outcome = await this.accounts.request(account.id, action, params);
      const opened = outcome.result.action;
      await recorder.record({
        ...ids,
        kind,
        outcome: outcome.done ? 'done' : 'queued',
        accountActionId: opened?.id ?? null,
        detail: outcome.done
          ? (params.reason ?? null)
          : (opened?.last_error ?? 'Waiting for the panel; the job queue retries'),
        dedupeKey,
      });
    } catch (error) {
      const refusedForAdmin =
        error instanceof DomainException && error.code === 'SUSPENDED_BY_ADMIN';
      await recorder.record({
        ...ids,
        kind,
        outcome: refusedForAdmin ? 'skipped' : 'failed',
        detail: messageOf(error),
      });
    }
  }

  /** Runs `work` holding the automation lock; false (without running it) when another holds it. */
  private async withAutomationLock(work: () => Promise<void>): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }]: Array<{ locked: boolean }> = await runner.query(
        `SELECT pg_try_advisory_lock($1::bigint) AS locked`,
        [AUTOMATION_LOCK_KEY],
      );
      if (!locked) return false;
      try {
        await work();
      } finally {
        await runner
          .query(`SELECT pg_advisory_unlock($1::bigint)`, [AUTOMATION_LOCK_KEY])
          .catch((error: unknown) =>
            this.logger.warn({ err: error }, 'Releasing the automation lock failed'),
          );
      }
      return true;
    } finally {
      await runner.release();
    }
  }
}

function messageOf(error: unknown): string {
  if (error instanceof DomainException) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
