import { Injectable, Logger } from '@nestjs/common';
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
import { conflict, notFound } from '../common/errors/domain.exception';
import { LicensesService } from '../licenses/licenses.service';
import { PanelClient } from '../panel-client/panel-client';
import { PanelError } from '../panel-client/panel-error';
import { PanelServer } from '../servers/panel-server.entity';
import { ServersService } from '../servers/servers.service';
import { AuditLog } from '../audit/audit-log.service';
import { IntegrationEvents } from '../webhooks/integration-events.service';
import { User } from '../users/user.entity';
import { HostingAccountListQueryDto, ProvisionAccountDto } from './dto/provision.dto';
import { pageWindow, toPage } from '../common/pagination/page.dto';
import { AccountEvent } from './account-event.entity';
import { recordAccountEvent } from './account-events';
import { HostingAccount } from './hosting-account.entity';
import { toHostingAccountSummary } from './hosting-account.mapper';
import { describePanelFailure } from './panel-failure';
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
    private readonly integrationEvents: IntegrationEvents,
    private readonly audit: AuditLog,
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
      const reason = describePanelFailure(error, server, 'creating the account');
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
        await this.audit.record(
          {
            action: 'account.provision_failed',
            entityType: 'account',
            entityId: account.id,
            before: null,
            after: { server_id: server.id, username: account.username, reason: reason.message },
          },
          manager,
        );
        await this.integrationEvents.publishAccountEvent('account.failed', account.id, manager);
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
      await this.audit.record(
        {
          action: 'account.provision',
          entityType: 'account',
          entityId: account.id,
          before: null,
          after: {
            customer_id: customer.id,
            server_id: server.id,
            username: account.username,
            license_id: account.licenseId,
            nextpanel_user_id: panelUserId,
          },
        },
        manager,
      );
      await this.integrationEvents.publishAccountEvent('account.provisioned', account.id, manager);
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
      throw describePanelFailure(error, account.server, action);
    }
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
}
