import { useQueries } from '@tanstack/react-query';
import type { CustomerDetailsResponse, HostingAccountSummary } from '@nextpanel/shared';
import { useCustomers } from '@/features/customers/api/get-customers';
import { getCustomerQueryOptions } from '@/features/customers/api/get-customer';
import { useLicenses } from '@/features/licenses/api/get-licenses';

/** How many customers the dashboard looks into for recent accounts. */
export const RECENT_CUSTOMERS_SAMPLE = 12;
const SAMPLE_PAGE = 8;

export interface RecentAccount extends HostingAccountSummary {
  customer_name: string;
}

/**
 * Hosting accounts of the most recently active customers (the newest customers and the buyers of
 * the newest licenses), newest change first.
 *
 * The API has no account list (`GET /nextpanel/accounts`), so this reads the details of a
 * handful of customers instead: good enough for "what happened lately", not a full audit. The
 * details share their cache with the customer pages.
 */
export function useRecentAccounts() {
  const newestCustomers = useCustomers({ filters: { page: 1, page_size: SAMPLE_PAGE } });
  const newestLicenses = useLicenses({ filters: { page: 1, page_size: SAMPLE_PAGE } });

  const ids = [
    ...(newestLicenses.data?.items.map((license) => license.customer_id) ?? []),
    ...(newestCustomers.data?.items.map((customer) => customer.id) ?? []),
  ];
  const customerIds = [...new Set(ids)].slice(0, RECENT_CUSTOMERS_SAMPLE);

  const details = useQueries({
    queries: customerIds.map((id) => getCustomerQueryOptions(id)),
    combine: (results) => ({
      customers: results.map((result) => result.data).filter((data): data is CustomerDetailsResponse => data !== undefined),
      isPending: results.some((result) => result.isPending),
      isError: results.length > 0 && results.every((result) => result.isError),
      error: results.find((result) => result.isError)?.error ?? null,
    }),
  });

  const accounts: RecentAccount[] = details.customers
    .flatMap((customer) => customer.accounts.map((account) => ({ ...account, customer_name: customer.full_name })))
    .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at));

  const listsLoaded = newestCustomers.data !== undefined && newestLicenses.data !== undefined;
  const listError = newestCustomers.error ?? newestLicenses.error;

  return {
    accounts,
    isPending: (!listsLoaded && listError === null) || details.isPending,
    isError: (listError !== null && !listsLoaded) || details.isError,
    error: listError ?? details.error,
    refetch: () => {
      void newestCustomers.refetch();
      void newestLicenses.refetch();
    },
  };
}
