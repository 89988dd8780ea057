import { useState } from 'react';
import {
  DEFAULT_PAGE_SIZE,
  ORDER_STATUSES,
  type OrderResponse,
  type OrderStatus,
} from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { ExternalLinkIcon, ReceiptIcon, SearchIcon, StoreIcon, XIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Select } from '@/components/ui/select';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { useOrders, type OrderListQuery } from '@/features/orders/api/get-orders';
import { useRetryOrder } from '@/features/orders/api/retry-order';
import { MarkPaidDialog } from '@/features/orders/components/mark-paid-dialog';
import { isOrderInProgress, orderStatusLabels } from '@/features/orders/components/order-status';
import styles from '@/features/orders/components/orders.module.css';
import { OrdersTable } from '@/features/orders/components/orders-table';
import { useUrlFilters } from '@/hooks/use-url-filters';
import { describeError } from '@/lib/errors';
import { parseId } from '@/lib/route-params';

const STATUS_OPTIONS = [
  { value: '', label: 'All statuses' },
  ...ORDER_STATUSES.map((status) => ({ value: status, label: orderStatusLabels[status] })),
];

/** While an order is being fulfilled its status changes within seconds: follow it. */
const IN_PROGRESS_REFRESH_MS = 3000;

function isOrderStatus(value: string | null): value is OrderStatus {
  return value !== null && (ORDER_STATUSES as readonly string[]).includes(value);
}

export function Component() {
  const filters = useUrlFilters();
  const rawStatus = filters.params.get('status');
  const status = isOrderStatus(rawStatus) ? rawStatus : undefined;
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
  const page = orders.data;
  const isFiltered = status !== undefined || customerId !== null;

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

      <Card padding="none">
        <div className={styles.toolbar} role="search">
          <div className={styles.filter}>
            <Select
              label="Status"
              hideLabel
              options={STATUS_OPTIONS}
              value={status ?? ''}
              onChange={(event) => filters.setFilter('status', event.target.value)}
            />
          </div>
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
          {page?.items.some(isOrderInProgress) ? (
            <span className={styles.refreshing}>
              <Spinner size="sm" decorative />
              Following orders being set up
            </span>
          ) : null}
        </div>

        {orders.isError && page === undefined ? (
          <ErrorState
            title="Could not load orders"
            error={orders.error}
            onRetry={() => void orders.refetch()}
            isRetrying={orders.isFetching}
          />
        ) : page === undefined ? (
          <Table caption="Orders">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Plan</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <TableSkeleton columns={6} rows={6} label="Loading orders" />
          </Table>
        ) : page.total === 0 && isFiltered ? (
          <EmptyState
            icon={<SearchIcon size={26} />}
            title={
              status
                ? `No orders are ${orderStatusLabels[status].toLowerCase()}`
                : 'No orders for this customer'
            }
            description="Clear the filters to see every order."
            action={
              <Button variant="secondary" onClick={() => filters.clear(['status', 'customer_id'])}>
                Clear filters
              </Button>
            }
          />
        ) : page.total === 0 ? (
          <EmptyState
            icon={<ReceiptIcon size={26} />}
            title="No orders yet"
            description="Orders appear here when customers buy a plan on the storefront. Share the store’s address with your customers to start selling."
            action={
              <ButtonLink
                to={paths.store.plans.getHref()}
                icon={<StoreIcon size={16} />}
                target="_blank"
                rel="noopener"
              >
                Open storefront
              </ButtonLink>
            }
          />
        ) : (
          <>
            {orders.isError ? (
              <ErrorState
                size="compact"
                title="Could not refresh orders"
                error={orders.error}
                onRetry={() => void orders.refetch()}
                isRetrying={orders.isFetching}
              />
            ) : null}
            <OrdersTable
              orders={page.items}
              isStale={orders.isPlaceholderData}
              onMarkPaid={setMarkingPaid}
              onRetry={retry}
              retryingId={retryOrder.isPending ? (retryOrder.variables?.orderId ?? null) : null}
            />
            <Pagination
              page={page.page}
              pages={page.pages}
              total={page.total}
              pageSize={page.page_size}
              noun="orders"
              isFetching={orders.isFetching}
              onPageChange={filters.setPage}
            />
          </>
        )}
      </Card>

      <MarkPaidDialog order={markingPaid} onClose={() => setMarkingPaid(null)} />
    </>
  );
}
