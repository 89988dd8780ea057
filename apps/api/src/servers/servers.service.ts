import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  ConnectionFailure,
  ServerResponse,
  ServerStatusResponse,
  TestServerConnectionRequest,
  TestServerConnectionResponse,
} from '@nextpanel/shared';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { SecretBox } from '../common/crypto/secret-box';
import { isoTimestampSql, readRows } from '../common/database/read-queries';
import { conflict, DomainException, notFound } from '../common/errors/domain.exception';
import { HEALTH_TIMEOUT_MS, PanelClient, PanelConnection } from '../panel-client/panel-client';
import { PanelError } from '../panel-client/panel-error';
import { CreateServerDto, UpdateServerDto } from './dto/server.dto';
import { normalisePanelBaseUrl } from './dto/panel-base-url.validator';
import { PanelServer } from './panel-server.entity';
import {
  availableSlots,
  LIVE_STATUSES_SQL,
  maskApiKey,
  utilisationPercent,
} from './server-metrics';

/** Status checks run in parallel with this budget, so one dead panel cannot slow the answer. */
const STATUS_CHECK_TIMEOUT_MS = 3000;
const CONNECTION_OK = 'Connection successful! Server is online.';

@Injectable()
export class ServersService {
  private readonly logger = new Logger(ServersService.name);

  constructor(
    @InjectRepository(PanelServer) private readonly servers: Repository<PanelServer>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly panel: PanelClient,
    private readonly secretBox: SecretBox,
    private readonly audit: AuditLog,
  ) {}

  async testConnection(
    request: TestServerConnectionRequest,
  ): Promise<TestServerConnectionResponse> {
    const url = normalisePanelBaseUrl(request.base_url);
    const started = performance.now();
    try {
      await this.panel.health(
        { baseUrl: url, apiKey: request.api_key, apiSecret: request.api_secret },
        HEALTH_TIMEOUT_MS,
      );
      return {
        success: true,
        message: CONNECTION_OK,
        url,
        latency_ms: Math.round(performance.now() - started),
      };
    } catch (error) {
      const failure = describeConnectionFailure(error);
      return {
        success: false,
        message: `Connection failed: ${url} ${failure.text}`,
        url,
        reason: failure.reason,
      };
    }
  }

  /** Read without the sealed secret; the live-account count is the trigger-kept counter. */
  async list(): Promise<ServerResponse[]> {
    const rows = await readRows<ServerRow>(this.dataSource, {
      name: 'servers_list',
      text: `SELECT ${SERVER_COLUMNS} FROM panel_servers ORDER BY id`,
    });
    return rows.map(toServerResponse);
  }

  async get(id: number): Promise<ServerResponse> {
    const [server] = await readRows<ServerRow>(
      this.dataSource,
      { name: 'server_by_id', text: `SELECT ${SERVER_COLUMNS} FROM panel_servers WHERE id = $1` },
      [id],
    );
    if (!server) throw notFound('Server');
    return toServerResponse(server);
  }

  async create(request: CreateServerDto): Promise<ServerResponse> {
    const baseUrl = normalisePanelBaseUrl(request.base_url);
    const health = await this.checkHealth({
      baseUrl,
      apiKey: request.api_key,
      apiSecret: request.api_secret,
    });
    let saved: PanelServer;
    try {
      saved = await this.dataSource.transaction(async (manager) => {
        const created = await manager.save(
          this.servers.create({
            name: request.name,
            description: request.description ?? null,
            baseUrl,
            apiKey: request.api_key,
            apiSecretEncrypted: this.secretBox.seal(request.api_secret),
            capacity: request.capacity,
            location: request.location ?? null,
            isActive: request.is_active ?? true,
            isOnline: health.online,
            lastCheckedAt: new Date(),
            lastError: health.error,
          }),
        );
        await this.audit.record(
          {
            action: 'server.create',
            entityType: 'server',
            entityId: created.id,
            after: serverAuditSnapshot(created),
          },
          manager,
        );
        return created;
      });
    } catch (error) {
      throw translateUniqueName(error);
    }
    this.logger.log({ serverId: saved.id, online: health.online }, 'Panel server added');
    return this.get(saved.id);
  }

