import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrderResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/orders/{id}. */
export function getOrder({
  orderId,
  signal,
}: {
  orderId: number;
  signal?: AbortSignal;
}): Promise<OrderResponse> {
  return api.get<OrderResponse>(`/api/v1/orders/${orderId}`, { signal });
}

export function getOrderQueryOptions(orderId: number) {
  return queryOptions({
    queryKey: ['orders', 'detail', orderId],
    queryFn: ({ signal }) => getOrder({ orderId, signal }),
  });
}

export interface UseOrderOptions {
  orderId: number;
  queryConfig?: QueryConfig<typeof getOrderQueryOptions>;
}

export function useOrder({ orderId, queryConfig }: UseOrderOptions) {
  return useQuery({ ...getOrderQueryOptions(orderId), ...queryConfig });
}
