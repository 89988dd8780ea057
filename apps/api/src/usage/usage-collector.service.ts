import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { USAGE_METRIC_LABELS, UsageSettings } from '@nextpanel/shared';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { JobQueue } from '../jobs/job-queue.service';
import { JobScheduler } from '../jobs/job-scheduler';
import { MailService } from '../mail/mail.service';
import { PanelAccountStats, PanelClient, PanelConnection } from '../panel-client/panel-client';
import { PanelError } from '../panel-client/panel-error';
import { PanelServer } from '../servers/panel-server.entity';
import { ServersService } from '../servers/servers.service';
import { forEachBounded } from './bounded';
import {
  decideWarnings,
  formatUsage,
  LicenseQuotaRow,
  percentages,
  quotaLimit,
  quotaOf,
  UsageReading,
} from './usage-metrics';
import { UsageSettingsService } from './usage-settings.service';

export const USAGE_COLLECT_QUEUE = 'usage.collect';
/** Stats calls in flight per panel server: a panel is not hammered by its own billing system. */
const CALLS_PER_SERVER = 2;
/**
 * A server that left this many calls in a row unanswered (timeout, refused) is skipped for the
 * rest of the run, so a dead panel with 200 accounts costs 3 timeouts, not 200.
 */
const UNANSWERED_BEFORE_SKIP = 3;

interface UsageTarget extends LicenseQuotaRow {
  account_id: number;
  server_id: number;
  nextpanel_user_id: number;
  username: string;
  customer_email: string;
  customer_name: string;
}

export interface UsageCollectionSummary {
  accounts: number;
  collected: number;
  failed: number;
  /** Accounts whose customer was warned in this run. */
  warned: number;
}

type Outcome = 'collected' | 'failed' | 'warned';

/**
 * The scheduled usage collection (every `USAGE_COLLECT_INTERVAL_MS`, once across all API
 * processes). It reads each active account's stats from its panel, servers side by side
 * (`USAGE_SERVER_CONCURRENCY`) with a timeout per call, stores them as samples and warns the
 * customer when a metric crosses the threshold. A failing account or panel is recorded in
 * `account_usage_state` and never fails the run: the others are still collected.
 */
@Injectable()
export class UsageCollector implements OnModuleInit {
  private readonly logger = new Logger(UsageCollector.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly scheduler: JobScheduler,
    private readonly panel: PanelClient,
    private readonly servers: ServersService,
    private readonly mail: MailService,
    private readonly settings: UsageSettingsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(USAGE_COLLECT_QUEUE, { run: async () => void (await this.collectAll()) });
    this.scheduler.every('usage-collect', this.config.usage.collectIntervalMs, USAGE_COLLECT_QUEUE);
  }

  async collectAll(): Promise<UsageCollectionSummary> {
    const started = Date.now();
    // Stop starting calls in time to finish within the job's lease (and before the next run).
    const budgetMs =
      Math.min(this.config.usage.collectIntervalMs, this.config.jobs.leaseSeconds * 1000) -
      this.config.usage.statsTimeoutMs -
      1000;
    const deadline = started + Math.max(this.config.usage.statsTimeoutMs, budgetMs);

    const targets: UsageTarget[] = await this.dataSource.query(
      `SELECT a.id AS account_id, a.server_id, a.nextpanel_user_id, a.username,
              u.email AS customer_email, u.full_name AS customer_name,
              l.id AS license_id, l.max_disk_gb, l.max_databases, l.max_domains, l.max_email_accounts
       FROM hosting_accounts a
       JOIN panel_servers s ON s.id = a.server_id AND s.is_active AND s.is_online
       JOIN users u ON u.id = a.customer_id
       LEFT JOIN licenses l ON l.id = a.license_id
       WHERE a.status = 'active' AND a.nextpanel_user_id IS NOT NULL
       ORDER BY a.server_id, a.id`,
    );
    const summary: UsageCollectionSummary = {
      accounts: targets.length,
      collected: 0,
      failed: 0,
      warned: 0,
    };
    if (targets.length === 0) return summary;

    const settings = await this.settings.read();
    const byServer = new Map<number, UsageTarget[]>();
    for (const target of targets) {
      byServer.set(target.server_id, [...(byServer.get(target.server_id) ?? []), target]);
    }
    const servers = await this.dataSource
      .getRepository(PanelServer)
      .findBy({ id: In([...byServer.keys()]) });

    await forEachBounded(servers, this.config.usage.serverConcurrency, async (server) => {
      const outcomes = await this.collectServer(
        server,
        byServer.get(server.id) ?? [],
        settings,
        deadline,
      );
      for (const outcome of outcomes) {
        if (outcome === 'failed') summary.failed += 1;
        else summary.collected += 1;
        if (outcome === 'warned') summary.warned += 1;
      }
    });
    this.logger.log({ ...summary, ms: Date.now() - started }, 'Usage collected');
    return summary;
  }

