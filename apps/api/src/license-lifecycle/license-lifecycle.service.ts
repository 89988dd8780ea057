import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AccountActionType,
  LICENSE_TRANSITIONS,
  LicenseEventResponse,
  LicenseStatus,
  LicenseRenewalResponse,
  LicenseStatusChangeResponse,
  SuspensionKind,
} from '@nextpanel/shared';
import { DataSource } from 'typeorm';
import { paymentReceivedJob } from '../automation/payment-received';
import { JobQueue } from '../jobs/job-queue.service';
import { MailService } from '../mail/mail.service';
import { Payment } from '../payments/payment.entity';
import { toPaymentResponse } from '../payments/payments.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { IntegrationEvents } from '../webhooks/integration-events.service';
import { AuditLog } from '../audit/audit-log.service';
import { returnedRows } from '../common/database/returned-rows';
import { conflict, DomainException, notFound } from '../common/errors/domain.exception';
import { LicenseEvent } from '../licenses/license-event.entity';
import { License } from '../licenses/license.entity';
import {
  AccountActionParams,
  AccountLifecycle,
  currentActorName,
} from '../provisioning/account-lifecycle.service';

export interface LicenseChangeOptions {
  reason?: string | null;
  includeAccounts?: boolean;
  /** For suspensions carried to accounts: `non_payment` ones are lifted when payment arrives. */
  suspensionKind?: SuspensionKind;
}

const ACCOUNT_ACTION_FOR: Partial<Record<LicenseStatus, AccountActionType>> = {
  suspended: 'suspend',
  active: 'unsuspend',
  cancelled: 'terminate',
};

const VERB: Record<LicenseStatus, string> = {
  active: 'reactivated',
  suspended: 'suspended',
  expired: 'expired',
  cancelled: 'cancelled',
};

/**
 * License status changes by the state machine, each recorded with who caused it, optionally
 * carried to the license's hosting accounts through their own (queued) lifecycle actions.
 */
