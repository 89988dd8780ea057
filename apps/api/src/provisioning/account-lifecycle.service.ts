import { HttpStatus, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ACCOUNT_TRANSITIONS,
  AccountActionResponse,
  AccountActionResult,
  AccountActionType,
  HostingAccountStatus,
  SuspensionKind,
} from '@nextpanel/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { returnedRows } from '../common/database/returned-rows';
import { conflict, DomainException, notFound } from '../common/errors/domain.exception';
import { RequestContext } from '../common/request-context/request-context';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { JobContext, JobQueue } from '../jobs/job-queue.service';
import { PermanentJobFailure } from '../jobs/job-errors';
import { License } from '../licenses/license.entity';
import { EmailTemplate } from '../mail/email-templates';
import { MailService } from '../mail/mail.service';
import { PanelClient } from '../panel-client/panel-client';
import { PanelError } from '../panel-client/panel-error';
import { Plan } from '../plans/plan.entity';
import { PanelServer } from '../servers/panel-server.entity';
import { ServersService } from '../servers/servers.service';
import { IntegrationEvents } from '../webhooks/integration-events.service';
import { User } from '../users/user.entity';
import { AccountAction } from './account-action.entity';
import { recordAccountEvent } from './account-events';
import { generatePanelPassword } from './credentials';
import { HostingAccount } from './hosting-account.entity';
import { toHostingAccountSummary } from './hosting-account.mapper';
import { describePanelFailure } from './panel-failure';

export const ACCOUNT_ACTION_QUEUE = 'accounts.action';
/** How long a request waits for an action another worker is running before answering 202. */
const REQUEST_WAIT_MS = 5_000;
const ACTION_MAX_ATTEMPTS = 8;

type AccountWithServer = HostingAccount & { server: PanelServer };

export interface AccountActionParams {
  reason?: string | null;
  suspension_kind?: SuspensionKind;
  plan_id?: string;
  notify_customer?: boolean;
  /** Unsuspend only when the account is suspended for this kind (automatic reactivation). */
  only_if_kind?: SuspensionKind;
}

export interface AccountActionOutcome {
  result: AccountActionResult;
  /** False when the panel has not confirmed yet and the queue is retrying (HTTP 202). */
  done: boolean;
}

/** A failure retrying cannot fix, carrying the error the waiting request answers with. */
class ActionRefused extends PermanentJobFailure {
  constructor(readonly exception: DomainException) {
    super(exception.message);
  }
}

/** Where a lifecycle action leads, for the state machine check before it is queued. */
const TARGET_STATUS: Partial<Record<AccountActionType, HostingAccountStatus>> = {
  suspend: 'suspended',
  unsuspend: 'active',
  terminate: 'terminated',
};

const ACTION_GERUND: Record<AccountActionType, string> = {
  suspend: 'suspending',
  unsuspend: 'unsuspending',
  terminate: 'deleting',
  change_plan: 'changing the package of',
  reset_password: 'setting the password of',
};

const VERB: Record<AccountActionType, string> = {
  suspend: 'suspended',
  unsuspend: 'unsuspended',
  terminate: 'terminated',
  change_plan: 'moved to another plan',
  reset_password: 'given a new password',
};

/**
 * Suspend, unsuspend, terminate, change plan and reset password: each is an `account_actions` row
 * plus a job on the durable queue, so it survives a crash and is retried while the panel is down.
 * The request that asked runs the job at once when it can and answers with the outcome; at most
 * one action per account is open, so two never race on the panel.
 */
@Injectable()
export class AccountLifecycle implements OnModuleInit {
  private readonly logger = new Logger(AccountLifecycle.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly panel: PanelClient,
    private readonly servers: ServersService,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
    private readonly integrationEvents: IntegrationEvents,
  ) {}

  onModuleInit(): void {
    this.jobs.register(ACCOUNT_ACTION_QUEUE, {
      run: (payload, context) => this.run(String(payload.action_id), context),
      onFailed: (payload, error) => this.markFailed(String(payload.action_id), error),
    });
  }

