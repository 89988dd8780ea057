import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CheckoutResponse,
  OrderResponse,
  OrderStatus,
  Page,
  PaymentKind,
  PaymentStatus,
} from '@nextpanel/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { conflict, DomainException, notFound } from '../common/errors/domain.exception';
import { pageWindow, toPage } from '../common/pagination/page.dto';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { JobQueue } from '../jobs/job-queue.service';
import { MailService } from '../mail/mail.service';
import { StripeGateway } from '../stripe/stripe-gateway';
import { Plan } from '../plans/plan.entity';
import { centsToAmount } from '../plans/plan-money';
import { Payment } from '../payments/payment.entity';
import { toPaymentResponse } from '../payments/payments.service';
import { User } from '../users/user.entity';
import { IntegrationEvents } from '../webhooks/integration-events.service';
import { CheckoutDto, OrderListQueryDto } from './dto/order.dto';
import { fulfilmentDedupeKey, OrderFulfilment } from './order-fulfilment.service';
import { Order } from './order.entity';
import { orderAuditSnapshot, toOrderResponse } from './order.mapper';

@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stripe: StripeGateway,
    private readonly fulfilment: OrderFulfilment,
    private readonly mail: MailService,
    private readonly jobs: JobQueue,
    private readonly audit: AuditLog,
    private readonly events: IntegrationEvents,
  ) {}

  /**
   * A customer starts buying a plan: the order is recorded as `pending`, then Stripe opens a
   * Checkout Session for it. Without Stripe keys the order is still recorded (an admin can mark it
   * paid) and the answer says payments are not configured.
   */
  async checkout(customerId: number, request: CheckoutDto): Promise<CheckoutResponse> {
    const plan = await this.dataSource.getRepository(Plan).findOneBy({ id: request.plan_id });
    if (!plan) throw notFound('Plan');
    if (!plan.isActive)
      throw conflict(`The plan "${plan.name}" is no longer sold`, 'PLAN_INACTIVE');
    const customer = await this.dataSource.getRepository(User).findOneByOrFail({ id: customerId });
    const amountCents =
      request.billing_cycle === 'yearly' ? plan.priceYearlyCents : plan.priceMonthlyCents;
    const order = await this.dataSource.getRepository(Order).save(
      this.dataSource.getRepository(Order).create({
        customerId,
        planId: plan.id,
        billingCycle: request.billing_cycle,
        status: OrderStatus.Pending,
        statusReason: this.stripe.enabled
          ? null
          : 'Online payments are not configured; waiting for an administrator',
        amountCents,
        currency: plan.currency,
      }),
    );
    if (!this.stripe.enabled) {
      throw new DomainException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'PAYMENTS_NOT_CONFIGURED',
        `Online payments are not configured. Order #${order.id} is recorded; an administrator can mark it as paid.`,
      );
    }
    try {
      const session = await this.stripe.createCheckoutSession({
        orderId: order.id,
        customerId,
        customerEmail: customer.email,
        planId: plan.id,
        planName: plan.name,
        billingCycle: request.billing_cycle,
        amountCents,
        currency: plan.currency,
      });
      await this.dataSource.query(
        `UPDATE orders SET stripe_checkout_session_id = $2, checkout_url = $3, updated_at = now() WHERE id = $1`,
        [order.id, session.id, session.url],
      );
      return { order_id: order.id, checkout_url: session.url, session_id: session.id };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(
        `UPDATE orders SET status = 'cancelled', status_reason = $2, updated_at = now() WHERE id = $1`,
        [order.id, `Stripe checkout could not be opened: ${reason}`.slice(0, 1000)],
      );
      this.logger.error({ orderId: order.id, reason }, 'Stripe checkout failed');
      throw new DomainException(
        HttpStatus.BAD_GATEWAY,
        'PAYMENT_PROVIDER_ERROR',
        'The payment provider could not open a checkout; please try again',
      );
    }
  }

  async list(query: OrderListQueryDto, customerId?: number): Promise<Page<OrderResponse>> {
    const window = pageWindow(query);
    const builder = this.dataSource
      .getRepository(Order)
      .createQueryBuilder('o')
      .leftJoinAndSelect('o.plan', 'plan')
      .orderBy('o.id', 'DESC');
    if (customerId !== undefined) builder.andWhere('o.customer_id = :customerId', { customerId });
    else if (query.customer_id)
      builder.andWhere('o.customer_id = :customerId', { customerId: query.customer_id });
    if (query.status) builder.andWhere('o.status = :status', { status: query.status });
    const [items, total] = await builder
      .skip(window.offset)
      .take(window.pageSize)
      .getManyAndCount();
    return toPage(items.map(toOrderResponse), total, window);
  }

  /** One order; with `customerId`, only if it is that customer's (404 otherwise, not 403). */
  async get(id: number, customerId?: number): Promise<OrderResponse> {
    const order = await this.dataSource.getRepository(Order).findOne({
      where: { id, ...(customerId !== undefined ? { customerId } : {}) },
      relations: { plan: true },
    });
    if (!order) throw notFound('Order');
    return toOrderResponse(order);
  }

  /** An admin records a payment made outside Stripe; fulfilment is the very same job. */
  async markPaid(id: number): Promise<OrderResponse> {
    await this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(Order, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!order) throw notFound('Order');
      if (order.status !== OrderStatus.Pending)
        throw conflict(`A ${order.status} order cannot be marked as paid`, 'ORDER_NOT_PENDING');
      await this.recordPayment(manager, order, {
        kind: PaymentKind.Manual,
        stripeCustomerId: null,
        stripeSubscriptionId: null,
        eventId: null,
      });
      const paid = await manager.findOneByOrFail(Order, { id });
      await this.audit.record(
        {
          action: 'order.mark_paid',
          entityType: 'order',
          entityId: id,
          before: orderAuditSnapshot(order),
          after: orderAuditSnapshot(paid),
        },
        manager,
      );
    });
    return this.get(id);
  }

  /** Runs a failed or waiting order's fulfilment again now. */
  async retry(id: number): Promise<OrderResponse> {
    const order = await this.dataSource.getRepository(Order).findOneBy({ id });
    if (!order) throw notFound('Order');
    if (order.status !== OrderStatus.Failed && order.status !== OrderStatus.AwaitingCapacity) {
      throw conflict(`A ${order.status} order has nothing to retry`, 'ORDER_NOT_RETRYABLE');
    }
    const [job] = await this.dataSource.query(`SELECT id, status FROM jobs WHERE dedupe_key = $1`, [
      fulfilmentDedupeKey(id),
    ]);
    if (job?.status === 'failed') await this.jobs.retry(String(job.id));
    else if (job)
      await this.dataSource.query(
        `UPDATE jobs SET run_at = now() WHERE id = $1 AND status = 'queued'`,
        [job.id],
      );
    else await this.fulfilment.queue(this.dataSource.manager, id);
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOneOrFail(Order, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      await manager.query(
        `UPDATE orders SET status = 'paid', status_reason = NULL, updated_at = now() WHERE id = $1`,
        [id],
      );
      const retried = await manager.findOneByOrFail(Order, { id });
      await this.audit.record(
        {
          action: 'order.retry',
          entityType: 'order',
          entityId: id,
          before: orderAuditSnapshot(current),
          after: orderAuditSnapshot(retried),
        },
        manager,
      );
    });
    return this.get(id);
  }

  /**
   * Marks a pending order paid, records the payment and queues fulfilment and the receipt, all in
   * the caller's transaction: either everything about the payment is stored, or nothing is.
   */
  async recordPayment(
    manager: EntityManager,
    order: Order,
    source: {
      kind: PaymentKind;
      stripeCustomerId: string | null;
      stripeSubscriptionId: string | null;
      eventId: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE orders SET status = 'paid', status_reason = NULL, paid_at = now(), stripe_customer_id = $2,
              stripe_subscription_id = $3, updated_at = now()
       WHERE id = $1`,
      [order.id, source.stripeCustomerId, source.stripeSubscriptionId],
    );
    const [payment]: Array<{ id: number }> = await manager.query(
      `INSERT INTO payments (customer_id, order_id, kind, status, amount_cents, currency, stripe_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        order.customerId,
        order.id,
        source.kind,
        PaymentStatus.Succeeded,
        order.amountCents,
        order.currency,
        source.eventId,
      ],
    );
    await this.audit.record(
      {
        action: 'payment.record',
        entityType: 'payment',
        entityId: payment.id,
        after: {
          id: payment.id,
          customer_id: order.customerId,
          order_id: order.id,
          kind: source.kind,
          status: PaymentStatus.Succeeded,
          amount: centsToAmount(order.amountCents),
          currency: order.currency,
          stripe_event_id: source.eventId,
        },
      },
      manager,
    );
    await this.events.publish(
      'payment.succeeded',
      toPaymentResponse(await manager.findOneByOrFail(Payment, { id: payment.id })),
      manager,
    );
    await this.fulfilment.queue(manager, order.id);
    const customer = await manager.findOneByOrFail(User, { id: order.customerId });
    const plan = await manager.findOneByOrFail(Plan, { id: order.planId });
    await this.mail.queue(
      manager,
      customer.email,
      {
        template: 'payment_received',
        data: {
          fullName: customer.fullName,
          planName: plan.name,
          amount: OrderFulfilment.amountLabel(order),
          accountUrl: `${this.config.publicAppUrl}/my`,
        },
      },
      `payment_received:order:${order.id}`,
    );
  }
}
