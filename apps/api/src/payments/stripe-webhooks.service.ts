import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrderStatus, PaymentKind } from '@nextpanel/shared';
import Stripe from 'stripe';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { paymentReceivedJob } from '../automation/payment-received';
import { returnedRows } from '../common/database/returned-rows';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { License } from '../licenses/license.entity';
import { toSubscriptionResponse } from '../licenses/licenses.service';
import { Subscription } from '../licenses/subscription.entity';
import { MailService } from '../mail/mail.service';
import { Order } from '../orders/order.entity';
import { OrdersService } from '../orders/orders.service';
import { Plan } from '../plans/plan.entity';
import { centsToAmount } from '../plans/plan-money';
import { User } from '../users/user.entity';
import { JobQueue } from '../jobs/job-queue.service';
import { IntegrationEvents } from '../webhooks/integration-events.service';
import { Payment } from './payment.entity';
import { toPaymentResponse } from './payments.service';

/** What the reconciliation job can find paid at Stripe without its event having arrived. */
export type RecoverableObject =
  | { type: 'checkout.session.completed'; object: Stripe.Checkout.Session }
  | { type: 'invoice.paid'; object: Stripe.Invoice };

export interface WebhookOutcome {
  received: true;
  duplicate: boolean;
  handled: boolean;
}

/**
 * Applies verified Stripe events exactly once. The event id is inserted first, in the same
 * transaction as everything the event changes: a redelivery (even a concurrent one, which waits
 * on the primary key) finds the id and changes nothing. The work that follows a payment is only
 * enqueued here, so Stripe gets its 200 quickly.
 */
@Injectable()
export class StripeWebhooksService {
  private readonly logger = new Logger(StripeWebhooksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orders: OrdersService,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
    private readonly events: IntegrationEvents,
    private readonly jobs: JobQueue,
  ) {}

