import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { OrderResponse } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Alert, type AlertVariant } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import {
  ArrowLeftIcon,
  BanknoteIcon,
  CheckIcon,
  ClockIcon,
  CompassIcon,
  QueueIcon,
  RefreshIcon,
} from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { PageSpinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { HistoryLink } from '@/features/audit-log/components/history-link';
import { CustomerLink } from '@/features/customers/components/customer-link';
import { useOrder } from '@/features/orders/api/get-order';
import { useRetryOrder } from '@/features/orders/api/retry-order';
import { MarkPaidDialog } from '@/features/orders/components/mark-paid-dialog';
import {
  OrderStatusBadge,
  adminOrderExplanation,
  isOrderInProgress,
} from '@/features/orders/components/order-status';
import styles from '@/features/orders/components/orders.module.css';
import { describeError, isNotFound } from '@/lib/errors';
import { formatDateTime, formatMoney } from '@/lib/format';
import { parseId } from '@/lib/route-params';

export function Component() {
  const orderId = parseId(useParams().orderId);
  if (orderId === null) return <OrderNotFound />;
  return <OrderPage orderId={orderId} />;
}

function OrderNotFound() {
  return (
    <>
      <Head title="Order not found" />
      <Card padding="none">
        <EmptyState
          headingLevel={1}
          icon={<CompassIcon size={26} />}
          title="This order does not exist"
          description="It may have been removed, or the link may be mistyped."
          action={
            <ButtonLink to={paths.app.orders.getHref()} icon={<ArrowLeftIcon size={16} />}>
              Back to orders
            </ButtonLink>
          }
        />
      </Card>
    </>
  );
}

function OrderPage({ orderId }: { orderId: number }) {
  const order = useOrder({
    orderId,
    queryConfig: {
      refetchInterval: (current) =>
        current.state.data && isOrderInProgress(current.state.data) ? 3000 : false,
    },
  });
  if (order.isError && isNotFound(order.error)) return <OrderNotFound />;
  if (order.isError && order.data === undefined) {
    return (
      <>
        <Head title={`Order #${orderId}`} />
        <Breadcrumbs
          items={[
            { label: 'Orders', to: paths.app.orders.getHref() },
            { label: `Order #${orderId}` },
          ]}
        />
        <Card padding="none">
          <ErrorState
            title="Could not load this order"
            error={order.error}
            onRetry={() => void order.refetch()}
            isRetrying={order.isFetching}
          />
        </Card>
      </>
    );
  }
  if (order.data === undefined) return <PageSpinner inline label="Loading order" />;
  return <OrderDetails order={order.data} />;
}

const alertVariant: Record<OrderResponse['status'], AlertVariant> = {
  pending: 'info',
  paid: 'info',
  awaiting_capacity: 'warning',
  completed: 'success',
  failed: 'error',
  cancelled: 'info',
};

function OrderDetails({ order }: { order: OrderResponse }) {
  const [markingPaid, setMarkingPaid] = useState<OrderResponse | null>(null);
  const retryOrder = useRetryOrder();
  const canRetry = order.status === 'failed' || order.status === 'awaiting_capacity';

  return (
    <>
      <Head title={`Order #${order.id}`} />
      <Breadcrumbs
        items={[
          { label: 'Orders', to: paths.app.orders.getHref() },
          { label: `Order #${order.id}` },
        ]}
      />
      <PageHeader
        title={`Order #${order.id}`}
        description={
          <span className={styles.headerMeta}>
            <OrderStatusBadge status={order.status} />
            {order.plan_name} · {order.billing_cycle === 'yearly' ? 'Yearly' : 'Monthly'} ·{' '}
            {formatMoney(order.amount, order.currency)}
          </span>
        }
        actions={
          <>
            <HistoryLink entityType="order" entityId={order.id} label={`order #${order.id}`} />
            {order.status === 'pending' ? (
              <Button icon={<BanknoteIcon size={16} />} onClick={() => setMarkingPaid(order)}>
                Mark as paid
              </Button>
            ) : null}
            {canRetry ? (
              <Button
                icon={<RefreshIcon size={16} />}
                isLoading={retryOrder.isPending}
                onClick={() =>
                  retryOrder.mutate(
                    { orderId: order.id },
                    {
                      onSuccess: () =>
                        toast.success(
                          `Order #${order.id} is being retried`,
                          'Provisioning runs again now.',
                        ),
                      onError: (error) =>
                        toast.error(`Order #${order.id} was not retried`, describeError(error)),
                    },
                  )
                }
              >
                Retry
              </Button>
            ) : null}
            <ButtonLink
              to={paths.app.provisioningQueue.getHref()}
              variant="secondary"
              icon={<QueueIcon size={16} />}
            >
              Provisioning queue
            </ButtonLink>
          </>
        }
      />

      <div className={styles.detailsStack}>
        <Alert variant={alertVariant[order.status]} title={statusTitle(order)}>
          {adminOrderExplanation(order)}
        </Alert>

        <Card title="Progress">
          <ol className={styles.timeline}>
            <TimelineStep done title="Ordered" at={order.created_at} />
            <TimelineStep
              done={order.paid_at !== null}
              title="Paid"
              at={order.paid_at}
              pending="Not paid yet"
            />
            <TimelineStep
              done={order.completed_at !== null}
              title="Hosting account ready"
              at={order.completed_at}
              pending={order.paid_at === null ? 'After payment' : 'Being set up'}
            />
          </ol>
        </Card>

        <Card title="Details">
          <DescriptionList
            columns={3}
            items={[
              { term: 'Customer', description: <CustomerLink customerId={order.customer_id} /> },
              { term: 'Plan', description: order.plan_name },
              {
                term: 'Billing cycle',
                description: order.billing_cycle === 'yearly' ? 'Yearly' : 'Monthly',
              },
              { term: 'Amount', description: formatMoney(order.amount, order.currency) },
              {
                term: 'License',
                description:
                  order.license_id !== null ? (
                    <Link to={paths.app.customer.getHref(order.customer_id)}>
                      License #{order.license_id}
                    </Link>
                  ) : (
                    '—'
                  ),
              },
              {
                term: 'Hosting account',
                description:
                  order.hosting_account_id !== null ? (
                    <Link to={paths.app.customer.getHref(order.customer_id)}>
                      Account #{order.hosting_account_id}
                    </Link>
                  ) : (
                    '—'
                  ),
              },
              { term: 'Last change', description: formatDateTime(order.updated_at) },
            ]}
          />
        </Card>
      </div>

      <MarkPaidDialog order={markingPaid} onClose={() => setMarkingPaid(null)} />
    </>
  );
}

function statusTitle(order: OrderResponse): string {
  switch (order.status) {
    case 'pending':
      return 'Waiting for payment';
    case 'paid':
      return 'Setting up the hosting account';
    case 'awaiting_capacity':
      return 'Waiting for a server with room';
    case 'completed':
      return 'Completed';
    case 'failed':
      return 'Provisioning failed';
    case 'cancelled':
      return 'Cancelled';
  }
}

function TimelineStep({
  done,
  title,
  at,
  pending,
}: {
  done: boolean;
  title: string;
  at: string | null;
  pending?: ReactNode;
}) {
  return (
    <li className={styles.step}>
      <span className={`${styles.stepIcon} ${done ? styles.stepDone : ''}`} aria-hidden="true">
        {done ? <CheckIcon size={14} /> : <ClockIcon size={14} />}
      </span>
      <span>
        <span className={styles.stepTitle}>{title}</span>
        <br />
        <span className={styles.stepMeta}>{done ? formatDateTime(at) : pending}</span>
      </span>
    </li>
  );
}
