import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CreateWebhookEndpointRequest,
  WebhookEndpointWithSecretResponse,
} from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateWebhooks } from './invalidate-webhooks';

/** POST /api/v1/webhooks/endpoints (201). The answer's `secret` is shown this once; keep it out of the query cache. */
export function createWebhookEndpoint(
  request: CreateWebhookEndpointRequest,
): Promise<WebhookEndpointWithSecretResponse> {
  return api.post<WebhookEndpointWithSecretResponse>('/api/v1/webhooks/endpoints', request);
}

export interface UseCreateWebhookEndpointOptions {
  mutationConfig?: MutationConfig<typeof createWebhookEndpoint>;
}

export function useCreateWebhookEndpoint({ mutationConfig }: UseCreateWebhookEndpointOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: createWebhookEndpoint,
    onSuccess: async (...args) => {
      await invalidateWebhooks(queryClient);
      return onSuccess?.(...args);
    },
  });
}