  /** Queues the action, runs it now when this process can, and reports where it stands. */
  async request(
    accountId: number,
    action: AccountActionType,
    params: AccountActionParams = {},
  ): Promise<AccountActionOutcome> {
    const account = await this.load(accountId);
    const alreadyThere = await this.settledWithoutPanel(account, action, params);
    if (alreadyThere) return alreadyThere;
    this.requireAllowed(account, action);
    if (action === 'change_plan') await this.requirePlanChange(account, params.plan_id);

    let opened = await this.open(account, action, params);
    if (opened.status === 'queued' && opened.jobId && (await this.jobs.runNow(opened.jobId))) {
      opened = await this.reloadAction(opened.id);
    } else {
      opened = await this.waitUntilSettled(opened.id, REQUEST_WAIT_MS);
    }
    if (opened.status === 'failed') {
      throw new DomainException(
        opened.errorStatus ?? HttpStatus.BAD_GATEWAY,
        opened.errorCode ?? 'ACCOUNT_ACTION_FAILED',
        opened.lastError ?? 'The action failed',
      );
    }
    const current = await this.load(accountId);
    return {
      result: {
        ...toHostingAccountSummary(current, current.server),
        action: toAccountActionResponse(opened),
      },
      done: opened.status === 'succeeded',
    };
  }

  /** Every action asked for this account, newest first. */
  async list(accountId: number): Promise<AccountActionResponse[]> {
    await this.load(accountId);
    const actions = await this.dataSource
      .getRepository(AccountAction)
      .find({ where: { accountId }, order: { id: 'DESC' }, take: 200 });
    return actions.map(toAccountActionResponse);
  }

