import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { CustomerDetailsResponse, OrderResponse } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import {
  BanknoteIcon,
  KeyIcon,
  PlusIcon,
  ReceiptIcon,
  ServerIcon,
  StoreIcon,
} from '@/components/ui/icons';
import { Pagination } from '@/components/ui/pagination';
import { TableSkeleton } from '@/components/ui/skeleton';
import { PageSpinner } from '@/components/ui/spinner';
import { Table } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { LicensesTable } from '@/features/licenses/components/licenses-table';
import { useMyAccount } from '@/features/my-account/api/get-my-account';
import { useMyOrders } from '@/features/my-account/api/get-my-orders';
import { useMyPayments } from '@/features/my-account/api/get-my-payments';
import {
  CheckoutSuccessBanner,
  OrderRecordedBanner,
} from '@/features/my-account/components/checkout-banner';
import { HostingAccountCards } from '@/features/my-account/components/hosting-account-cards';
import styles from '@/features/my-account/components/my-account.module.css';
import { MyOrdersTable } from '@/features/my-account/components/my-orders-table';
import { MyPaymentsTable } from '@/features/my-account/components/my-payments-table';
import { RequireCustomer } from '@/features/my-account/components/require-customer';
import { StorePageError } from '@/features/store/components/store-page-error';
import { formatDate } from '@/lib/format';
import { parseId } from '@/lib/route-params';

export { StorePageError as ErrorBoundary };

/** An order being set up changes within seconds; one waiting for the hosting company, within minutes. */
function refreshInterval(orders: readonly OrderResponse[] | undefined): number | false {
  if (orders === undefined) return false;
  if (orders.some((order) => order.status === 'paid')) return 3000;
  if (orders.some((order) => order.status === 'pending' || order.status === 'awaiting_capacity'))
    return 15_000;
  return false;
}

export function Component() {
  return (
    <RequireCustomer>
      <MyAccountPage />
    </RequireCustomer>
  );
}

function MyAccountPage() {
  const [params] = useSearchParams();
  const [ordersPage, setOrdersPage] = useState(1);
  const orders = useMyOrders({
    filters: { page: ordersPage },
    queryConfig: { refetchInterval: (query) => refreshInterval(query.state.data?.items) },
  });
  const interval = refreshInterval(orders.data?.items);
  const account = useMyAccount({ queryConfig: { refetchInterval: interval } });
  const payments = useMyPayments({ queryConfig: { refetchInterval: interval } });

  const checkout = params.get('checkout');
  const orderId = parseId(params.get('order') ?? undefined);

  if (account.isError && account.data === undefined) {
    return (
      <>
        <Head title="My account" />
        <Card padding="none">
          <ErrorState
            title="Could not load your account"
            error={account.error}
            onRetry={() => void account.refetch()}
            isRetrying={account.isFetching}
          />
        </Card>
      </>
    );
  }
  if (account.data === undefined) return <PageSpinner inline label="Loading your account" />;
  const me = account.data;
  const hasOpenOrder =
    orders.data?.items.some(
      (order) => order.status !== 'completed' && order.status !== 'cancelled',
    ) ?? false;

  return (
    <>
      <Head title="My account" />
      <div className={styles.header}>
        <div>
          <h1 className={styles.title}>Welcome, {firstName(me)}</h1>
          <p className={styles.lead}>Your hosting accounts, license keys, orders and payments.</p>
        </div>
        <ButtonLink
          to={paths.store.plans.getHref()}
          variant="secondary"
          icon={<PlusIcon size={16} />}
        >
          Order another plan
        </ButtonLink>
      </div>

      <div className={styles.stack}>
        {checkout === 'success' && orderId !== null ? (
          <CheckoutSuccessBanner orderId={orderId} />
        ) : null}
        {checkout === 'recorded' ? <OrderRecordedBanner /> : null}

        <Card
          padding="none"
          title="Hosting accounts"
          description="Sign in to your control panel to manage websites, databases and mailboxes."
        >
          {me.accounts.length === 0 ? (
            <EmptyState
              headingLevel={3}
              icon={<ServerIcon size={24} />}
              title="No hosting accounts yet"
              description={
                hasOpenOrder
                  ? 'Your hosting account appears here as soon as your order is active.'
                  : 'Choose a plan: your hosting account is created automatically once your payment is confirmed.'
              }
              action={
                hasOpenOrder ? undefined : (
                  <ButtonLink to={paths.store.plans.getHref()} icon={<StoreIcon size={16} />}>
                    Choose a plan
                  </ButtonLink>
                )
              }
            />
          ) : (
            <HostingAccountCards accounts={me.accounts} licenses={me.licenses} />
          )}
        </Card>

        <Card
          padding="none"
          title="Licenses"
          description="Your license keys and what each plan includes."
        >
          {me.licenses.length === 0 ? (
            <EmptyState
              headingLevel={3}
              icon={<KeyIcon size={24} />}
              title="No licenses yet"
              description="A license key is created for every plan you buy, as soon as it is paid."
            />
          ) : (
            <LicensesTable licenses={me.licenses} caption="Your licenses" />
          )}
        </Card>

        <Card padding="none" title="Orders">
          {orders.isError && orders.data === undefined ? (
            <ErrorState
              size="compact"
              title="Could not load your orders"
              error={orders.error}
              onRetry={() => void orders.refetch()}
              isRetrying={orders.isFetching}
            />
          ) : orders.data === undefined ? (
            <Table caption="Your orders">
              <TableSkeleton columns={4} rows={2} label="Loading your orders" />
            </Table>
          ) : orders.data.total === 0 ? (
            <EmptyState
              headingLevel={3}
              icon={<ReceiptIcon size={24} />}
              title="No orders yet"
              description="Orders you place in the store appear here with their status."
            />
          ) : (
            <>
              <MyOrdersTable orders={orders.data.items} isStale={orders.isPlaceholderData} />
              {orders.data.pages > 1 ? (
                <Pagination
                  page={orders.data.page}
                  pages={orders.data.pages}
                  total={orders.data.total}
                  pageSize={orders.data.page_size}
                  noun="orders"
                  isFetching={orders.isFetching}
                  onPageChange={setOrdersPage}
                />
              ) : null}
            </>
          )}
        </Card>

        <Card padding="none" title="Payments">
          {payments.isError && payments.data === undefined ? (
            <ErrorState
              size="compact"
              title="Could not load your payments"
              error={payments.error}
              onRetry={() => void payments.refetch()}
              isRetrying={payments.isFetching}
            />
          ) : payments.data === undefined ? (
            <Table caption="Your payments">
              <TableSkeleton columns={4} rows={2} label="Loading your payments" />
            </Table>
          ) : payments.data.length === 0 ? (
            <EmptyState
              headingLevel={3}
              icon={<BanknoteIcon size={24} />}
              title="No payments yet"
              description="Payments for your orders and renewals appear here."
            />
          ) : (
            <MyPaymentsTable payments={payments.data} />
          )}
        </Card>

        <Card title="Profile">
          <DescriptionList
            columns={3}
            items={[
              { term: 'Name', description: me.full_name },
              { term: 'Email', description: me.email },
              { term: 'Company', description: me.company_name ?? '—' },
              { term: 'Phone', description: me.phone ?? '—' },
              { term: 'Customer since', description: formatDate(me.created_at) },
              { term: 'Customer number', description: `#${me.id}` },
            ]}
          />
        </Card>
      </div>
    </>
  );
}

function firstName(customer: CustomerDetailsResponse): string {
  return customer.full_name.trim().split(/\s+/)[0] || customer.email;
}
