import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { OrderResponse } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { customerOrderExplanation } from '@/features/orders/components/order-status';
import { getMyAccountQueryOptions } from '../api/get-my-account';
import { useMyOrder } from '../api/get-my-order';
import { getMyOrdersQueryOptions } from '../api/get-my-orders';
import { getMyPaymentsQueryOptions } from '../api/get-my-payments';
import styles from './my-account.module.css';

/** How often the order is asked about while the account is being set up. */
const POLL_MS = 2000;

function isSettled(order: OrderResponse | undefined): boolean {
  return (
    order !== undefined &&
    (order.status === 'completed' ||
      order.status === 'failed' ||
      order.status === 'cancelled' ||
      order.status === 'awaiting_capacity')
  );
}

/**
 * Back from Stripe (`/my?order=12&checkout=success`): the payment went through, the webhook and
 * the provisioning job take a few seconds more. Follows the order until it is completed (or
 * needs a human) and then refreshes the account, so the new license and panel show up.
 */
export function CheckoutSuccessBanner({ orderId }: { orderId: number }) {
  const queryClient = useQueryClient();
  const order = useMyOrder({
    orderId,
    queryConfig: {
      refetchInterval: (query) => (isSettled(query.state.data) ? false : POLL_MS),
      retry: false,
    },
  });
  const status = order.data?.status;
  const settled = isSettled(order.data);

  useEffect(() => {
    if (!settled) return;
    void Promise.all([
      queryClient.invalidateQueries({ queryKey: getMyAccountQueryOptions().queryKey }),
      queryClient.invalidateQueries({ queryKey: getMyOrdersQueryOptions().queryKey }),
      queryClient.invalidateQueries({ queryKey: getMyPaymentsQueryOptions().queryKey }),
    ]);
    // Keyed on the status, not the order object: a refetch with the same status changes nothing.
  }, [settled, status, queryClient]);

  if (order.isError) {
    return (
      <Alert variant="info" title="Thank you for your order">
        We could not look up order #{orderId} just now. Your hosting account appears below as soon
        as it is ready.
      </Alert>
    );
  }
  if (order.data === undefined || !settled) {
    return (
      <Alert variant="info" title="Payment received — we’re setting up your hosting account">
        <span className={styles.bannerBody}>
          <Spinner size="sm" decorative />
          This usually takes less than a minute. This page updates by itself.
        </span>
      </Alert>
    );
  }
  switch (order.data.status) {
    case 'completed':
      return (
        <Alert variant="success" title="Your hosting account is ready">
          Your control panel address, username and license key are below. We have also sent your
          sign-in details by email.
        </Alert>
      );
    case 'awaiting_capacity':
      return (
        <Alert variant="warning" title="Payment received — your account is on its way">
          {customerOrderExplanation(order.data)}
        </Alert>
      );
    default:
      return (
        <Alert
          variant="error"
          title={
            order.data.status === 'cancelled'
              ? 'Order cancelled'
              : 'Payment received — setup needs our attention'
          }
        >
          {customerOrderExplanation(order.data)}
        </Alert>
      );
  }
}

/** After ordering while online payments are off: the order waits for the hosting company. */
export function OrderRecordedBanner() {
  return (
    <Alert variant="info" title="Order received — waiting for payment">
      Online payment is not available yet, so your hosting company activates your order once they
      have received your payment. Your license key and hosting account appear on this page as soon
      as it is active.
    </Alert>
  );
}