  async update(id: number, request: UpdateServerDto): Promise<ServerResponse> {
    await this.dataSource.transaction(async (manager) => {
      const server = await manager.findOne(PanelServer, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!server) throw notFound('Server');
      const before = serverAuditSnapshot(server);
      if (request.capacity !== undefined) {
        const [{ live }] = await manager.query(
          `SELECT count(*)::int AS live FROM hosting_accounts WHERE server_id = $1 AND status IN (${LIVE_STATUSES_SQL})`,
          [id],
        );
        if (request.capacity < live) {
          throw conflict(
            `capacity cannot be below the ${live} accounts the server already holds`,
            'CAPACITY_BELOW_USAGE',
          );
        }
        server.capacity = request.capacity;
      }
      if (request.name !== undefined) server.name = request.name;
      if (request.description !== undefined) server.description = request.description;
      if (request.location !== undefined) server.location = request.location;
      if (request.is_active !== undefined) server.isActive = request.is_active;
      if (request.base_url !== undefined) server.baseUrl = normalisePanelBaseUrl(request.base_url);
      if (request.api_key !== undefined) server.apiKey = request.api_key;
      if (request.api_secret !== undefined)
        server.apiSecretEncrypted = this.secretBox.seal(request.api_secret);
      const connectionChanged = [request.base_url, request.api_key, request.api_secret].some(
        (v) => v !== undefined,
      );
      if (connectionChanged) {
        const health = await this.checkHealth(this.connectionOf(server));
        server.isOnline = health.online;
        server.lastError = health.error;
        server.lastCheckedAt = new Date();
      }
      try {
        await manager.save(server);
      } catch (error) {
        throw translateUniqueName(error);
      }
      const credentialsChanged = request.api_key !== undefined || request.api_secret !== undefined;
      const after = serverAuditSnapshot(server);
      if (credentialsChanged || JSON.stringify(before) !== JSON.stringify(after)) {
        await this.audit.record(
          {
            action: credentialsChanged
              ? 'server.rotate_credentials'
              : before.is_active !== after.is_active
                ? after.is_active
                  ? 'server.activate'
                  : 'server.deactivate'
                : 'server.update',
            entityType: 'server',
            entityId: id,
            before,
            // That the secret changed is recorded; the secret itself never is.
            after: request.api_secret !== undefined ? { ...after, api_secret: 'changed' } : after,
          },
          manager,
        );
      }
    });
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const server = await manager.findOne(PanelServer, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!server) throw notFound('Server');
      const [{ live, total }] = await manager.query(
        `SELECT count(*) FILTER (WHERE status IN (${LIVE_STATUSES_SQL}))::int AS live, count(*)::int AS total
         FROM hosting_accounts WHERE server_id = $1`,
        [id],
      );
      if (live > 0) {
        throw conflict(
          `Server holds ${live} live account(s); move or terminate them first`,
          'SERVER_HAS_ACCOUNTS',
        );
      }
      if (total > 0) {
        throw conflict(
          `Server is kept for the history of ${total} terminated or failed account(s); deactivate it instead`,
          'SERVER_HAS_HISTORY',
        );
      }
      await manager.delete(PanelServer, { id });
      await this.audit.record(
        {
          action: 'server.delete',
          entityType: 'server',
          entityId: id,
          before: serverAuditSnapshot(server),
        },
        manager,
      );
    });
  }

  /** Checks every server's health in parallel, records the result, and answers the guide's status list. */
  async status(): Promise<ServerStatusResponse[]> {
    const servers = await this.servers.find({ order: { id: 'ASC' } });
    const results = await Promise.all(
      servers.map((server) => this.checkHealth(this.connectionOf(server), STATUS_CHECK_TIMEOUT_MS)),
    );
    if (servers.length > 0) {
      await this.dataSource.transaction(async (manager) => {
        // Lock the rows in id order first: concurrent status requests (and the monitor) otherwise
        // lock them in whatever order the UPDATE's join visits them, and deadlock each other.
        const locked: Array<{ id: number; is_online: boolean; last_error: string | null }> =
          await manager.query(
            `SELECT id, is_online, last_error FROM panel_servers WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`,
            [servers.map((s) => s.id)],
          );
        const current = new Map(locked.map((row) => [row.id, row]));
        await manager.query(
          `UPDATE panel_servers AS s SET is_online = r.online, last_error = r.error, last_checked_at = now()
           FROM unnest($1::int[], $2::bool[], $3::text[]) AS r(id, online, error)
           WHERE s.id = r.id`,
          [servers.map((s) => s.id), results.map((r) => r.online), results.map((r) => r.error)],
        );
        // A check that flips a server's online flag changes which server new accounts go to.
        for (const [index, server] of servers.entries()) {
          const result = results[index];
          const before = current.get(server.id);
          if (!before || before.is_online === result.online) continue;
          await this.audit.record(
            {
              action: result.online ? 'server.online' : 'server.offline',
              entityType: 'server',
              entityId: server.id,
              before: { is_online: before.is_online, last_error: before.last_error },
              after: { is_online: result.online, last_error: result.error },
            },
            manager,
          );
        }
      });
    }
    return servers.map((server, index) => ({
      server_id: String(server.id),
      name: server.name,
      url: server.baseUrl,
      is_active: server.isActive,
      is_online: results[index].online,
      current_accounts: server.liveAccounts,
      capacity: server.capacity,
      utilization: utilisationPercent(server.liveAccounts, server.capacity),
      ...(results[index].error ? { error: results[index].error } : {}),
    }));
  }

  /** Decrypts the stored secret for a call to the panel; the plaintext lives only in memory. */
  connectionOf(
    server: Pick<PanelServer, 'baseUrl' | 'apiKey' | 'apiSecretEncrypted'>,
  ): PanelConnection {
    return {
      baseUrl: server.baseUrl,
      apiKey: server.apiKey,
      apiSecret: this.secretBox.open(server.apiSecretEncrypted),
    };
  }

  private async checkHealth(
    connection: PanelConnection,
    timeoutMs = HEALTH_TIMEOUT_MS,
  ): Promise<{ online: boolean; error: string | null }> {
    try {
      await this.panel.health(connection, timeoutMs);
      return { online: true, error: null };
    } catch (error) {
      return { online: false, error: describeConnectionFailure(error).text };
    }
  }
}

