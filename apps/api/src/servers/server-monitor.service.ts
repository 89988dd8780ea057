import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { JobQueue } from '../jobs/job-queue.service';
import { JobScheduler } from '../jobs/job-scheduler';
import { MailService } from '../mail/mail.service';
import { PanelClient } from '../panel-client/panel-client';
import { PanelError } from '../panel-client/panel-error';
import { IntegrationEvents } from '../webhooks/integration-events.service';
import { PanelServer } from './panel-server.entity';
import { utilisationPercent } from './server-metrics';
import { ServersService } from './servers.service';

export const SERVER_HEALTH_QUEUE = 'servers.health-check';
const CHECK_TIMEOUT_MS = 5000;
/** Failed checks in a row before a server counts as offline: one lost packet should not page anyone. */
const FAILURES_BEFORE_OFFLINE = 2;

export interface HealthCheckOutcome {
  serverId: number;
  online: boolean;
  wentDown: boolean;
  cameBack: boolean;
  capacityAlert: boolean;
}

/**
 * The scheduled health check of every active panel server (once a minute by default, once across
 * all API processes). It records response time and failures in a row, marks a server offline at
 * the second failure so server selection skips it, and emails the admins when a server goes down,
 * comes back, or crosses the capacity threshold — once per change, not once per check.
 */
@Injectable()
export class ServerMonitor implements OnModuleInit {
  private readonly logger = new Logger(ServerMonitor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly scheduler: JobScheduler,
    private readonly panel: PanelClient,
    private readonly servers: ServersService,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
    private readonly events: IntegrationEvents,
  ) {}

  onModuleInit(): void {
    this.jobs.register(SERVER_HEALTH_QUEUE, { run: async () => void (await this.checkAll()) });
    this.scheduler.every(
      'server-health',
      this.config.monitoring.healthCheckIntervalMs,
      SERVER_HEALTH_QUEUE,
    );
  }

  async checkAll(): Promise<HealthCheckOutcome[]> {
    // `liveAccounts` is the trigger-kept counter, loaded with the row.
    const servers = await this.dataSource
      .getRepository(PanelServer)
      .find({ where: { isActive: true }, order: { id: 'ASC' } });
    return Promise.all(servers.map((server) => this.check(server, server.liveAccounts)));
  }

  private async check(server: PanelServer, liveAccounts: number): Promise<HealthCheckOutcome> {
    const started = performance.now();
    let error: string | null = null;
    try {
      await this.panel.health(this.servers.connectionOf(server), CHECK_TIMEOUT_MS);
    } catch (caught) {
      error = caught instanceof PanelError ? caught.message : 'health check failed';
    }
    const responseTimeMs = error ? null : Math.round(performance.now() - started);
    const failures = error ? server.consecutiveFailures + 1 : 0;
    const online = error ? server.isOnline && failures < FAILURES_BEFORE_OFFLINE : true;
    const wentDown = server.isOnline && !online;
    const cameBack = !server.isOnline && online;
    const utilisation = utilisationPercent(liveAccounts, server.capacity);
    const overThreshold = utilisation >= this.config.monitoring.capacityAlertPercent;
    const capacityAlert = overThreshold && !server.capacityAlerted;

    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE panel_servers SET is_online = $2, last_checked_at = now(), last_error = $3, response_time_ms = $4,
                consecutive_failures = $5, capacity_alerted = $6
         WHERE id = $1`,
        [server.id, online, error, responseTimeMs, failures, overThreshold],
      );
      const data = {
        serverName: server.name,
        serverUrl: server.baseUrl,
        serversUrl: `${this.config.publicAppUrl}/servers`,
      };
      const at = new Date().toISOString();
      if (wentDown || cameBack) {
        await this.audit.record(
          {
            action: wentDown ? 'server.offline' : 'server.online',
            entityType: 'server',
            entityId: server.id,
            before: {
              is_online: server.isOnline,
              consecutive_failures: server.consecutiveFailures,
              last_error: server.lastError,
            },
            after: { is_online: online, consecutive_failures: failures, last_error: error },
            // The monitor's own decision, even when an admin's request queued the check.
            actor: { type: 'system', id: null, label: SERVER_HEALTH_QUEUE },
          },
          manager,
        );
        await this.events.publish(
          wentDown ? 'server.down' : 'server.up',
          {
            id: server.id,
            name: server.name,
            base_url: server.baseUrl,
            location: server.location,
            is_active: server.isActive,
            is_online: online,
            capacity: server.capacity,
            last_checked_at: at,
            last_error: error,
            consecutive_failures: failures,
            response_time_ms: responseTimeMs,
          },
          manager,
        );
      }
      if (wentDown) {
        await this.mail.queue(
          manager,
          this.config.mail.adminAlertEmail,
          {
            template: 'server_down',
            data: {
              ...data,
              detail: `Last error: ${error}. New accounts skip it until it is back.`,
            },
          },
          `server_down:${server.id}:${at}`,
        );
      }
      if (cameBack) {
        await this.mail.queue(
          manager,
          this.config.mail.adminAlertEmail,
          {
            template: 'server_up',
            data: { ...data, detail: `It answered in ${responseTimeMs} ms.` },
          },
          `server_up:${server.id}:${at}`,
        );
      }
      if (capacityAlert) {
        await this.mail.queue(
          manager,
          this.config.mail.adminAlertEmail,
          {
            template: 'capacity_alert',
            data: {
              ...data,
              detail: `${liveAccounts} of ${server.capacity} slots are used (${utilisation}%). Add a server or raise its capacity.`,
            },
          },
          `capacity_alert:${server.id}:${at}`,
        );
      }
    });
    if (wentDown || cameBack)
      this.logger.warn(
        { serverId: server.id, online, error },
        wentDown ? 'Panel server went down' : 'Panel server is back',
      );
    return { serverId: server.id, online, wentDown, cameBack, capacityAlert };
  }
}
