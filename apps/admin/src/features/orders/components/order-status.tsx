import type { OrderResponse, OrderStatus } from '@nextpanel/shared';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const tones: Record<OrderStatus, BadgeTone> = {
  pending: 'neutral',
  paid: 'primary',
  awaiting_capacity: 'warning',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

export const orderStatusLabels: Record<OrderStatus, string> = {
  pending: 'Pending payment',
  paid: 'Paid · setting up',
  awaiting_capacity: 'Awaiting capacity',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge tone={tones[status]}>{orderStatusLabels[status]}</Badge>;
}

/** What an administrator should know about an order in this state, and what to do. */
export function adminOrderExplanation(order: OrderResponse): string {
  switch (order.status) {
    case 'pending':
      return order.status_reason ?? 'Waiting for the customer to pay at checkout.';
    case 'paid':
      return 'Paid. The license is created and the hosting account is being provisioned.';
    case 'awaiting_capacity':
      return (
        order.status_reason ??
        'No server has a free slot. Add a server or raise a capacity, then retry.'
      );
    case 'completed':
      return 'License created, hosting account active, welcome email queued.';
    case 'failed':
      return (
        order.status_reason ??
        'Provisioning gave up after its automatic retries. Fix the cause, then retry.'
      );
    case 'cancelled':
      return order.status_reason ?? 'Cancelled; nothing was charged.';
  }
}

/** The same for the customer, in their words: what is happening and whether they need to act. */
export function customerOrderExplanation(order: OrderResponse): string {
  switch (order.status) {
    case 'pending':
      return order.status_reason
        ? 'Your order is recorded. Your hosting company activates it as soon as they have received your payment.'
        : 'Waiting for your payment. If you closed the payment page, you can order again from the store.';
    case 'paid':
      return 'Payment received. We are setting up your hosting account; this usually takes less than a minute.';
    case 'awaiting_capacity':
      return 'Payment received. Our servers are full right now; your account is created as soon as room is available. We have been notified.';
    case 'completed':
      return 'Your hosting account is ready. Your sign-in details are on their way by email.';
    case 'failed':
      return 'Payment received, but setting up your account hit a problem. Our team has been notified and will finish it; you do not need to pay again.';
    case 'cancelled':
      return 'This order was cancelled. You were not charged.';
  }
}

/** Orders whose state changes on its own soon (fulfilment running): worth polling. */
export function isOrderInProgress(order: OrderResponse): boolean {
  return order.status === 'paid';
}
