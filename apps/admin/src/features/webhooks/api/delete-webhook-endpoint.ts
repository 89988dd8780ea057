import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateWebhooks } from './invalidate-webhooks';

/** DELETE /api/v1/webhooks/endpoints/{id} (204): the endpoint and its deliveries. */
export function deleteWebhookEndpoint({ endpointId }: { endpointId: number }): Promise<void> {
  return api.delete<void>(`/api/v1/webhooks/endpoints/${endpointId}`);
}

export interface UseDeleteWebhookEndpointOptions {
  mutationConfig?: MutationConfig<typeof deleteWebhookEndpoint>;
}

export function useDeleteWebhookEndpoint({ mutationConfig }: UseDeleteWebhookEndpointOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: deleteWebhookEndpoint,
    onSuccess: async (...args) => {
      await invalidateWebhooks(queryClient);
      return onSuccess?.(...args);
    },
  });
}