  /**
   * The request asks for what is already true: answer at once without a panel call. An admin's
   * suspension of an account the automation suspended for non-payment takes it over, so a later
   * payment does not lift it.
   */
  private async settledWithoutPanel(
    account: AccountWithServer,
    action: AccountActionType,
    params: AccountActionParams,
  ): Promise<AccountActionOutcome | null> {
    if (TARGET_STATUS[action] !== account.status) return null;
    const kind = params.suspension_kind ?? SuspensionKind.Admin;
    if (action === 'suspend' && account.suspensionKind !== kind && kind === SuspensionKind.Admin) {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE hosting_accounts SET suspension_kind = $2, status_reason = COALESCE($3, status_reason), updated_at = now()
           WHERE id = $1 AND status = 'suspended'`,
          [account.id, kind, params.reason ?? null],
        );
        await this.audit.record(
          {
            action: 'account.suspend',
            entityType: 'account',
            entityId: account.id,
            before: { status: account.status, suspension_kind: account.suspensionKind },
            after: { status: account.status, suspension_kind: kind, reason: params.reason },
          },
          manager,
        );
      });
      account = await this.load(account.id);
    }
    return {
      result: { ...toHostingAccountSummary(account, account.server), action: null },
      done: true,
    };
  }

  private requireAllowed(account: HostingAccount, action: AccountActionType): void {
    const target = TARGET_STATUS[action];
    const allowed = target
      ? ACCOUNT_TRANSITIONS[account.status].includes(target)
      : account.status === 'active' || account.status === 'suspended';
    if (!allowed) {
      throw conflict(
        `A ${account.status} account cannot be ${VERB[action]}`,
        'INVALID_ACCOUNT_STATE',
      );
    }
  }

  private async requirePlanChange(account: HostingAccount, planId: string | undefined) {
    if (!account.licenseId)
      throw conflict(
        'The account has no license, so it has no plan to change',
        'ACCOUNT_HAS_NO_LICENSE',
      );
    const plan = planId
      ? await this.dataSource.getRepository(Plan).findOneBy({ id: planId })
      : null;
    if (!plan) throw notFound('Plan');
    if (!plan.isActive) throw conflict('The plan is not active', 'PLAN_INACTIVE');
    if (plan.nextpanelPackageId === null && account.packageId === null)
      throw conflict(
        'Neither the plan nor the account names a panel package to switch to',
        'PLAN_HAS_NO_PANEL_PACKAGE',
      );
  }

  /** Inserts the action and its job in one transaction, or joins the identical open action. */
  private async open(
    account: HostingAccount,
    action: AccountActionType,
    params: AccountActionParams,
  ): Promise<AccountAction> {
    const requestedBy = currentActorName();
    const stored = storableParams(params);
    return this.dataSource.transaction(async (manager) => {
      const inserted = returnedRows<{ id: string }>(
        await manager.query(
          `INSERT INTO account_actions (account_id, action, status, params, requested_by)
           VALUES ($1, $2, 'queued', $3, $4)
           ON CONFLICT (account_id) WHERE status IN ('queued', 'running') DO NOTHING
           RETURNING id`,
          [account.id, action, JSON.stringify(stored), requestedBy],
        ),
      );
      if (inserted.length === 0) {
        const open = await manager
          .getRepository(AccountAction)
          .createQueryBuilder('action')
          .where('action.account_id = :id', { id: account.id })
          .andWhere(`action.status IN ('queued', 'running')`)
          .getOne();
        if (open && open.action === action && sameParams(open.params, stored)) return open;
        throw conflict(
          `Another action (${open?.action ?? 'unknown'}) is still running on this account; try again when it is done`,
          'ACCOUNT_ACTION_IN_PROGRESS',
        );
      }
      const actionId = inserted[0].id;
      const jobId = await this.jobs.enqueue(
        {
          queue: ACCOUNT_ACTION_QUEUE,
          payload: { action_id: actionId, account_id: account.id, action },
          dedupeKey: `account-action:${actionId}`,
          maxAttempts: ACTION_MAX_ATTEMPTS,
        },
        manager,
      );
      await manager.query(`UPDATE account_actions SET job_id = $2 WHERE id = $1`, [
        actionId,
        jobId,
      ]);
      return manager.getRepository(AccountAction).findOneByOrFail({ id: actionId });
    });
  }

  private async run(actionId: string, context: JobContext): Promise<void> {
    const started = returnedRows<{ id: string }>(
      await this.dataSource
        .query(
          `UPDATE account_actions SET status = 'running', attempts = $2, updated_at = now()
           WHERE id = $1 AND status IN ('queued', 'running', 'failed') RETURNING id`,
          [actionId, context.attempt],
        )
        .catch((error: unknown) => {
          // A failed action retried from the queue while a newer one is open on the account.
          throw new ActionRefused(
            conflict(
              `Another action is open on this account (${String(error)})`,
              'ACCOUNT_ACTION_IN_PROGRESS',
            ),
          );
        }),
    );
    if (started.length === 0) return; // already succeeded: a duplicate run does nothing
    const action = await this.reloadAction(actionId);
    const account = await this.load(action.accountId);
    try {
      await this.perform(action, account);
    } catch (error) {
      const failure = this.classify(error, action, account.server);
      const final = failure instanceof ActionRefused || context.isLastAttempt;
      // Waiting for a retry is `queued` again; the failure hook marks the final `failed`.
      await this.dataSource.query(
        `UPDATE account_actions SET last_error = $2, status = CASE WHEN $3 THEN status ELSE 'queued' END,
                updated_at = now()
         WHERE id = $1`,
        [actionId, failure.message, final],
      );
      throw failure;
    }
  }

  private async perform(action: AccountAction, account: AccountWithServer): Promise<void> {
    const params = action.params as AccountActionParams;
    switch (action.action) {
      case 'suspend': {
        if (account.status === 'suspended') return this.succeed(action);
        this.requireAllowed(account, 'suspend');
        await this.panel.suspendAccount(
          this.connection(account),
          this.panelUserId(account),
          params.reason ?? 'Suspended',
        );
        const kind = params.suspension_kind ?? SuspensionKind.Admin;
        return this.transition(action, account, 'suspended', params.reason ?? null, kind);
      }
      case 'unsuspend': {
        if (account.status === 'active') return this.succeed(action);
        this.requireAllowed(account, 'unsuspend');
        if (params.only_if_kind && account.suspensionKind !== params.only_if_kind) {
          throw new ActionRefused(
            conflict(
              `The account is suspended by ${account.suspensionKind ?? 'an administrator'}, not for ${params.only_if_kind}; only an administrator lifts it`,
              'SUSPENDED_BY_ADMIN',
            ),
          );
        }
        await this.panel.unsuspendAccount(this.connection(account), this.panelUserId(account));
        return this.transition(action, account, 'active', null, null);
      }
      case 'terminate': {
        if (account.status === 'terminated') return this.succeed(action);
        this.requireAllowed(account, 'terminate');
        try {
          await this.panel.deleteAccount(this.connection(account), this.panelUserId(account));
        } catch (error) {
          // Already gone on the panel: what billing wanted is true, so record it.
          if (!(error instanceof PanelError && error.kind === 'not_found')) throw error;
        }
        return this.transition(
          action,
          account,
          'terminated',
          params.reason ?? 'Terminated by an administrator',
          null,
        );
      }
      case 'change_plan':
        this.requireAllowed(account, 'change_plan');
        return this.changePlan(action, account, params.plan_id ?? '');
      case 'reset_password':
        this.requireAllowed(account, 'reset_password');
        return this.resetPassword(action, account, params.notify_customer !== false);
    }
  }

  /**
   * Pushes the new plan's package and quotas to the panel, then moves the license (and so the
   * quota call-back and the next renewal's price) to the plan. Re-running pushes the same values.
   */
  private async changePlan(
    action: AccountAction,
    account: AccountWithServer,
    planId: string,
  ): Promise<void> {
    const plan = await this.dataSource.getRepository(Plan).findOneBy({ id: planId });
    const license = account.licenseId
      ? await this.dataSource.getRepository(License).findOneBy({ id: account.licenseId })
      : null;
    if (!plan) throw new ActionRefused(notFound('Plan'));
    if (!license)
      throw new ActionRefused(conflict('The account has no license', 'ACCOUNT_HAS_NO_LICENSE'));
    // A plan without its own panel package keeps the account's package and changes only quotas.
    const packageId = plan.nextpanelPackageId ?? account.packageId;
    await this.panel.changePackage(this.connection(account), this.panelUserId(account), {
      package_id: packageId,
      quotas: {
        max_databases: plan.maxDatabases,
        max_domains: plan.maxDomains,
        max_email_accounts: plan.maxEmailAccounts,
        max_disk_gb: plan.maxDiskGb,
      },
    });
    const before = {
      plan_id: license.planId,
      package_id: account.packageId,
      max_databases: license.maxDatabases,
      max_domains: license.maxDomains,
      max_email_accounts: license.maxEmailAccounts,
      max_disk_gb: license.maxDiskGb,
    };
    const after = {
      plan_id: plan.id,
      package_id: packageId,
      max_databases: plan.maxDatabases,
      max_domains: plan.maxDomains,
      max_email_accounts: plan.maxEmailAccounts,
      max_disk_gb: plan.maxDiskGb,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE licenses SET plan_id = $2, max_databases = $3, max_domains = $4, max_email_accounts = $5,
                max_disk_gb = $6, updated_at = now()
         WHERE id = $1`,
        [
          license.id,
          plan.id,
          plan.maxDatabases,
          plan.maxDomains,
          plan.maxEmailAccounts,
          plan.maxDiskGb,
        ],
      );
      // The next renewal is charged at the new plan's price for the same billing cycle.
      await manager.query(
        `UPDATE subscriptions
         SET price_cents = CASE billing_cycle WHEN 'yearly' THEN $2::int ELSE $3::int END, updated_at = now()
         WHERE license_id = $1`,
        [license.id, plan.priceYearlyCents, plan.priceMonthlyCents],
      );
      await manager.query(
        `UPDATE hosting_accounts SET package_id = $2, updated_at = now() WHERE id = $1`,
        [account.id, packageId],
      );
      await this.audit.record(
        {
          action: 'account.change_plan',
          entityType: 'account',
          entityId: account.id,
          before,
          after,
        },
        manager,
      );
      if ((action.params as AccountActionParams).notify_customer !== false) {
        await this.notify(manager, action, account, (customer) => ({
          template: 'plan_changed',
          data: {
            ...this.noticeData(customer, account, null),
            planName: plan.name,
            quotas: `${plan.maxDiskGb} GB disk, ${plan.maxDomains} domains, ${plan.maxDatabases} databases, ${plan.maxEmailAccounts} email accounts`,
          },
        }));
      }
      await this.markSucceeded(manager, action.id);
    });
    this.logger.log({ accountId: account.id, planId: plan.id }, 'Hosting account changed plan');
  }

  /** A fresh password on the panel, emailed to the customer; billing never stores it. */
  private async resetPassword(
    action: AccountAction,
    account: AccountWithServer,
    notifyCustomer: boolean,
  ): Promise<void> {
    const password = generatePanelPassword();
    await this.panel.setPassword(this.connection(account), this.panelUserId(account), password);
    await this.dataSource.transaction(async (manager) => {
      await this.audit.record(
        {
          action: 'account.reset_password',
          entityType: 'account',
          entityId: account.id,
          before: null,
          after: { notify_customer: notifyCustomer },
        },
        manager,
      );
      if (notifyCustomer) {
        await this.notify(manager, action, account, (customer) => ({
          template: 'password_reset',
          data: {
            fullName: customer.fullName,
            username: account.username,
            panelUrl: account.server.baseUrl,
            newPassword: password,
          },
        }));
      }
      await this.markSucceeded(manager, action.id);
    });
  }

  private async transition(
    action: AccountAction,
    account: AccountWithServer,
    to: HostingAccountStatus,
    reason: string | null,
    suspensionKind: SuspensionKind | null,
  ): Promise<void> {
    const params = action.params as AccountActionParams;
    await this.dataSource.transaction(async (manager) => {
      const rows = returnedRows(
        await manager.query(
          `UPDATE hosting_accounts
           SET status = $3::varchar, status_reason = $4, suspension_kind = $5,
               terminated_at = CASE WHEN $3::varchar = 'terminated' THEN now() ELSE terminated_at END, updated_at = now()
           WHERE id = $1 AND status = $2 RETURNING id`,
          [account.id, account.status, to, reason, suspensionKind],
        ),
      );
      if (rows.length === 0) {
        throw new ActionRefused(
          conflict(
            'The account changed while the action ran; reload and try again',
            'ACCOUNT_STATE_CHANGED',
          ),
        );
      }
      await recordAccountEvent(manager, {
        accountId: account.id,
        from: account.status,
        to,
        actor: action.requestedBy,
        reason,
      });
      await this.audit.record(
        {
          action: `account.${action.action}`,
          entityType: 'account',
          entityId: account.id,
          before: {
            status: account.status,
            status_reason: account.statusReason,
            suspension_kind: account.suspensionKind,
          },
          after: { status: to, status_reason: reason, suspension_kind: suspensionKind },
        },
        manager,
      );
      await this.integrationEvents.publishAccountEvent(
        to === 'suspended'
          ? 'account.suspended'
          : to === 'terminated'
            ? 'account.terminated'
            : 'account.unsuspended',
        account.id,
        manager,
      );
      if (params.notify_customer !== false) {
        const template =
          to === 'suspended'
            ? 'account_suspended'
            : to === 'terminated'
              ? 'account_terminated'
              : 'account_unsuspended';
        await this.notify(manager, action, account, (customer) => ({
          template,
          data: this.noticeData(customer, account, reason),
        }));
      }
      await this.markSucceeded(manager, action.id);
    });
    this.logger.log(
      { accountId: account.id, from: account.status, to, by: action.requestedBy },
      'Hosting account changed state',
    );
  }

  private async succeed(action: AccountAction): Promise<void> {
    await this.dataSource.transaction((manager) => this.markSucceeded(manager, action.id));
  }

  private async markSucceeded(manager: EntityManager, actionId: string): Promise<void> {
    await manager.query(
      `UPDATE account_actions SET status = 'succeeded', last_error = NULL, error_code = NULL, error_status = NULL,
              finished_at = now(), updated_at = now()
       WHERE id = $1`,
      [actionId],
    );
  }

  private async markFailed(actionId: string, error: Error): Promise<void> {
    const exception =
      error instanceof ActionRefused
        ? error.exception
        : error instanceof DomainException
          ? error
          : new DomainException(HttpStatus.BAD_GATEWAY, 'PANEL_ERROR', error.message);
    await this.dataSource.query(
      `UPDATE account_actions SET status = 'failed', last_error = $2, error_code = $3, error_status = $4,
              finished_at = now(), updated_at = now()
       WHERE id = $1 AND status <> 'succeeded'`,
      [actionId, exception.message, exception.code, exception.getStatus()],
    );
    this.logger.warn({ actionId, reason: exception.message }, 'Account action failed');
  }

  /**
   * Panel outages are retried with backoff; answers that retrying cannot change (the panel does
   * not know the account, refuses the request, or the account is in the wrong state) fail now.
   */
  private classify(error: unknown, action: AccountAction, server: PanelServer): Error {
    if (error instanceof ActionRefused) return error;
    if (error instanceof DomainException) return new ActionRefused(error);
    if (error instanceof PanelError) {
      const described = describePanelFailure(
        error,
        server,
        `${ACTION_GERUND[action.action]} the account`,
      );
      const permanent = ['not_found', 'bad_request', 'conflict'].includes(error.kind);
      return permanent ? new ActionRefused(described) : described;
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  private async notify(
    manager: EntityManager,
    action: AccountAction,
    account: HostingAccount,
    build: (customer: User) => EmailTemplate,
  ): Promise<void> {
    const customer = await manager.getRepository(User).findOneBy({ id: account.customerId });
    if (!customer) return;
    await this.mail.queue(manager, customer.email, build(customer), `account-action:${action.id}`);
  }

  private noticeData(customer: User, account: HostingAccount, reason: string | null) {
    return {
      fullName: customer.fullName,
      username: account.username,
      reason,
      accountUrl: `${this.config.publicAppUrl}/my`,
    };
  }

  private async waitUntilSettled(actionId: string, timeoutMs: number): Promise<AccountAction> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const action = await this.reloadAction(actionId);
      if (action.status === 'succeeded' || action.status === 'failed' || Date.now() > deadline)
        return action;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private reloadAction(id: string): Promise<AccountAction> {
    return this.dataSource.getRepository(AccountAction).findOneByOrFail({ id });
  }

  private connection(account: AccountWithServer) {
    return this.servers.connectionOf(account.server);
  }

  private panelUserId(account: HostingAccount): number {
    if (account.nextpanelUserId === null)
      throw new ActionRefused(conflict('Account has no panel user id', 'ACCOUNT_NOT_ON_PANEL'));
    return account.nextpanelUserId;
  }

  private async load(id: number): Promise<AccountWithServer> {
    const account = await this.dataSource
      .getRepository(HostingAccount)
      .findOne({ where: { id }, relations: { server: true } });
    if (!account || !account.server) throw notFound('Hosting account');
    return account as AccountWithServer;
  }
}

/** `admin:1`, `api_key:3`, `system:automation.run`: who asked, in the account events' form. */
export function currentActorName(): string {
  const actor = RequestContext.current()?.actor;
  if (!actor) return 'system';
  return `${actor.type}:${actor.type === 'system' ? actor.label : (actor.id ?? actor.label)}`;
}

function storableParams(params: AccountActionParams): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}

function sameParams(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

export function toAccountActionResponse(action: AccountAction): AccountActionResponse {
  return {
    id: action.id,
    account_id: action.accountId,
    action: action.action,
    status: action.status,
    params: action.params,
    requested_by: action.requestedBy,
    attempts: action.attempts,
    last_error: action.lastError,
    created_at: action.createdAt.toISOString(),
    finished_at: action.finishedAt?.toISOString() ?? null,
  };
}