@Injectable()
export class LicenseLifecycle {
  private readonly logger = new Logger(LicenseLifecycle.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountLifecycle,
    private readonly audit: AuditLog,
    private readonly jobs: JobQueue,
    private readonly mail: MailService,
    private readonly integrationEvents: IntegrationEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * An admin records a renewal paid outside Stripe (bank transfer, cash): the subscription's
   * period moves on by one billing cycle, a manual payment is recorded, and the automation then
   * reactivates what non-payment suspended, exactly as after a Stripe renewal.
   */
  async renewManually(
    licenseId: number,
    reference: string | null,
  ): Promise<LicenseRenewalResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [subscription] = await manager.query(
        `SELECT s.id, s.status, s.billing_cycle, s.price_cents, s.currency, s.current_period_start,
                s.current_period_end, s.stripe_subscription_id, l.customer_id, l.status AS license_status,
                p.name AS plan_name
         FROM licenses l
         JOIN plans p ON p.id = l.plan_id
         LEFT JOIN subscriptions s ON s.license_id = l.id
         WHERE l.id = $1
         FOR UPDATE OF l`,
        [licenseId],
      );
      if (!subscription) throw notFound('License');
      if (subscription.id === null)
        throw conflict('The license has no subscription to renew', 'NO_SUBSCRIPTION');
      if (subscription.license_status === 'cancelled' || subscription.status === 'cancelled')
        throw conflict('A cancelled license cannot be renewed', 'INVALID_LICENSE_STATE');
      if (subscription.stripe_subscription_id)
        throw conflict(
          'This subscription is billed by Stripe, which renews it; record the payment there',
          'SUBSCRIPTION_BILLED_BY_STRIPE',
        );
      const [renewed] = returnedRows<{ current_period_start: Date; current_period_end: Date }>(
        await manager.query(
          `UPDATE subscriptions
           SET status = 'active', current_period_start = current_period_end,
               current_period_end = current_period_end + CASE billing_cycle WHEN 'yearly' THEN interval '1 year' ELSE interval '1 month' END,
               updated_at = now()
           WHERE id = $1 RETURNING current_period_start, current_period_end`,
          [subscription.id],
        ),
      );
      const [payment] = await manager.query(
        `INSERT INTO payments (customer_id, subscription_id, kind, status, amount_cents, currency)
         VALUES ($1, $2, 'manual', 'succeeded', $3, $4) RETURNING id`,
        [
          subscription.customer_id,
          subscription.id,
          subscription.price_cents,
          subscription.currency,
        ],
      );
      await this.audit.record(
        {
          action: 'subscription.renew',
          entityType: 'license',
          entityId: licenseId,
          before: {
            current_period_start: subscription.current_period_start,
            current_period_end: subscription.current_period_end,
            status: subscription.status,
          },
          after: {
            current_period_start: renewed.current_period_start,
            current_period_end: renewed.current_period_end,
            status: 'active',
            payment_id: payment.id,
            reference,
          },
        },
        manager,
      );
      await this.integrationEvents.publish(
        'payment.succeeded',
        toPaymentResponse(await manager.findOneByOrFail(Payment, { id: payment.id })),
        manager,
      );
      const [customer] = await manager.query(`SELECT email, full_name FROM users WHERE id = $1`, [
        subscription.customer_id,
      ]);
      await this.mail.queue(
        manager,
        customer.email,
        {
          template: 'payment_received',
          data: {
            fullName: customer.full_name,
            planName: subscription.plan_name,
            amount: `${(subscription.price_cents / 100).toFixed(2)} ${String(subscription.currency).toUpperCase()}`,
            accountUrl: `${this.config.publicAppUrl}/my`,
          },
        },
        `payment_received:payment:${payment.id}`,
      );
      await this.jobs.enqueue(paymentReceivedJob(licenseId, `manual:${payment.id}`), manager);
      return {
        license_id: licenseId,
        payment_id: payment.id,
        current_period_start: renewed.current_period_start.toISOString(),
        current_period_end: renewed.current_period_end.toISOString(),
      };
    });
  }

  async change(
    licenseId: number,
    to: LicenseStatus,
    options: LicenseChangeOptions = {},
  ): Promise<LicenseStatusChangeResponse> {
    const actor = currentActorName();
    const reason = options.reason ?? null;
    await this.dataSource.transaction(async (manager) => {
      const [license] = await manager.query(
        `SELECT id, status FROM licenses WHERE id = $1 FOR UPDATE`,
        [licenseId],
      );
      if (!license) throw notFound('License');
      const from = license.status as LicenseStatus;
      if (from === to) return;
      if (!LICENSE_TRANSITIONS[from].includes(to)) {
        throw conflict(`A ${from} license cannot be ${VERB[to]}`, 'INVALID_LICENSE_STATE');
      }
      returnedRows(
        await manager.query(
          `UPDATE licenses SET status = $2, updated_at = now() WHERE id = $1 RETURNING id`,
          [licenseId, to],
        ),
      );
      await manager.query(
        `INSERT INTO license_events (license_id, from_status, to_status, actor, reason) VALUES ($1, $2, $3, $4, $5)`,
        [licenseId, from, to, actor, reason],
      );
      await this.audit.record(
        {
          action: `license.${to === 'active' ? 'reactivate' : to === 'suspended' ? 'suspend' : to === 'cancelled' ? 'cancel' : 'expire'}`,
          entityType: 'license',
          entityId: licenseId,
          before: { status: from },
          after: { status: to, reason },
        },
        manager,
      );
    });
    const accounts = options.includeAccounts
      ? await this.carryToAccounts(licenseId, to, options)
      : [];
    this.logger.log({ licenseId, to, by: actor }, 'License status changed');
    return { license_id: licenseId, status: to, accounts };
  }

  async events(licenseId: number): Promise<LicenseEventResponse[]> {
    if (!(await this.dataSource.getRepository(License).existsBy({ id: licenseId })))
      throw notFound('License');
    const events = await this.dataSource
      .getRepository(LicenseEvent)
      .find({ where: { licenseId }, order: { id: 'DESC' } });
    return events.map((event) => ({
      id: event.id,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      actor: event.actor,
      reason: event.reason,
      created_at: event.createdAt.toISOString(),
    }));
  }

  /** One account action per live account; a panel that is down leaves it queued, not failed. */
  private async carryToAccounts(
    licenseId: number,
    to: LicenseStatus,
    options: LicenseChangeOptions,
  ): Promise<LicenseStatusChangeResponse['accounts']> {
    const action = ACCOUNT_ACTION_FOR[to];
    if (!action) return [];
    const rows: Array<{ id: number; status: string; suspension_kind: string | null }> =
      await this.dataSource.query(
        `SELECT id, status, suspension_kind FROM hosting_accounts
         WHERE license_id = $1 AND status IN ('active', 'suspended') ORDER BY id`,
        [licenseId],
      );
    const outcomes: LicenseStatusChangeResponse['accounts'] = [];
    for (const row of rows) {
      const params: AccountActionParams = { reason: options.reason ?? null };
      if (action === 'suspend') params.suspension_kind = options.suspensionKind ?? 'admin';
      // Reactivating a license lifts the suspensions it caused, never an admin's own.
      if (action === 'unsuspend' && options.suspensionKind) {
        if (row.status === 'suspended' && row.suspension_kind !== options.suspensionKind) {
          outcomes.push({
            account_id: row.id,
            outcome: 'skipped',
            detail: 'Suspended by an administrator; only an administrator lifts it',
          });
          continue;
        }
        params.only_if_kind = options.suspensionKind;
      }
      try {
        const outcome = await this.accounts.request(row.id, action, params);
        outcomes.push({
          account_id: row.id,
          outcome: outcome.done ? 'done' : 'queued',
          detail: outcome.result.action?.last_error ?? null,
        });
      } catch (error) {
        if (!(error instanceof DomainException)) throw error;
        outcomes.push({ account_id: row.id, outcome: 'skipped', detail: error.message });
      }
    }
    return outcomes;
  }
}