/** The server as the audit log keeps it: the API key masked, the secret never. */
export function serverAuditSnapshot(server: PanelServer) {
  return {
    id: server.id,
    name: server.name,
    description: server.description,
    base_url: server.baseUrl,
    api_key_masked: maskApiKey(server.apiKey),
    is_active: server.isActive,
    is_online: server.isOnline,
    capacity: server.capacity,
    location: server.location,
    last_error: server.lastError,
  };
}

/** What the servers list and detail read: everything but the sealed API secret. */
const SERVER_COLUMNS = [
  'id',
  'name',
  'description',
  'base_url',
  'api_key',
  'is_active',
  'is_online',
  'capacity',
  'live_accounts',
  'location',
  `${isoTimestampSql('last_checked_at')} AS last_checked_at`,
  'last_error',
  `${isoTimestampSql('created_at')} AS created_at`,
  `${isoTimestampSql('updated_at')} AS updated_at`,
].join(', ');

interface ServerRow {
  id: number;
  name: string;
  description: string | null;
  base_url: string;
  api_key: string;
  is_active: boolean;
  is_online: boolean;
  capacity: number;
  live_accounts: number;
  location: string | null;
  last_checked_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

function toServerResponse(server: ServerRow): ServerResponse {
  return {
    id: server.id,
    name: server.name,
    description: server.description,
    base_url: server.base_url,
    api_key: maskApiKey(server.api_key),
    is_active: server.is_active,
    is_online: server.is_online,
    capacity: server.capacity,
    current_accounts: server.live_accounts,
    utilization_percent: utilisationPercent(server.live_accounts, server.capacity),
    available_slots: availableSlots(server.live_accounts, server.capacity),
    location: server.location,
    last_checked_at: server.last_checked_at,
    last_error: server.last_error,
    created_at: server.created_at,
    updated_at: server.updated_at,
  };
}

function describeConnectionFailure(error: unknown): { reason: ConnectionFailure; text: string } {
  if (!(error instanceof PanelError))
    return { reason: ConnectionFailure.Unreachable, text: 'could not be reached' };
  switch (error.kind) {
    case 'timeout':
      return { reason: ConnectionFailure.Timeout, text: error.message };
    case 'credentials_refused':
      return {
        reason: ConnectionFailure.CredentialsRefused,
        text: `refused the API key and secret (HTTP ${error.status})`,
      };
    case 'server_error':
      return { reason: ConnectionFailure.Unhealthy, text: error.message };
    case 'unreachable':
      return { reason: ConnectionFailure.Unreachable, text: error.message };
    case 'conflict':
    case 'bad_request':
    case 'not_found':
    case 'capacity':
    case 'unexpected':
      return {
        reason: ConnectionFailure.NotNextPanel,
        text: `is not a NextPanel server: it ${error.message}`,
      };
  }
}

function translateUniqueName(error: unknown): unknown {
  if (
    error instanceof QueryFailedError &&
    (error.driverError as { constraint?: string })?.constraint === 'uq_panel_servers_name'
  ) {
    return new DomainException(
      HttpStatus.CONFLICT,
      'SERVER_NAME_TAKEN',
      'A server with this name already exists',
    );
  }
  return error;
}