  private async collectServer(
    server: PanelServer,
    targets: UsageTarget[],
    settings: UsageSettings,
    deadline: number,
  ): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let connection: PanelConnection;
    try {
      connection = this.servers.connectionOf(server);
    } catch {
      for (const target of targets) {
        await this.recordFailure(target, 'the server’s API secret could not be decrypted');
        outcomes.push('failed');
      }
      return outcomes;
    }
    let unanswered = 0;
    let skipReason: string | null = null;
    await forEachBounded(targets, CALLS_PER_SERVER, async (target) => {
      if (skipReason === null && Date.now() > deadline)
        skipReason = 'not read: the collection run ran out of time';
      if (skipReason !== null) {
        await this.recordFailure(target, skipReason);
        outcomes.push('failed');
        return;
      }
      let stats: PanelAccountStats;
      try {
        stats = await this.panel.accountStats(
          connection,
          target.nextpanel_user_id,
          this.config.usage.statsTimeoutMs,
        );
        unanswered = 0;
      } catch (error) {
        const reason = error instanceof PanelError ? error.message : 'the stats call failed';
        if (
          error instanceof PanelError &&
          (error.kind === 'timeout' || error.kind === 'unreachable')
        ) {
          unanswered += 1;
          if (unanswered >= UNANSWERED_BEFORE_SKIP && skipReason === null) {
            skipReason = `skipped: ${server.name} left ${UNANSWERED_BEFORE_SKIP} calls in a row unanswered (${reason})`;
          }
        }
        await this.recordFailure(target, `${server.name} ${reason}`);
        outcomes.push('failed');
        return;
      }
      outcomes.push(await this.recordSample(target, stats, settings));
    });
    return outcomes;
  }

  /** Stores the sample, and warns the customer about metrics that just crossed the threshold. */
  private async recordSample(
    target: UsageTarget,
    stats: PanelAccountStats,
    settings: UsageSettings,
  ): Promise<Outcome> {
    const reading: UsageReading = {
      disk: finite(stats.storage_used),
      databases: Math.trunc(finite(stats.total_databases)),
      domains: Math.trunc(finite(stats.total_domains)),
      email_accounts: Math.trunc(finite(stats.total_email_accounts)),
    };
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [sample]: Array<{ id: string }> = await manager.query(
          `INSERT INTO account_usage_samples (account_id, disk_used_mb, databases, domains, email_accounts, ssl_certificates)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [
            target.account_id,
            reading.disk,
            reading.databases,
            reading.domains,
            reading.email_accounts,
            Math.trunc(finite(stats.total_ssl_certificates)),
          ],
        );
        await manager.query(
          `INSERT INTO account_usage_state (account_id, last_attempt_at, last_success_at, last_error, consecutive_failures)
           VALUES ($1, now(), now(), NULL, 0)
           ON CONFLICT (account_id) DO UPDATE SET last_attempt_at = now(), last_success_at = now(),
             last_error = NULL, consecutive_failures = 0`,
          [target.account_id],
        );

        const quota = quotaOf(target);
        if (quota === null) {
          // No license (any more): nothing to warn about, and nothing remembered.
          await manager.query(`DELETE FROM account_usage_warnings WHERE account_id = $1`, [
            target.account_id,
          ]);
          return 'collected';
        }
        const percent = percentages(reading, quota);
        const decision = decideWarnings(percent, settings);
        if (decision.cleared.length > 0) {
          await manager.query(
            `DELETE FROM account_usage_warnings WHERE account_id = $1 AND metric = ANY($2)`,
            [target.account_id, decision.cleared],
          );
        }
        if (decision.above.length === 0) return 'collected';
        // The primary key (account, metric) is the "already warned" memory: only the insert that
        // creates the row warns, however many runs (or overlapping runs) see the metric above.
        const crossed: Array<{ metric: keyof typeof percent }> = await manager.query(
          `INSERT INTO account_usage_warnings (account_id, metric, percent)
           SELECT $1, metric, percent FROM unnest($2::varchar[], $3::float8[]) AS t(metric, percent)
           ON CONFLICT (account_id, metric) DO NOTHING RETURNING metric`,
          [target.account_id, decision.above, decision.above.map((metric) => percent[metric])],
        );
        if (crossed.length === 0) return 'collected';
        // In the sample's transaction, keyed by the sample: a retry after a crash cannot send twice.
        await this.mail.queue(
          manager,
          target.customer_email,
          {
            template: 'usage_warning',
            data: {
              fullName: target.customer_name,
              username: target.username,
              thresholdPercent: settings.warning_percent,
              metrics: crossed.map(({ metric }) => ({
                label: USAGE_METRIC_LABELS[metric],
                used: formatUsage(metric, reading[metric]),
                limit: formatUsage(metric, quotaLimit(quota, metric)),
                percent: percent[metric],
              })),
              accountUrl: `${this.config.publicAppUrl}/my`,
            },
          },
          `usage_warning:${target.account_id}:${sample.id}`,
        );
        return 'warned';
      });
    } catch (error) {
      // E.g. the account was deleted meanwhile; the rest of the run goes on.
      this.logger.warn(
        { err: error, accountId: target.account_id },
        'Storing a usage sample failed',
      );
      return 'failed';
    }
  }

  private async recordFailure(target: UsageTarget, reason: string): Promise<void> {
    try {
      await this.dataSource.query(
        `INSERT INTO account_usage_state (account_id, last_attempt_at, last_error, consecutive_failures)
         VALUES ($1, now(), $2, 1)
         ON CONFLICT (account_id) DO UPDATE SET last_attempt_at = now(), last_error = $2,
           consecutive_failures = account_usage_state.consecutive_failures + 1`,
        [target.account_id, reason.slice(0, 1000)],
      );
    } catch (error) {
      this.logger.warn(
        { err: error, accountId: target.account_id },
        'Recording a usage collection failure failed',
      );
    }
  }
}

function finite(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
