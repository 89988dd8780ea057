import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateWebhookEndpointRequest, WebhookEndpointResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateWebhooks } from './invalidate-webhooks';

/** PATCH /api/v1/webhooks/endpoints/{id}: URL, description, events; `enabled: false` disables it. */
export function updateWebhookEndpoint({
  endpointId,
  changes,
}: {
  endpointId: number;
  changes: UpdateWebhookEndpointRequest;
}): Promise<WebhookEndpointResponse> {
  return api.patch<WebhookEndpointResponse>(`/api/v1/webhooks/endpoints/${endpointId}`, changes);
}

export interface UseUpdateWebhookEndpointOptions {
  mutationConfig?: MutationConfig<typeof updateWebhookEndpoint>;
}

export function useUpdateWebhookEndpoint({ mutationConfig }: UseUpdateWebhookEndpointOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: updateWebhookEndpoint,
    onSuccess: async (...args) => {
      await invalidateWebhooks(queryClient);
      return onSuccess?.(...args);
    },
  });
}
