import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { DomainException } from '../common/errors/domain.exception';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';

export interface CheckoutSessionRequest {
  orderId: number;
  customerId: number;
  customerEmail: string;
  planId: string;
  planName: string;
  billingCycle: 'monthly' | 'yearly';
  amountCents: number;
  currency: string;
}

export const paymentsNotConfigured = (): DomainException =>
  new DomainException(
    HttpStatus.SERVICE_UNAVAILABLE,
    'PAYMENTS_NOT_CONFIGURED',
    'Online payments are not configured on this installation; an administrator can mark the order as paid',
  );

/** The one place that talks to Stripe, through Stripe's own SDK. */
@Injectable()
export class StripeGateway {
  private readonly stripe: Stripe | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const settings = config.stripe;
    if (!settings) {
      this.stripe = null;
      return;
    }
    const base = settings.apiBase ? new URL(settings.apiBase) : null;
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      ...(base
        ? {
            host: base.hostname,
            port: base.port || (base.protocol === 'https:' ? 443 : 80),
            protocol: base.protocol.replace(':', '') as 'http' | 'https',
          }
        : {}),
    });
  }

  get enabled(): boolean {
    return this.stripe !== null;
  }

  /**
   * A subscription-mode Checkout Session priced from the plan. The idempotency key makes a retried
   * call for the same order return the same session instead of opening a second one.
   */
  async createCheckoutSession(
    request: CheckoutSessionRequest,
  ): Promise<{ id: string; url: string }> {
    if (!this.stripe) throw paymentsNotConfigured();
    const metadata = {
      order_id: String(request.orderId),
      customer_id: String(request.customerId),
      plan_id: request.planId,
      billing_cycle: request.billingCycle,
    };
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'subscription',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: request.currency.toLowerCase(),
              unit_amount: request.amountCents,
              recurring: { interval: request.billingCycle === 'yearly' ? 'year' : 'month' },
              product_data: { name: `${request.planName} (${request.billingCycle})` },
            },
          },
        ],
        customer_email: request.customerEmail,
        client_reference_id: String(request.orderId),
        metadata,
        subscription_data: { metadata },
        success_url: `${this.config.publicAppUrl}/my?order=${request.orderId}&checkout=success`,
        cancel_url: `${this.config.publicAppUrl}/store?order=${request.orderId}&checkout=cancelled`,
      },
      { idempotencyKey: `checkout-order-${request.orderId}` },
    );
    if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
    return { id: session.id, url: session.url };
  }

  /**
   * Completed Checkout Sessions created since `since`, newest first, every page: the SDK's
   * auto-pagination follows `has_more` with `starting_after`. Stripe cannot filter on
   * `payment_status`, so the caller does.
   */
  completedCheckoutSessions(since: Date): AsyncIterable<Stripe.Checkout.Session> {
    if (!this.stripe) throw paymentsNotConfigured();
    return this.stripe.checkout.sessions.list({
      status: 'complete',
      created: { gte: Math.floor(since.getTime() / 1000) },
      limit: 100,
    });
  }

  /** Paid invoices created since `since` (optionally of one subscription), every page. */
  paidInvoices(since: Date, subscriptionId?: string): AsyncIterable<Stripe.Invoice> {
    if (!this.stripe) throw paymentsNotConfigured();
    return this.stripe.invoices.list({
      status: 'paid',
      created: { gte: Math.floor(since.getTime() / 1000) },
      limit: 100,
      ...(subscriptionId ? { subscription: subscriptionId } : {}),
    });
  }

  /** Verifies Stripe's signature over the exact bytes received; throws when it does not match. */
  verifyWebhook(rawBody: Buffer, signature: string): Stripe.Event {
    if (!this.stripe || !this.config.stripe) throw paymentsNotConfigured();
    return this.stripe.webhooks.constructEvent(
      rawBody,
      signature,
      this.config.stripe.webhookSecret,
    );
  }
}