  async apply(event: Stripe.Event): Promise<WebhookOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO stripe_events (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type],
      );
      if (inserted.length === 0) return { received: true, duplicate: true, handled: false };
      const handled = await this.dispatch(manager, event);
      this.logger.log({ eventId: event.id, type: event.type, handled }, 'Stripe event applied');
      return { received: true, duplicate: false, handled };
    });
  }

  /**
   * The reconciliation job's way in, for a paid object whose event never arrived: the same handler
   * as the event's, keyed by the object (a pending order is paid once under its row lock; an
   * invoice is paid once per invoice id), so whichever of the job and a late webhook comes second
   * changes nothing. Recorded in `stripe_events` as `reconciled:<object id>` only if it did
   * something: an invoice of a subscription not known yet is simply looked at again next run.
   */
  async recover(found: RecoverableObject): Promise<boolean> {
    const eventId = `reconciled:${found.object.id}`;
    return this.dataSource.transaction(async (manager) => {
      const handled =
        found.type === 'checkout.session.completed'
          ? await this.checkoutCompleted(manager, found.object, eventId)
          : await this.invoicePaid(manager, found.object, eventId);
      if (!handled) return false;
      await manager.query(
        `INSERT INTO stripe_events (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
        [eventId, found.type],
      );
      this.logger.log({ eventId, type: found.type }, 'Stripe object recovered without its event');
      return true;
    });
  }

  private async dispatch(manager: EntityManager, event: Stripe.Event): Promise<boolean> {
    switch (event.type) {
      case 'checkout.session.completed':
        return this.checkoutCompleted(manager, event.data.object, event.id);
      case 'invoice.paid':
        return this.invoicePaid(manager, event.data.object, event.id);
      case 'invoice.payment_failed':
        return this.invoiceFailed(manager, event.data.object, event.id);
      case 'customer.subscription.deleted':
        return this.subscriptionDeleted(manager, event.data.object);
      default:
        return false;
    }
  }

  private async checkoutCompleted(
    manager: EntityManager,
    session: Stripe.Checkout.Session,
    eventId: string,
  ): Promise<boolean> {
    if (session.payment_status === 'unpaid') return false;
    const orderId = checkoutOrderIdOf(session);
    if (orderId === null) return false;
    const order = await manager.findOne(Order, {
      where: { id: orderId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!order || order.status !== OrderStatus.Pending) return false;
    await this.orders.recordPayment(manager, order, {
      kind: PaymentKind.Checkout,
      stripeCustomerId: idOf(session.customer),
      stripeSubscriptionId: idOf(session.subscription),
      eventId,
    });
    if (session.id && order.stripeCheckoutSessionId === null) {
      await manager.query(`UPDATE orders SET stripe_checkout_session_id = $2 WHERE id = $1`, [
        order.id,
        session.id,
      ]);
    }
    return true;
  }

  /** A renewal: the subscription's paid period moves on. The first invoice is the checkout's. */
  private async invoicePaid(
    manager: EntityManager,
    invoice: Stripe.Invoice,
    eventId: string,
  ): Promise<boolean> {
    if (invoice.billing_reason === 'subscription_create') return false;
    if (invoice.id && (await this.invoiceAlreadyPaid(manager, invoice.id))) return false;
    const subscription = await this.subscriptionOf(manager, invoice);
    if (!subscription) return false;
    const period = invoice.lines?.data?.[0]?.period;
    await manager.query(
      `UPDATE subscriptions SET status = 'active',
              current_period_start = COALESCE(to_timestamp($2), current_period_end),
              current_period_end = COALESCE(to_timestamp($3), current_period_end + CASE billing_cycle WHEN 'yearly' THEN interval '1 year' ELSE interval '1 month' END),
              updated_at = now()
       WHERE id = $1`,
      [subscription.id, period?.start ?? null, period?.end ?? null],
    );
    await this.recordSubscriptionChange(manager, 'subscription.renew', subscription);
    const customer = await this.insertPayment(
      manager,
      subscription,
      invoice,
      eventId,
      'succeeded',
      null,
    );
    await this.mail.queue(
      manager,
      customer.email,
      {
        template: 'payment_received',
        data: {
          fullName: customer.fullName,
          planName: subscription.planName,
          amount: amountOf(invoice, 'amount_paid'),
          accountUrl: `${this.config.publicAppUrl}/my`,
        },
      },
      `payment_received:event:${eventId}`,
    );
    // The automation reactivates what non-payment suspended (never an admin's suspension).
    await this.jobs.enqueue(
      paymentReceivedJob(subscription.licenseId, invoice.id ?? eventId),
      manager,
    );
    return true;
  }

  private async invoiceFailed(
    manager: EntityManager,
    invoice: Stripe.Invoice,
    eventId: string,
  ): Promise<boolean> {
    const subscription = await this.subscriptionOf(manager, invoice);
    if (!subscription) return false;
    await manager.query(
      `UPDATE subscriptions SET status = 'past_due', updated_at = now() WHERE id = $1`,
      [subscription.id],
    );
    await this.recordSubscriptionChange(manager, 'subscription.mark_past_due', subscription);
    const reason = invoice.last_finalization_error?.message ?? 'the card was declined';
    const customer = await this.insertPayment(
      manager,
      subscription,
      invoice,
      eventId,
      'failed',
      reason,
    );
    await this.mail.queue(
      manager,
      customer.email,
      {
        template: 'payment_failed',
        data: {
          fullName: customer.fullName,
          planName: subscription.planName,
          amount: amountOf(invoice, 'amount_due'),
          reason,
          accountUrl: `${this.config.publicAppUrl}/my`,
        },
      },
      `payment_failed:event:${eventId}`,
    );
    return true;
  }

  private async subscriptionDeleted(
    manager: EntityManager,
    stripeSubscription: Stripe.Subscription,
  ): Promise<boolean> {
    const before = await manager.findOne(Subscription, {
      where: { stripeSubscriptionId: stripeSubscription.id },
      lock: { mode: 'pessimistic_write' },
    });
    const rows = returnedRows<{ license_id: number }>(
      await manager.query(
        `UPDATE subscriptions SET status = 'cancelled', cancel_at_period_end = false, updated_at = now()
       WHERE stripe_subscription_id = $1 RETURNING license_id`,
        [stripeSubscription.id],
      ),
    );
    if (rows.length === 0) return false;
    if (before) await this.recordSubscriptionChange(manager, 'subscription.cancel', before);
    const license = await manager.findOneBy(License, { id: rows[0].license_id });
    const cancelled = returnedRows(
      await manager.query(
        `UPDATE licenses SET status = 'cancelled', updated_at = now() WHERE id = $1 AND status IN ('active', 'suspended') RETURNING id`,
        [rows[0].license_id],
      ),
    );
    if (license && cancelled.length > 0)
      await this.audit.record(
        {
          action: 'license.cancel',
          entityType: 'license',
          entityId: license.id,
          before: { license_key: license.licenseKey, status: license.status },
          after: { license_key: license.licenseKey, status: 'cancelled' },
        },
        manager,
      );
    return true;
  }

  /** A subscription's change by this event, from `before` (as loaded) to its row now. */
  private async recordSubscriptionChange(
    manager: EntityManager,
    action: string,
    before: Subscription,
  ): Promise<void> {
    const after = await manager.findOneByOrFail(Subscription, { id: before.id });
    await this.audit.record(
      {
        action,
        entityType: 'subscription',
        entityId: before.id,
        before: { ...toSubscriptionResponse(before), license_id: before.licenseId },
        after: { ...toSubscriptionResponse(after), license_id: after.licenseId },
      },
      manager,
    );
  }

  private async subscriptionOf(
    manager: EntityManager,
    invoice: Stripe.Invoice,
  ): Promise<(Subscription & { planName: string; customerId: number }) | null> {
    const stripeSubscriptionId = subscriptionIdOf(invoice);
    if (!stripeSubscriptionId) return null;
    const subscription = await manager.findOne(Subscription, {
      where: { stripeSubscriptionId },
      relations: { license: true },
    });
    if (!subscription?.license) return null;
    const plan = await manager.findOneByOrFail(Plan, { id: subscription.license.planId });
    return Object.assign(subscription, {
      planName: plan.name,
      customerId: subscription.license.customerId,
    });
  }

  /**
   * A renewal counts once per invoice, not once per event: the reconciliation job may have recorded
   * it before Stripe's late event came (or the reverse). The transaction-scoped advisory lock makes
   * a webhook and a reconciliation run applying the same invoice at the same moment take turns.
   */
  private async invoiceAlreadyPaid(manager: EntityManager, invoiceId: string): Promise<boolean> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('stripe-invoice'), hashtext($1))`, [
      invoiceId,
    ]);
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM payments WHERE stripe_invoice_id = $1 AND status = 'succeeded' LIMIT 1`,
      [invoiceId],
    );
    return rows.length > 0;
  }

  private async insertPayment(
    manager: EntityManager,
    subscription: Subscription & { customerId: number },
    invoice: Stripe.Invoice,
    eventId: string,
    status: 'succeeded' | 'failed',
    failureReason: string | null,
  ): Promise<User> {
    const amountCents = status === 'succeeded' ? invoice.amount_paid : invoice.amount_due;
    const currency = (invoice.currency ?? subscription.currency).toUpperCase();
    const [payment]: Array<{ id: number }> = await manager.query(
      `INSERT INTO payments (customer_id, subscription_id, kind, status, amount_cents, currency, stripe_invoice_id, stripe_event_id, failure_reason)
       VALUES ($1, $2, 'renewal', $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        subscription.customerId,
        subscription.id,
        status,
        amountCents,
        currency,
        invoice.id ?? null,
        eventId,
        failureReason,
      ],
    );
    await this.audit.record(
      {
        action: 'payment.record',
        entityType: 'payment',
        entityId: payment.id,
        after: {
          id: payment.id,
          customer_id: subscription.customerId,
          subscription_id: subscription.id,
          kind: 'renewal',
          status,
          amount: centsToAmount(amountCents),
          currency,
          failure_reason: failureReason,
          stripe_invoice_id: invoice.id ?? null,
          stripe_event_id: eventId,
        },
      },
      manager,
    );
    await this.events.publish(
      status === 'succeeded' ? 'payment.succeeded' : 'payment.failed',
      toPaymentResponse(await manager.findOneByOrFail(Payment, { id: payment.id })),
      manager,
    );
    return manager.findOneByOrFail(User, { id: subscription.customerId });
  }
}

/** Our order behind a Checkout Session (we set both fields when opening it), or null. */
export function checkoutOrderIdOf(session: Stripe.Checkout.Session): number | null {
  const orderId = Number(session.metadata?.order_id ?? session.client_reference_id);
  return Number.isSafeInteger(orderId) ? orderId : null;
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

/** Stripe moved an invoice's subscription under `parent.subscription_details` in 2025; read both. */
function subscriptionIdOf(invoice: Stripe.Invoice): string | null {
  const legacy = (invoice as unknown as { subscription?: string | { id: string } | null })
    .subscription;
  const current = (
    invoice as unknown as {
      parent?: {
        subscription_details?: { subscription?: string | { id: string } | null } | null;
      } | null;
    }
  ).parent?.subscription_details?.subscription;
  return idOf(current ?? legacy ?? null);
}

function amountOf(invoice: Stripe.Invoice, field: 'amount_paid' | 'amount_due'): string {
  return `${(invoice.currency ?? 'usd').toUpperCase()} ${(invoice[field] / 100).toFixed(2)}`;
}
