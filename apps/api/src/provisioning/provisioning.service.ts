import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AccountEventResponse,
  HostingAccountResponse,
  HostingAccountStatsResponse,
  HostingAccountStatus,
  HostingAccountSummary,
  Page,
  ProvisionAccountResponse,
  UserRole,
} from '@nextpanel/shared';
import { DataSource } from 'typeorm';
import { returnedRows } from '../common/database/returned-rows';
import { conflict, DomainException, notFound } from '../common/errors/domain.exception';
import { LicensesService } from '../licenses/licenses.service';
import { PanelClient } from '../panel-client/panel-client';
import { PanelError } from '../panel-client/panel-error';
import { PanelServer } from '../servers/panel-server.entity';
import { ServersService } from '../servers/servers.service';
import { User } from '../users/user.entity';
import { HostingAccountListQueryDto, ProvisionAccountDto } from './dto/provision.dto';
import { pageWindow, toPage } from '../common/pagination/page.dto';
import { AccountEvent } from './account-event.entity';
import { recordAccountEvent } from './account-events';
import { HostingAccount } from './hosting-account.entity';
import { toHostingAccountSummary } from './hosting-account.mapper';
import { SlotReservations } from './slot-reservation';

type AccountWithServer = HostingAccount & { server: PanelServer };

@Injectable()
export class ProvisioningService {
  private readonly logger = new Logger(ProvisioningService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly slots: SlotReservations,
    private readonly panel: PanelClient,
    private readonly servers: ServersService,
    private readonly licenses: LicensesService,
  ) {}

