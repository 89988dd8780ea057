import { OrderResponse } from '@nextpanel/shared';
import { centsToAmount } from '../plans/plan-money';
import { Order } from './order.entity';

/** Needs the order loaded with its plan. */
export function toOrderResponse(order: Order): OrderResponse {
  return {
    id: order.id,
    customer_id: order.customerId,
    plan_id: order.planId,
    plan_name: order.plan?.name ?? '',
    billing_cycle: order.billingCycle,
    status: order.status,
    status_reason: order.statusReason,
    amount: centsToAmount(order.amountCents),
    currency: order.currency,
    license_id: order.licenseId,
    hosting_account_id: order.hostingAccountId,
    checkout_url: order.status === 'pending' ? order.checkoutUrl : null,
    paid_at: order.paidAt?.toISOString() ?? null,
    completed_at: order.completedAt?.toISOString() ?? null,
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
  };
}

/** The order as the audit log keeps it: the response without the Stripe checkout link. */
export function orderAuditSnapshot(
  order: Order,
): Omit<OrderResponse, 'checkout_url' | 'plan_name'> {
  const { checkout_url: _checkoutUrl, plan_name: _planName, ...snapshot } = toOrderResponse(order);
  return snapshot;
}
