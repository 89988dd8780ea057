import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { JobQueue } from '../jobs/job-queue.service';
import { JobScheduler } from '../jobs/job-scheduler';
import { StripeGateway } from '../stripe/stripe-gateway';
import {
  checkoutOrderIdOf,
  RecoverableObject,
  StripeWebhooksService,
} from './stripe-webhooks.service';

export const STRIPE_RECONCILIATION_QUEUE = 'payments.stripe-reconcile';
/**
 * How far back each run looks. A Checkout Session can be paid at most 24 h after it was opened
 * (Stripe expires it then); two days also cover this job having been down for a day.
 */
export const RECONCILIATION_LOOKBACK_MS = 48 * 3600_000;
/**
 * A renewal retried by Stripe can be paid days after its invoice was created, out of the window
 * above. Subscriptions whose paid period ended without a recorded renewal are asked about one by
 * one, for this long after the period end and at most this many per run.
 */
const OVERDUE_LOOKBACK_DAYS = 35;
const OVERDUE_SUBSCRIPTIONS_PER_RUN = 50;

export interface ReconciliationResult {
  skipped: boolean;
  since: string | null;
  checkout_sessions_seen: number;
  invoices_seen: number;
  recovered_checkout_sessions: string[];
  recovered_invoices: string[];
  errors: Array<{ id: string; reason: string }>;
}

/**
 * The safety net under Stripe's webhooks: a scheduled job (every STRIPE_RECONCILIATION_INTERVAL_MS,
 * once across all API processes) lists what Stripe says was paid recently, and every paid Checkout
 * Session or renewal invoice the database does not know goes through the webhook's own handler.
 * A lost or misconfigured webhook therefore delays an account by one interval, never forever.
 */
@Injectable()
export class StripeReconciliation implements OnModuleInit {
  private readonly logger = new Logger(StripeReconciliation.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly scheduler: JobScheduler,
    private readonly stripe: StripeGateway,
    private readonly webhooks: StripeWebhooksService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(STRIPE_RECONCILIATION_QUEUE, {
      run: async (_payload, context) => {
        const result = await this.reconcile();
        // The run's findings stay on the job (GET /api/v1/jobs?queue=payments.stripe-reconcile).
        await this.dataSource.query(
          `UPDATE jobs SET payload = payload || jsonb_build_object('result', $2::jsonb) WHERE id = $1`,
          [context.job.id, JSON.stringify(result)],
        );
        if (result.errors.length > 0)
          throw new Error(
            `Stripe reconciliation could not apply ${result.errors.map((e) => e.id).join(', ')}`,
          );
      },
    });
    if (this.stripe.enabled)
      this.scheduler.every(
        'stripe-reconciliation',
        this.config.payments.reconciliationIntervalMs,
        STRIPE_RECONCILIATION_QUEUE,
      );
  }

  async reconcile(now: Date = new Date()): Promise<ReconciliationResult> {
    const result: ReconciliationResult = {
      skipped: !this.stripe.enabled,
      since: null,
      checkout_sessions_seen: 0,
      invoices_seen: 0,
      recovered_checkout_sessions: [],
      recovered_invoices: [],
      errors: [],
    };
    if (!this.stripe.enabled) {
      this.logger.log('Stripe is not configured: nothing to reconcile');
      return result;
    }
    const since = new Date(now.getTime() - RECONCILIATION_LOOKBACK_MS);
    result.since = since.toISOString();

    for await (const session of this.stripe.completedCheckoutSessions(since)) {
      result.checkout_sessions_seen += 1;
      if (session.payment_status === 'unpaid') continue;
      const orderId = checkoutOrderIdOf(session);
      if (orderId === null || !(await this.orderAwaitsPayment(orderId))) continue;
      if (await this.recover({ type: 'checkout.session.completed', object: session }, result))
        result.recovered_checkout_sessions.push(session.id);
    }

    const invoices = new Map<string, Stripe.Invoice>();
    for await (const invoice of this.stripe.paidInvoices(since)) {
      result.invoices_seen += 1;
      if (invoice.id) invoices.set(invoice.id, invoice);
    }
    for (const overdue of await this.overdueSubscriptions()) {
      const periodEnded = new Date(overdue.current_period_end.getTime() - 24 * 3600_000);
      for await (const invoice of this.stripe.paidInvoices(
        periodEnded,
        overdue.stripe_subscription_id,
      )) {
        result.invoices_seen += 1;
        if (invoice.id) invoices.set(invoice.id, invoice);
      }
    }
    for (const [id, invoice] of invoices) {
      // The first invoice is the checkout's, handled (or recovered) through its session.
      if (invoice.billing_reason === 'subscription_create') continue;
      if (await this.invoiceRecorded(id)) continue;
      if (await this.recover({ type: 'invoice.paid', object: invoice }, result))
        result.recovered_invoices.push(id);
    }

    const summary = {
      since: result.since,
      checkoutSessionsSeen: result.checkout_sessions_seen,
      invoicesSeen: result.invoices_seen,
      recoveredCheckoutSessions: result.recovered_checkout_sessions,
      recoveredInvoices: result.recovered_invoices,
      errors: result.errors.length,
    };
    const recovered =
      result.recovered_checkout_sessions.length + result.recovered_invoices.length > 0;
    if (recovered || result.errors.length > 0)
      this.logger.warn(summary, 'Stripe reconciliation recovered payments whose webhook was lost');
    else this.logger.log(summary, 'Stripe reconciliation found nothing missing');
    return result;
  }

  /** One object's failure (say, a bad row) must not keep the others from being recovered. */
  private async recover(found: RecoverableObject, result: ReconciliationResult): Promise<boolean> {
    try {
      return await this.webhooks.recover(found);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error({ id: found.object.id, type: found.type, reason }, 'Recovery failed');
      result.errors.push({ id: found.object.id ?? '?', reason: reason.slice(0, 500) });
      return false;
    }
  }

  private async orderAwaitsPayment(orderId: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM orders WHERE id = $1 AND status = 'pending'`,
      [orderId],
    );
    return rows.length > 0;
  }

  private async invoiceRecorded(invoiceId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM payments WHERE stripe_invoice_id = $1 AND status = 'succeeded' LIMIT 1`,
      [invoiceId],
    );
    return rows.length > 0;
  }

  private async overdueSubscriptions(): Promise<
    Array<{ stripe_subscription_id: string; current_period_end: Date }>
  > {
    return this.dataSource.query(
      `SELECT stripe_subscription_id, current_period_end FROM subscriptions
       WHERE stripe_subscription_id IS NOT NULL AND status IN ('active', 'past_due')
         AND current_period_end < now() AND current_period_end > now() - make_interval(days => $1)
       ORDER BY current_period_end LIMIT $2`,
      [OVERDUE_LOOKBACK_DAYS, OVERDUE_SUBSCRIPTIONS_PER_RUN],
    );
  }
}