  /**
   * Reserve a slot (account row in `provisioning`), create the account on the panel, then mark it
   * `active`. A panel failure marks the row `failed` with the panel's reason, which frees the slot
   * and leaves a visible record; the password goes to the panel only and is never stored.
   */
  async provision(request: ProvisionAccountDto, actor: string): Promise<ProvisionAccountResponse> {
    const customer = await this.activeCustomer(request.customer_id);
    const license = request.license_id
      ? await this.licenses.findActiveLicenseForCustomer(request.license_id, customer.id)
      : null;
    const { account, server } = await this.slots.reserve({
      serverId: request.server_id ?? null,
      customerId: customer.id,
      licenseId: license?.id ?? null,
      username: request.username,
      email: (request.email ?? customer.email).toLowerCase(),
      packageId: request.package_id ?? license?.plan?.nextpanelPackageId ?? null,
      onReserved: (manager, reserved) =>
        recordAccountEvent(manager, {
          accountId: reserved.id,
          from: null,
          to: 'provisioning',
          actor,
        }),
    });

    let panelUserId: number;
    try {
      const created = await this.panel.createAccount(this.servers.connectionOf(server), {
        username: account.username,
        email: account.email,
        password: request.password,
        full_name: request.full_name ?? customer.fullName,
        phone: request.phone ?? customer.phone,
        company: request.company ?? customer.companyName,
        package_id: account.packageId,
        ...(license
          ? {
              quotas: {
                max_databases: license.maxDatabases,
                max_domains: license.maxDomains,
                max_email_accounts: license.maxEmailAccounts,
                max_disk_gb: license.maxDiskGb,
              },
            }
          : {}),
        is_admin: false,
        billing_id: String(account.id),
        metadata: {
          created_from: 'billing_system',
          billing_customer_id: String(customer.id),
          account_type: 'panel',
        },
      });
      panelUserId = created.id;
    } catch (error) {
      const reason = this.describePanelFailure(error, server, 'creating the account');
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE hosting_accounts SET status = 'failed', status_reason = $2, updated_at = now() WHERE id = $1`,
          [account.id, reason.message],
        );
        await recordAccountEvent(manager, {
          accountId: account.id,
          from: 'provisioning',
          to: 'failed',
          actor,
          reason: reason.message,
        });
      });
      this.logger.warn(
        { accountId: account.id, serverId: server.id, reason: reason.message },
        'Provisioning failed',
      );
      throw reason;
    }

    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE hosting_accounts
         SET status = 'active', nextpanel_user_id = $2, provisioned_at = now(), status_reason = NULL, updated_at = now()
         WHERE id = $1`,
        [account.id, panelUserId],
      );
      await recordAccountEvent(manager, {
        accountId: account.id,
        from: 'provisioning',
        to: 'active',
        actor,
      });
    });
    this.logger.log(
      { accountId: account.id, serverId: server.id, panelUserId },
      'Hosting account provisioned',
    );
    return {
      success: true,
      account_id: account.id,
      server_name: server.name,
      server_url: server.baseUrl,
      nextpanel_user_id: panelUserId,
      username: account.username,
    };
  }

  async list(query: HostingAccountListQueryDto): Promise<Page<HostingAccountSummary>> {
    const window = pageWindow(query);
    const builder = this.dataSource
      .getRepository(HostingAccount)
      .createQueryBuilder('account')
      .innerJoinAndSelect('account.server', 'server')
      .orderBy('account.updated_at', 'DESC')
      .addOrderBy('account.id', 'DESC');
    if (query.status) builder.andWhere('account.status = :status', { status: query.status });
    if (query.customer_id)
      builder.andWhere('account.customer_id = :customerId', { customerId: query.customer_id });
    if (query.server_id)
      builder.andWhere('account.server_id = :serverId', { serverId: query.server_id });
    const [items, total] = await builder
      .skip(window.offset)
      .take(window.pageSize)
      .getManyAndCount();
    return toPage(
      items.map((account) => toHostingAccountSummary(account, account.server!)),
      total,
      window,
    );
  }

  async get(id: number): Promise<HostingAccountResponse> {
    const account = await this.load(id);
    const summary = toHostingAccountSummary(account, account.server);
    if (account.nextpanelUserId === null || account.status === HostingAccountStatus.Terminated) {
      return { ...summary, panel: { reachable: false, status: null } };
    }
    try {
      const live = await this.panel.getAccount(
        this.servers.connectionOf(account.server),
        account.nextpanelUserId,
        5000,
      );
      return {
        ...summary,
        panel: { reachable: true, status: typeof live.status === 'string' ? live.status : null },
      };
    } catch (error) {
      const reachable = error instanceof PanelError && error.kind === 'not_found';
      return {
        ...summary,
        panel: {
          reachable,
          status: null,
          error: error instanceof PanelError ? error.message : 'panel call failed',
        },
      };
    }
  }

  async suspend(id: number, reason: string, actor: string): Promise<HostingAccountSummary> {
    const account = await this.load(id);
    if (account.status === HostingAccountStatus.Suspended)
      return toHostingAccountSummary(account, account.server);
    this.requireStatus(account, [HostingAccountStatus.Active], 'suspended');
    await this.callPanel(account, 'suspending the account', (connection, panelUserId) =>
      this.panel.suspendAccount(connection, panelUserId, reason),
    );
    return this.transition(
      account,
      HostingAccountStatus.Active,
      HostingAccountStatus.Suspended,
      reason,
      actor,
    );
  }

  async unsuspend(id: number, actor: string): Promise<HostingAccountSummary> {
    const account = await this.load(id);
    if (account.status === HostingAccountStatus.Active)
      return toHostingAccountSummary(account, account.server);
    this.requireStatus(account, [HostingAccountStatus.Suspended], 'unsuspended');
    await this.callPanel(account, 'unsuspending the account', (connection, panelUserId) =>
      this.panel.unsuspendAccount(connection, panelUserId),
    );
    return this.transition(
      account,
      HostingAccountStatus.Suspended,
      HostingAccountStatus.Active,
      null,
      actor,
    );
  }

  async terminate(id: number, actor: string): Promise<HostingAccountSummary> {
    const account = await this.load(id);
    if (account.status === HostingAccountStatus.Terminated)
      return toHostingAccountSummary(account, account.server);
    this.requireStatus(
      account,
      [HostingAccountStatus.Active, HostingAccountStatus.Suspended],
      'terminated',
    );
    try {
      await this.callPanel(account, 'deleting the account', (connection, panelUserId) =>
        this.panel.deleteAccount(connection, panelUserId),
      );
    } catch (error) {
      // Already gone on the panel: what billing wanted is true, so record it.
      if (!(error instanceof DomainException && error.code === 'PANEL_ACCOUNT_MISSING'))
        throw error;
    }
    const updated = await this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<{ id: number }>(
        await manager.query(
          `UPDATE hosting_accounts SET status = 'terminated', terminated_at = now(), status_reason = 'Terminated by an administrator',
                updated_at = now()
           WHERE id = $1 AND status IN ('active', 'suspended') RETURNING id`,
          [account.id],
        ),
      );
      if (rows.length > 0) {
        await recordAccountEvent(manager, {
          accountId: account.id,
          from: account.status,
          to: 'terminated',
          actor,
        });
      }
      return rows;
    });
    if (updated.length === 0) return this.summary(account.id);
    this.logger.log({ accountId: account.id }, 'Hosting account terminated');
    return this.summary(account.id);
  }

  /** Every state change of the account, newest first, with who or what caused it. */
  async events(id: number): Promise<AccountEventResponse[]> {
    await this.load(id);
    const events = await this.dataSource
      .getRepository(AccountEvent)
      .find({ where: { accountId: id }, order: { id: 'DESC' } });
    return events.map((event) => ({
      id: event.id,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      actor: event.actor,
      reason: event.reason,
      created_at: event.createdAt.toISOString(),
    }));
  }

  async stats(id: number): Promise<HostingAccountStatsResponse> {
    const account = await this.load(id);
    this.requireStatus(
      account,
      [HostingAccountStatus.Active, HostingAccountStatus.Suspended],
      'read for usage',
    );
    const stats = await this.callPanel(
      account,
      'reading usage statistics',
      (connection, panelUserId) => this.panel.accountStats(connection, panelUserId),
    );
    return { account_id: account.id, ...stats };
  }

  private async callPanel<T>(
    account: AccountWithServer,
    action: string,
    call: (
      connection: ReturnType<ServersService['connectionOf']>,
      panelUserId: number,
    ) => Promise<T>,
  ): Promise<T> {
    if (account.nextpanelUserId === null)
      throw conflict('Account has no panel user id', 'ACCOUNT_NOT_ON_PANEL');
    try {
      return await call(this.servers.connectionOf(account.server), account.nextpanelUserId);
    } catch (error) {
      throw this.describePanelFailure(error, account.server, action);
    }
  }

  private async transition(
    account: AccountWithServer,
    from: HostingAccountStatus,
    to: HostingAccountStatus,
    reason: string | null,
    actor: string,
  ): Promise<HostingAccountSummary> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const rows = returnedRows(
        await manager.query(
          `UPDATE hosting_accounts SET status = $3, status_reason = $4, updated_at = now() WHERE id = $1 AND status = $2 RETURNING id`,
          [account.id, from, to, reason],
        ),
      );
      if (rows.length > 0)
        await recordAccountEvent(manager, { accountId: account.id, from, to, actor, reason });
      return rows;
    });
    if (updated.length === 0) {
      throw conflict(
        'The account changed while this request ran; reload and try again',
        'ACCOUNT_STATE_CHANGED',
      );
    }
    return this.summary(account.id);
  }

  private requireStatus(
    account: HostingAccount,
    allowed: HostingAccountStatus[],
    verb: string,
  ): void {
    if (!allowed.includes(account.status)) {
      throw conflict(`A ${account.status} account cannot be ${verb}`, 'INVALID_ACCOUNT_STATE');
    }
  }

  private async summary(id: number): Promise<HostingAccountSummary> {
    const account = await this.load(id);
    return toHostingAccountSummary(account, account.server);
  }

  private async load(id: number): Promise<AccountWithServer> {
    const account = await this.dataSource
      .getRepository(HostingAccount)
      .findOne({ where: { id }, relations: { server: true } });
    if (!account || !account.server) throw notFound('Hosting account');
    return account as AccountWithServer;
  }

  private async activeCustomer(id: number): Promise<User> {
    const customer = await this.dataSource
      .getRepository(User)
      .findOne({ where: { id, role: UserRole.Customer } });
    if (!customer) throw notFound('Customer');
    if (!customer.isActive) throw conflict('Customer is deactivated', 'CUSTOMER_INACTIVE');
    return customer;
  }

  /** A panel failure as the API answers it: the panel's own reason, and 409 when it is a duplicate. */
  private describePanelFailure(
    error: unknown,
    server: PanelServer,
    action: string,
  ): DomainException {
    if (!(error instanceof PanelError)) {
      return new DomainException(
        HttpStatus.BAD_GATEWAY,
        'PANEL_ERROR',
        `Server "${server.name}" failed while ${action}`,
      );
    }
    switch (error.kind) {
      case 'conflict':
        return new DomainException(
          HttpStatus.CONFLICT,
          'USERNAME_TAKEN',
          error.detail ?? 'Username already exists',
        );
      case 'not_found':
        return new DomainException(
          HttpStatus.BAD_GATEWAY,
          'PANEL_ACCOUNT_MISSING',
          `Server "${server.name}" does not know this account (${error.message})`,
        );
      case 'timeout':
      case 'unreachable':
        return new DomainException(
          HttpStatus.BAD_GATEWAY,
          'PANEL_UNAVAILABLE',
          `Server "${server.name}" ${error.message} while ${action}`,
        );
      case 'credentials_refused':
      case 'bad_request':
      case 'capacity':
      case 'server_error':
      case 'unexpected':
        return new DomainException(
          HttpStatus.BAD_GATEWAY,
          'PANEL_ERROR',
          `Server "${server.name}" ${error.message} while ${action}`,
        );
    }
  }
}
