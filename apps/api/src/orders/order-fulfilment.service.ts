import { HttpStatus, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrderStatus } from '@nextpanel/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { RequestActor, RequestContext } from '../common/request-context/request-context';
import { DomainException } from '../common/errors/domain.exception';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { returnedRows } from '../common/database/returned-rows';
import { isUniqueViolation } from '../common/database/postgres-errors';
import { DeferJob, PermanentJobFailure } from '../jobs/job-errors';
import { JobQueue } from '../jobs/job-queue.service';
import { License } from '../licenses/license.entity';
import { LicensesService } from '../licenses/licenses.service';
import { MailService } from '../mail/mail.service';
import { PanelClient } from '../panel-client/panel-client';
import { PanelError } from '../panel-client/panel-error';
import { Plan } from '../plans/plan.entity';
import { centsToAmount } from '../plans/plan-money';
import { deriveUsername, generatePanelPassword } from '../provisioning/credentials';
import { recordAccountEvent } from '../provisioning/account-events';
import { HostingAccount } from '../provisioning/hosting-account.entity';
import { SlotReservations } from '../provisioning/slot-reservation';
import { PanelServer } from '../servers/panel-server.entity';
import { ServersService } from '../servers/servers.service';
import { User } from '../users/user.entity';
import { IntegrationEvents } from '../webhooks/integration-events.service';
import { Order } from './order.entity';
import { orderAuditSnapshot } from './order.mapper';

export const FULFIL_ORDER_QUEUE = 'orders.fulfil';
const ACTOR = `system:${FULFIL_ORDER_QUEUE}`;
const AUDIT_ACTOR: RequestActor = { type: 'system', id: null, label: FULFIL_ORDER_QUEUE };

export const fulfilmentDedupeKey = (orderId: number): string => `fulfil:order:${orderId}`;

/**
 * Turns a paid order into a working hosting account, as a job: issue the license, reserve a slot,
 * create the account on the panel, then mark it active and queue the welcome email — each step
 * recorded before the next, so a retry (after a panel failure or a crash) continues where the
 * last try stopped and never makes a second license, account or email.
 */
@Injectable()
export class OrderFulfilment implements OnModuleInit {
  private readonly logger = new Logger(OrderFulfilment.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly mail: MailService,
    private readonly licenses: LicensesService,
    private readonly slots: SlotReservations,
    private readonly panel: PanelClient,
    private readonly servers: ServersService,
    private readonly audit: AuditLog,
    private readonly events: IntegrationEvents,
  ) {}

  onModuleInit(): void {
    this.jobs.register(FULFIL_ORDER_QUEUE, {
      run: (payload) => asFulfilment(() => this.fulfil(Number(payload.order_id))),
      onFailed: (payload, error, job) =>
        asFulfilment(() =>
          this.giveUp(Number(payload.order_id), error, `${job.id}:${job.runAt.getTime()}`),
        ),
    });
  }

  /** Queues fulfilment in the caller's transaction (the one that records the payment). */
  async queue(manager: EntityManager, orderId: number): Promise<void> {
    await this.jobs.enqueue(
      {
        queue: FULFIL_ORDER_QUEUE,
        payload: { order_id: orderId },
        dedupeKey: fulfilmentDedupeKey(orderId),
      },
      manager,
    );
  }

  async fulfil(orderId: number): Promise<void> {
    const order = await this.prepare(orderId);
    if (!order) return;
    const account = await this.reserveAccount(order);
    if (account.status === 'active') return this.complete(order.id, account.id);
    await this.createOnPanel(order, account);
  }

  /** Locks the order, issues its license once, and says whether there is work left. */
  private prepare(orderId: number): Promise<(Order & { plan: Plan; customer: User }) | null> {
    return this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(Order, {
        where: { id: orderId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!order) throw new PermanentJobFailure(`Order ${orderId} does not exist`);
      if (order.status === OrderStatus.Completed || order.status === OrderStatus.Cancelled)
        return null;
      if (order.status === OrderStatus.Pending)
        throw new PermanentJobFailure(`Order ${orderId} is not paid`);
      const plan = await manager.findOneByOrFail(Plan, { id: order.planId });
      const customer = await manager.findOneByOrFail(User, { id: order.customerId });
      if (order.licenseId === null) {
        order.licenseId = await this.licenses.issueForOrder(manager, {
          customerId: order.customerId,
          plan,
          billingCycle: order.billingCycle,
          stripeSubscriptionId: order.stripeSubscriptionId,
        });
        await manager.update(Order, { id: order.id }, { licenseId: order.licenseId });
      }
      return Object.assign(order, { plan, customer });
    });
  }

