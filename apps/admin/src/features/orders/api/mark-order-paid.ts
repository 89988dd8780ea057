import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OrderResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterOrderChange } from './order-changes';

/**
 * POST /api/v1/orders/{id}/mark-paid: records a payment made outside Stripe and runs the same
 * fulfilment as an online payment (license, hosting account, welcome email). Pending orders
 * only: 409 ORDER_NOT_PENDING otherwise.
 */
export function markOrderPaid({ orderId }: { orderId: number }): Promise<OrderResponse> {
  return api.post<OrderResponse>(`/api/v1/orders/${orderId}/mark-paid`);
}

export interface UseMarkOrderPaidOptions {
  mutationConfig?: MutationConfig<typeof markOrderPaid>;
}

export function useMarkOrderPaid({ mutationConfig }: UseMarkOrderPaidOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: markOrderPaid,
    onSuccess: async (...args) => {
      await invalidateAfterOrderChange(queryClient, args[0]);
      return onSuccess?.(...args);
    },
  });
}
