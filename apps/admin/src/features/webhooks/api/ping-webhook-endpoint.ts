import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookDeliveryResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateWebhooks } from './invalidate-webhooks';

/** POST /api/v1/webhooks/endpoints/{id}/ping (201): queues the `ping` test event to this endpoint. */
export function pingWebhookEndpoint({
  endpointId,
}: {
  endpointId: number;
}): Promise<WebhookDeliveryResponse> {
  return api.post<WebhookDeliveryResponse>(`/api/v1/webhooks/endpoints/${endpointId}/ping`);
}

export interface UsePingWebhookEndpointOptions {
  mutationConfig?: MutationConfig<typeof pingWebhookEndpoint>;
}

export function usePingWebhookEndpoint({ mutationConfig }: UsePingWebhookEndpointOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: pingWebhookEndpoint,
    onSuccess: async (...args) => {
      await invalidateWebhooks(queryClient);
      return onSuccess?.(...args);
    },
  });
}