  /** The order's account, reserving a slot for it when it has none (or only a failed one). */
  private async reserveAccount(
    order: Order & { plan: Plan; customer: User },
  ): Promise<HostingAccount> {
    if (order.hostingAccountId !== null) {
      const existing = await this.dataSource
        .getRepository(HostingAccount)
        .findOneByOrFail({ id: order.hostingAccountId });
      if (existing.status !== 'failed' && existing.status !== 'terminated') return existing;
      // The panel may have created it (we asked and never heard back): a retry asks again for the
      // same username on the same server, so it either creates it or hears "exists" and stops for
      // an admin. A new username could give the customer a second account.
      if (existing.status === 'failed' && existing.panelCreateAttemptedAt !== null)
        return this.retryUncertainAttempt(order, existing);
    }
    try {
      const { account } = await this.slots.reserve({
        serverId: null,
        customerId: order.customerId,
        licenseId: order.licenseId,
        username: deriveUsername(order.customer.email),
        email: order.customer.email,
        packageId: order.plan.nextpanelPackageId,
        onReserved: async (manager, reserved) => {
          await recordAccountEvent(manager, {
            accountId: reserved.id,
            from: null,
            to: 'provisioning',
            actor: ACTOR,
          });
          await manager.update(
            Order,
            { id: order.id },
            { hostingAccountId: reserved.id, status: OrderStatus.Paid, statusReason: null },
          );
        },
      });
      return account;
    } catch (error) {
      if (
        error instanceof DomainException &&
        ['NO_CAPACITY', 'NO_AVAILABLE_SERVER', 'USERNAME_TAKEN'].includes(error.code)
      ) {
        if (error.code === 'USERNAME_TAKEN')
          throw new Error('Derived username was taken; a new one is drawn on retry');
        await this.awaitCapacity(order);
        throw new DeferJob(error.message, this.config.jobs.capacityRecheckMs);
      }
      throw error;
    }
  }

