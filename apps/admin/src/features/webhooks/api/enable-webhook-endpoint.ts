import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookEndpointResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateWebhooks } from './invalidate-webhooks';

/** POST /api/v1/webhooks/endpoints/{id}/enable: deliveries that waited go out, oldest first. */
export function enableWebhookEndpoint({
  endpointId,
}: {
  endpointId: number;
}): Promise<WebhookEndpointResponse> {
  return api.post<WebhookEndpointResponse>(`/api/v1/webhooks/endpoints/${endpointId}/enable`);
}

export interface UseEnableWebhookEndpointOptions {
  mutationConfig?: MutationConfig<typeof enableWebhookEndpoint>;
}

export function useEnableWebhookEndpoint({ mutationConfig }: UseEnableWebhookEndpointOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: enableWebhookEndpoint,
    onSuccess: async (...args) => {
      await invalidateWebhooks(queryClient);
      return onSuccess?.(...args);
    },
  });
}
