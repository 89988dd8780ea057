import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrderResponse } from '@nextpanel/shared';
import { customerApi } from '@/lib/customer-api';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/my/orders/{id}: one of the customer's orders (404 for anybody else's). */
export function getMyOrder({
  orderId,
  signal,
}: {
  orderId: number;
  signal?: AbortSignal;
}): Promise<OrderResponse> {
  return customerApi.get<OrderResponse>(`/api/v1/my/orders/${orderId}`, { signal });
}

export function getMyOrderQueryOptions(orderId: number) {
  return queryOptions({
    queryKey: ['my', 'orders', 'detail', orderId],
    queryFn: ({ signal }) => getMyOrder({ orderId, signal }),
  });
}

export interface UseMyOrderOptions {
  orderId: number;
  queryConfig?: QueryConfig<typeof getMyOrderQueryOptions>;
}

export function useMyOrder({ orderId, queryConfig }: UseMyOrderOptions) {
  return useQuery({ ...getMyOrderQueryOptions(orderId), ...queryConfig });
}
