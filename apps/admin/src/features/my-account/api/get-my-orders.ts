import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { OrderResponse, Page, PageQuery } from '@nextpanel/shared';
import { customerApi } from '@/lib/customer-api';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/my/orders?page=: the customer's orders, newest first. */
export function getMyOrders({
  filters,
  signal,
}: {
  filters: PageQuery;
  signal?: AbortSignal;
}): Promise<Page<OrderResponse>> {
  return customerApi.get<Page<OrderResponse>>('/api/v1/my/orders', {
    params: { ...filters },
    signal,
  });
}

/** Key ['my', 'orders', 'list', filters]; without filters it matches every page. */
export function getMyOrdersQueryOptions(filters: PageQuery = {}) {
  return queryOptions({
    queryKey: ['my', 'orders', 'list', filters],
    queryFn: ({ signal }) => getMyOrders({ filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface UseMyOrdersOptions {
  filters?: PageQuery;
  queryConfig?: QueryConfig<typeof getMyOrdersQueryOptions>;
}

export function useMyOrders({ filters = {}, queryConfig }: UseMyOrdersOptions = {}) {
  return useQuery({ ...getMyOrdersQueryOptions(filters), ...queryConfig });
}
