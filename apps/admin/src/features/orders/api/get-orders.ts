import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { OrderResponse, OrderStatus, Page, PageQuery } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** Query of GET /orders. Not in @nextpanel/shared yet (the API's OrderListQueryDto has these fields). */
export interface OrderListQuery extends PageQuery {
  status?: OrderStatus;
  customer_id?: number;
}

/** GET /api/v1/orders?status=&customer_id=&page=&page_size=, newest first. */
export function getOrders({
  filters,
  signal,
}: {
  filters: OrderListQuery;
  signal?: AbortSignal;
}): Promise<Page<OrderResponse>> {
  return api.get<Page<OrderResponse>>('/api/v1/orders', { params: { ...filters }, signal });
}

/** Key ['orders', 'list', filters]; without filters it matches every list (see getCustomersQueryOptions). */
export function getOrdersQueryOptions(filters: OrderListQuery = {}) {
  return queryOptions({
    queryKey: ['orders', 'list', filters],
    queryFn: ({ signal }) => getOrders({ filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface UseOrdersOptions {
  filters?: OrderListQuery;
  queryConfig?: QueryConfig<typeof getOrdersQueryOptions>;
}

export function useOrders({ filters = {}, queryConfig }: UseOrdersOptions = {}) {
  return useQuery({ ...getOrdersQueryOptions(filters), ...queryConfig });
}
