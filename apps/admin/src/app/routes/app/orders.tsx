import { useState } from 'react';
import { DEFAULT_PAGE_SIZE, ORDER_STATUSES, type OrderResponse } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { ButtonLink } from '@/components/ui/button';
import { ExternalLinkIcon, ReceiptIcon, StoreIcon, XIcon } from '@/components/ui/icons';
import { FilterSelect, ListCard, filterOptions, oneOf } from '@/components/ui/list-card';
import { PageHeader } from '@/components/ui/page-header';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { useOrders, type OrderListQuery } from '@/features/orders/api/get-orders';
import { useRetryOrder } from '@/features/orders/api/retry-order';
import { MarkPaidDialog } from '@/features/orders/components/mark-paid-dialog';
import { isOrderInProgress, orderStatusLabels } from '@/features/orders/components/order-status';
import styles from '@/features/orders/components/orders.module.css';
import { ORDERS_TABLE_COLUMNS, OrdersTable } from '@/features/orders/components/orders-table';
import { useUrlFilters } from '@/hooks/use-url-filters';
import { describeError } from '@/lib/errors';
import { parseId } from '@/lib/route-params';

const STATUS_OPTIONS = filterOptions(
  'All statuses',
  ORDER_STATUSES,
  (status) => orderStatusLabels[status],
);

/** While an order is being fulfilled its status changes within seconds: follow it. */
const IN_PROGRESS_REFRESH_MS = 3000;

export function Component() {
  const filters = useUrlFilters();
  const status = oneOf(ORDER_STATUSES, filters.params.get('status'));
  const customerId = parseId(filters.params.get('customer_id') ?? undefined);
  const query: OrderListQuery = {
    page: filters.page,
    page_size: DEFAULT_PAGE_SIZE,
    ...(status ? { status } : {}),
    ...(customerId !== null ? { customer_id: customerId } : {}),
  };
  const orders = useOrders({
    filters: query,
    queryConfig: {
      refetchInterval: (current) =>
        current.state.data?.items.some(isOrderInProgress) ? IN_PROGRESS_REFRESH_MS : false,
    },
  });
  const [markingPaid, setMarkingPaid] = useState<OrderResponse | null>(null);
  const retryOrder = useRetryOrder();

  const retry = (order: OrderResponse) =>
    retryOrder.mutate(
      { orderId: order.id },
      {
        onSuccess: (saved) =>
          toast.success(`Order #${saved.id} is being retried`, 'Provisioning runs again now.'),
        onError: (error) => toast.error(`Order #${order.id} was not retried`, describeError(error)),
      },
    );

  return (
    <>
      <Head title="Orders" />
      <PageHeader
        title="Orders"
        description="Purchases from the storefront: payment, license and hosting account, from pending to completed."
        actions={
          <ButtonLink
            to={paths.store.plans.getHref()}
            variant="secondary"
            icon={<StoreIcon size={16} />}
            target="_blank"
            rel="noopener"
          >
            Open storefront
            <ExternalLinkIcon size={14} />
          </ButtonLink>
        }
      />

      <ListCard
        filtersClassName={styles.toolbar}
        filters={
          <>
            <FilterSelect
              className={styles.filter}
              label="Status"
              options={STATUS_OPTIONS}
              value={status ?? ''}
              onChange={(value) => filters.setFilter('status', value)}
            />
            {customerId !== null ? (
              <span className={styles.chip}>
                Customer #{customerId}
                <button
                  type="button"
                  className={styles.chipClear}
                  aria-label="Show orders of every customer"
                  onClick={() => filters.setFilter('customer_id', null)}
                >
                  <XIcon size={14} />
                </button>
              </span>
            ) : null}
            {orders.data?.items.some(isOrderInProgress) ? (
              <span className={styles.refreshing}>
                <Spinner size="sm" decorative />
                Following orders being set up
              </span>
            ) : null}
          </>
        }
        query={orders}
        skeleton={{
          caption: 'Orders',
          columns: ORDERS_TABLE_COLUMNS,
          rows: 6,
          label: 'Loading orders',
        }}
        errorTitle="Could not load orders"
        refreshErrorTitle="Could not refresh orders"
        noMatches={
          status !== undefined || customerId !== null
            ? {
                title: status
                  ? `No orders are ${orderStatusLabels[status].toLowerCase()}`
                  : 'No orders for this customer',
                description: 'Clear the filters to see every order.',
                clearLabel: 'Clear filters',
                onClear: () => filters.clear(['status', 'customer_id']),
              }
            : null
        }
        empty={{
          icon: <ReceiptIcon size={26} />,
          title: 'No orders yet',
          description:
            'Orders appear here when customers buy a plan on the storefront. Share the store’s address with your customers to start selling.',
          action: (
            <ButtonLink
              to={paths.store.plans.getHref()}
              icon={<StoreIcon size={16} />}
              target="_blank"
              rel="noopener"
            >
              Open storefront
            </ButtonLink>
          ),
        }}
        noun="orders"
        onPageChange={filters.setPage}
        renderTable={(items, isStale) => (
          <OrdersTable
            orders={items}
            isStale={isStale}
            onMarkPaid={setMarkingPaid}
            onRetry={retry}
            retryingId={retryOrder.isPending ? (retryOrder.variables?.orderId ?? null) : null}
          />
        )}
      />

      <MarkPaidDialog order={markingPaid} onClose={() => setMarkingPaid(null)} />
    </>
  );
}
