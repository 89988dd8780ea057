import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HostingAccountStatus } from '@nextpanel/shared';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { PanelServer } from '../servers/panel-server.entity';
import { HostingAccount } from './hosting-account.entity';

export interface SlotRequest {
  serverId: number | null;
  customerId: number;
  licenseId: number | null;
  username: string;
  email: string;
  packageId: number | null;
  /** Runs inside the reservation's transaction, e.g. to link the account to the order it serves. */
  onReserved?: (manager: EntityManager, account: HostingAccount) => Promise<void>;
}

export interface ReservedSlot {
  account: HostingAccount;
  server: PanelServer;
}

/**
 * Reserves a server slot by inserting the account in `provisioning` state, in one transaction
 * that holds the server row's lock while it reads the server's live-account count (kept by
 * triggers, so exact under the lock). The lock makes
 * concurrent reservations for a server take turns, in this process or any other, so a server
 * never gets more accounts than its capacity; the partial unique index on live usernames makes a
 * second reservation of the same username fail instead of creating a twin.
 */
@Injectable()
export class SlotReservations {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async reserve(request: SlotRequest): Promise<ReservedSlot> {
    if (request.serverId !== null) {
      const outcome = await this.tryServer(request.serverId, request, true);
      if (outcome === 'locked') throw new Error('a waiting lock cannot be skipped');
      if ('account' in outcome) return outcome;
      throw new DomainException(
        HttpStatus.CONFLICT,
        'NO_CAPACITY',
        `Server "${outcome.full.name}" has no capacity left (${outcome.live} of ${outcome.full.capacity} accounts)`,
      );
    }
    const candidates = await this.leastUsedServers();
    if (candidates.length === 0) {
      throw new DomainException(
        HttpStatus.CONFLICT,
        'NO_AVAILABLE_SERVER',
        'No available servers: no active, online server has free capacity',
      );
    }
    // One short transaction per candidate, each locking a single server row: a transaction never
    // waits for a second lock while holding one, so concurrent reservations cannot deadlock.
    // First pass skips servers another request is reserving on this instant (concurrent requests
    // spread over the least-used servers instead of queueing on one row); the second waits.
    const busy: number[] = [];
    for (const serverId of candidates) {
      const outcome = await this.tryServer(serverId, request, false, true);
      if (outcome === 'locked') busy.push(serverId);
      else if ('account' in outcome) return outcome;
    }
    for (const serverId of busy) {
      const outcome = await this.tryServer(serverId, request, false, false);
      if (outcome !== 'locked' && 'account' in outcome) return outcome;
    }
    throw new DomainException(
      HttpStatus.CONFLICT,
      'NO_CAPACITY',
      'No available servers: every active, online server is at capacity',
    );
  }

  private tryServer(
    serverId: number,
    request: SlotRequest,
    chosenByCaller: boolean,
    skipIfLocked = false,
  ): Promise<ReservedSlot | { full: PanelServer; live: number } | 'locked'> {
    return this.dataSource.transaction(async (manager) => {
      const server = await manager.findOne(PanelServer, {
        where: { id: serverId },
        lock: skipIfLocked
          ? { mode: 'pessimistic_write', onLocked: 'skip_locked' }
          : { mode: 'pessimistic_write' },
      });
      if (!server && skipIfLocked) return 'locked';
      if (!server && chosenByCaller) throw notFound('Server');
      // Deleted since it was chosen: the caller moves on to the next candidate.
      if (!server) return 'locked';
      if (!server.isActive) {
        if (chosenByCaller)
          throw new DomainException(
            HttpStatus.CONFLICT,
            'SERVER_INACTIVE',
            `Server "${server.name}" is deactivated`,
          );
        return { full: server, live: server.capacity };
      }
      // Read under the row lock, the trigger-maintained count is exact for this transaction.
      const live = server.liveAccounts;
      if (live >= server.capacity) return { full: server, live };
      const account = await this.insertAccount(manager, server, request);
      await request.onReserved?.(manager, account);
      return { account, server };
    });
  }

  /** Active, online servers with room, least utilised first (ties: fewer accounts, then lower id). */
  private async leastUsedServers(): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.dataSource.query(
      `SELECT id FROM panel_servers
       WHERE is_active AND is_online AND live_accounts < capacity
       ORDER BY live_accounts::float / capacity, live_accounts, id`,
    );
    return rows.map((row) => row.id);
  }

  private async insertAccount(
    manager: EntityManager,
    server: PanelServer,
    request: SlotRequest,
  ): Promise<HostingAccount> {
    try {
      return await manager.save(
        manager.create(HostingAccount, {
          customerId: request.customerId,
          serverId: server.id,
          licenseId: request.licenseId,
          username: request.username,
          email: request.email,
          packageId: request.packageId,
          status: HostingAccountStatus.Provisioning,
          statusReason: null,
          nextpanelUserId: null,
        }),
      );
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint ===
          'uq_hosting_accounts_live_username'
      ) {
        throw new DomainException(
          HttpStatus.CONFLICT,
          'USERNAME_TAKEN',
          `Username "${request.username}" already exists`,
        );
      }
      throw error;
    }
  }
}