  /**
   * Puts a failed account whose panel create may have happened back in `provisioning` on its own
   * server, under the server row's lock and within its capacity, keeping its username.
   */
  private async retryUncertainAttempt(
    order: Order,
    account: HostingAccount,
  ): Promise<HostingAccount> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const [server] = await manager.query(
          `SELECT id, capacity, live_accounts FROM panel_servers WHERE id = $1 FOR UPDATE`,
          [account.serverId],
        );
        if (!server || server.live_accounts >= server.capacity) {
          throw new DeferJob(
            `Server #${account.serverId} has no free slot to retry account ${account.username} on`,
            this.config.jobs.capacityRecheckMs,
          );
        }
        const revived = returnedRows(
          await manager.query(
            `UPDATE hosting_accounts SET status = 'provisioning', status_reason = NULL, updated_at = now()
             WHERE id = $1 AND status = 'failed' RETURNING id`,
            [account.id],
          ),
        );
        if (revived.length === 0) return;
        await recordAccountEvent(manager, {
          accountId: account.id,
          from: 'failed',
          to: 'provisioning',
          actor: ACTOR,
          reason: 'Retried with the same username: the panel may already have it',
        });
        await manager.update(
          Order,
          { id: order.id },
          { status: OrderStatus.Paid, statusReason: null },
        );
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_hosting_accounts_live_username')) {
        throw new PermanentJobFailure(
          `Username "${account.username}" now belongs to another live account; check the panel, then resolve by hand`,
        );
      }
      throw error;
    }
    return this.dataSource.getRepository(HostingAccount).findOneByOrFail({ id: account.id });
  }

  private async createOnPanel(
    order: Order & { plan: Plan; customer: User },
    account: HostingAccount,
  ): Promise<void> {
    const server = await this.dataSource
      .getRepository(PanelServer)
      .findOneByOrFail({ id: account.serverId });
    const license = await this.dataSource
      .getRepository(License)
      .findOneByOrFail({ id: order.licenseId! });
    const triedBefore = account.panelCreateAttemptedAt !== null;
    if (!triedBefore) {
      await this.dataSource.query(
        `UPDATE hosting_accounts SET panel_create_attempted_at = now() WHERE id = $1`,
        [account.id],
      );
    }
    const password = generatePanelPassword();
    let panelUserId: number;
    try {
      const created = await this.panel.createAccount(this.servers.connectionOf(server), {
        username: account.username,
        email: account.email,
        password,
        full_name: order.customer.fullName,
        phone: order.customer.phone,
        company: order.customer.companyName,
        package_id: account.packageId,
        quotas: {
          max_databases: license.maxDatabases,
          max_domains: license.maxDomains,
          max_email_accounts: license.maxEmailAccounts,
          max_disk_gb: license.maxDiskGb,
        },
        is_admin: false,
        billing_id: String(account.id),
        metadata: {
          created_from: 'billing_system',
          billing_customer_id: String(order.customerId),
          account_type: 'panel',
        },
      });
      panelUserId = created.id;
    } catch (error) {
      const reason = `Server "${server.name}" ${error instanceof PanelError ? error.message : 'failed'}`;
      if (error instanceof PanelError && error.kind === 'conflict') {
        if (triedBefore) {
          // An earlier try may have created it before we could record the panel's answer.
          const message = `The panel already has username "${account.username}"; an interrupted earlier attempt may have created it. Check the panel, then retry.`;
          await this.markAccountFailed(account.id, message);
          throw new PermanentJobFailure(message);
        }
        await this.markAccountFailed(
          account.id,
          `Username taken on the panel: ${error.detail ?? error.message}`,
        );
        // Certain: the panel's account is someone else's, so the retry may draw a new username.
        await this.dataSource.query(
          `UPDATE hosting_accounts SET panel_create_attempted_at = NULL WHERE id = $1`,
          [account.id],
        );
        throw new Error(`${reason}: username taken; retrying with another username`);
      }
      await this.dataSource.query(
        `UPDATE hosting_accounts SET status_reason = $2, updated_at = now() WHERE id = $1`,
        [account.id, reason],
      );
      throw new Error(reason);
    }

    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE hosting_accounts SET status = 'active', nextpanel_user_id = $2, provisioned_at = now(), status_reason = NULL, updated_at = now()
         WHERE id = $1 AND status = 'provisioning'`,
        [account.id, panelUserId],
      );
      await recordAccountEvent(manager, {
        accountId: account.id,
        from: 'provisioning',
        to: 'active',
        actor: ACTOR,
      });
      await this.audit.record(
        {
          action: 'account.provision',
          entityType: 'account',
          entityId: account.id,
          before: { status: 'provisioning' },
          after: {
            status: 'active',
            username: account.username,
            server_id: server.id,
            nextpanel_user_id: panelUserId,
            license_id: license.id,
            order_id: order.id,
          },
        },
        manager,
      );
      await this.events.publishAccountEvent('account.provisioned', account.id, manager);
      await this.mail.queue(
        manager,
        order.customer.email,
        {
          template: 'welcome',
          data: {
            fullName: order.customer.fullName,
            panelUrl: server.baseUrl,
            username: account.username,
            temporaryPassword: password,
            licenseKey: license.licenseKey,
            planName: order.plan.name,
          },
        },
        `welcome:account:${account.id}`,
      );
      await manager.query(
        `UPDATE orders SET status = 'completed', status_reason = NULL, completed_at = now(), updated_at = now() WHERE id = $1`,
        [order.id],
      );
      await this.recordOrderChange(manager, 'order.complete', order);
    });
    this.logger.log(
      { orderId: order.id, accountId: account.id, serverId: server.id },
      'Order fulfilled',
    );
  }

  private async complete(orderId: number, accountId: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await manager.findOneByOrFail(Order, { id: orderId });
      await manager.query(
        `UPDATE orders SET status = 'completed', hosting_account_id = $2, status_reason = NULL,
                completed_at = COALESCE(completed_at, now()), updated_at = now()
         WHERE id = $1`,
        [orderId, accountId],
      );
      await this.recordOrderChange(manager, 'order.complete', order);
    });
  }

  /** An order's change by fulfilment, from `before` (as loaded) to its row now. */
  private async recordOrderChange(
    manager: EntityManager,
    action: 'order.complete' | 'order.fail',
    before: Order,
  ): Promise<void> {
    const after = await manager.findOneByOrFail(Order, { id: before.id });
    await this.audit.record(
      {
        action,
        entityType: 'order',
        entityId: before.id,
        before: orderAuditSnapshot(before),
        after: orderAuditSnapshot(after),
      },
      manager,
    );
  }

  private async markAccountFailed(
    accountId: number,
    reason: string,
    manager?: EntityManager,
  ): Promise<void> {
    // The status change and its audit entry go together, in the caller's transaction or a new one.
    if (!manager)
      return this.dataSource.transaction((inner) =>
        this.markAccountFailed(accountId, reason, inner),
      );
    const failed = returnedRows(
      await manager.query(
        `UPDATE hosting_accounts SET status = 'failed', status_reason = $2, updated_at = now()
         WHERE id = $1 AND status = 'provisioning' RETURNING id`,
        [accountId, reason],
      ),
    );
    if (failed.length > 0) {
      await recordAccountEvent(manager, {
        accountId,
        from: 'provisioning',
        to: 'failed',
        actor: ACTOR,
        reason,
      });
      await this.audit.record(
        {
          action: 'account.fail',
          entityType: 'account',
          entityId: accountId,
          before: { status: 'provisioning' },
          after: { status: 'failed', status_reason: reason },
        },
        manager,
      );
      await this.events.publishAccountEvent('account.failed', accountId, manager);
    }
  }

  /** Tells the admins once per order that it is waiting for a free slot. */
  private async awaitCapacity(order: Order & { plan: Plan; customer: User }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE orders SET status = 'awaiting_capacity', status_reason = 'No active, online server has a free slot', updated_at = now()
         WHERE id = $1`,
        [order.id],
      );
      await this.mail.queue(
        manager,
        this.config.mail.adminAlertEmail,
        {
          template: 'awaiting_capacity',
          data: {
            orderId: order.id,
            customerEmail: order.customer.email,
            planName: order.plan.name,
            serversUrl: `${this.config.publicAppUrl}/servers`,
          },
        },
        `awaiting_capacity:order:${order.id}`,
      );
    });
  }

  /** After the last attempt: free the slot, fail the order visibly, alert the admins. */
  private async giveUp(orderId: number, error: Error, failureId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(Order, {
        where: { id: orderId },
        relations: { plan: true, customer: true },
      });
      if (!order || order.status === OrderStatus.Completed) return;
      if (order.hostingAccountId !== null)
        await this.markAccountFailed(order.hostingAccountId, error.message, manager);
      await manager.query(
        `UPDATE orders SET status = 'failed', status_reason = $2, updated_at = now() WHERE id = $1`,
        [orderId, error.message],
      );
      await this.recordOrderChange(manager, 'order.fail', order);
      await this.mail.queue(
        manager,
        this.config.mail.adminAlertEmail,
        {
          template: 'provisioning_failed',
          data: {
            orderId,
            customerEmail: order.customer?.email ?? '',
            planName: order.plan?.name ?? '',
            reason: error.message,
            queueUrl: `${this.config.publicAppUrl}/provisioning-queue`,
          },
        },
        `provisioning_failed:${failureId}`,
      );
    });
  }

  static amountLabel(order: Pick<Order, 'amountCents' | 'currency'>): string {
    return `${order.currency} ${centsToAmount(order.amountCents).toFixed(2)}`;
  }
}

export const orderNotFound = (): DomainException =>
  new DomainException(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'Order not found');

/**
 * Fulfilment is automation: its changes are audited as `orders.fulfil`, even when an admin's
 * request queued the job, keeping that request's IP and id to trace what set it off.
 */
function asFulfilment<T>(work: () => Promise<T>): Promise<T> {
  const context = RequestContext.current();
  return RequestContext.run(
    { ip: context?.ip ?? null, requestId: context?.requestId ?? null, actor: AUDIT_ACTOR },
    work,
  );
}
