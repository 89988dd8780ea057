import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrderStatus, PaymentKind } from '@nextpanel/shared';
import Stripe from 'stripe';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../common/database/returned-rows';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { Subscription } from '../licenses/subscription.entity';
import { MailService } from '../mail/mail.service';
import { Order } from '../orders/order.entity';
import { OrdersService } from '../orders/orders.service';
import { Plan } from '../plans/plan.entity';
import { User } from '../users/user.entity';

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
    const orderId = Number(session.metadata?.order_id ?? session.client_reference_id);
    if (!Number.isSafeInteger(orderId)) return false;
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
    const rows = returnedRows<{ license_id: number }>(
      await manager.query(
        `UPDATE subscriptions SET status = 'cancelled', cancel_at_period_end = false, updated_at = now()
       WHERE stripe_subscription_id = $1 RETURNING license_id`,
        [stripeSubscription.id],
      ),
    );
    if (rows.length === 0) return false;
    await manager.query(
      `UPDATE licenses SET status = 'cancelled', updated_at = now() WHERE id = $1 AND status IN ('active', 'suspended')`,
      [rows[0].license_id],
    );
    return true;
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

  private async insertPayment(
    manager: EntityManager,
    subscription: Subscription & { customerId: number },
    invoice: Stripe.Invoice,
    eventId: string,
    status: 'succeeded' | 'failed',
    failureReason: string | null,
  ): Promise<User> {
    await manager.query(
      `INSERT INTO payments (customer_id, subscription_id, kind, status, amount_cents, currency, stripe_invoice_id, stripe_event_id, failure_reason)
       VALUES ($1, $2, 'renewal', $3, $4, $5, $6, $7, $8)`,
      [
        subscription.customerId,
        subscription.id,
        status,
        status === 'succeeded' ? invoice.amount_paid : invoice.amount_due,
        (invoice.currency ?? subscription.currency).toUpperCase(),
        invoice.id ?? null,
        eventId,
        failureReason,
      ],
    );
    return manager.findOneByOrFail(User, { id: subscription.customerId });
  }
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
