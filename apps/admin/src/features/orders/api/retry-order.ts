import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OrderResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterOrderChange } from './order-changes';

/**
 * POST /api/v1/orders/{id}/retry: runs a failed or capacity-waiting order's provisioning again
 * now (409 ORDER_NOT_RETRYABLE for any other status).
 */
export function retryOrder({ orderId }: { orderId: number }): Promise<OrderResponse> {
  return api.post<OrderResponse>(`/api/v1/orders/${orderId}/retry`);
}

export interface UseRetryOrderOptions {
  mutationConfig?: MutationConfig<typeof retryOrder>;
}

export function useRetryOrder({ mutationConfig }: UseRetryOrderOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: retryOrder,
    onSuccess: async (...args) => {
      await invalidateAfterOrderChange(queryClient, args[0]);
      return onSuccess?.(...args);
    },
  });
}
