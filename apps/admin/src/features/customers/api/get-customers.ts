import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { CustomerListQuery, CustomerResponse, Page } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/customers?search=&is_active=&sort=&page=&page_size= */
export function getCustomers({
  filters,
  signal,
}: {
  filters: CustomerListQuery;
  signal?: AbortSignal;
}): Promise<Page<CustomerResponse>> {
  return api.get<Page<CustomerResponse>>('/api/v1/customers', { params: { ...filters }, signal });
}

/**
 * Key: ['customers', 'list', filters]. Called without filters its key is ['customers', 'list', {}],
 * which TanStack Query matches against every list (an empty object is a partial match of any
 * filters), so `getCustomersQueryOptions().queryKey` invalidates all pages and searches at once.
 */
export function getCustomersQueryOptions(filters: CustomerListQuery = {}) {
  return queryOptions({
    queryKey: ['customers', 'list', filters],
    queryFn: ({ signal }) => getCustomers({ filters, signal }),
    // The next page or search shows the previous rows (dimmed) until it arrives: no flash.
    placeholderData: keepPreviousData,
  });
}

export interface UseCustomersOptions {
  filters?: CustomerListQuery;
  queryConfig?: QueryConfig<typeof getCustomersQueryOptions>;
}

export function useCustomers({ filters = {}, queryConfig }: UseCustomersOptions = {}) {
  return useQuery({ ...getCustomersQueryOptions(filters), ...queryConfig });
}
