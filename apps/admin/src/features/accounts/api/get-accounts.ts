import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { HostingAccountListQuery, HostingAccountSummary, Page } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/**
 * GET /api/v1/nextpanel/accounts?status=&customer_id=&server_id=&page=&page_size=: every hosting
 * account, most recently changed first (`updated_at` descending). 400 for an unknown status.
 */
export function getAccounts({
  filters,
  signal,
}: {
  filters: HostingAccountListQuery;
  signal?: AbortSignal;
}): Promise<Page<HostingAccountSummary>> {
  return api.get<Page<HostingAccountSummary>>('/api/v1/nextpanel/accounts', {
    params: { ...filters },
    signal,
  });
}

/**
 * Key: ['accounts', 'list', filters]; without filters it matches every list (see
 * getCustomersQueryOptions), so `getAccountsQueryOptions().queryKey` invalidates them all.
 */
export function getAccountsQueryOptions(filters: HostingAccountListQuery = {}) {
  return queryOptions({
    queryKey: ['accounts', 'list', filters],
    queryFn: ({ signal }) => getAccounts({ filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface UseAccountsOptions {
  filters?: HostingAccountListQuery;
  queryConfig?: QueryConfig<typeof getAccountsQueryOptions>;
}

export function useAccounts({ filters = {}, queryConfig }: UseAccountsOptions = {}) {
  return useQuery({ ...getAccountsQueryOptions(filters), ...queryConfig });
}
