import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookEndpointWithSecretResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateWebhooks } from './invalidate-webhooks';

/** POST /api/v1/webhooks/endpoints/{id}/rotate-secret: a new secret, shown once; the old one signs too for 24 h. */
export function rotateWebhookSecret({
  endpointId,
}: {
  endpointId: number;
}): Promise<WebhookEndpointWithSecretResponse> {
  return api.post<WebhookEndpointWithSecretResponse>(
    `/api/v1/webhooks/endpoints/${endpointId}/rotate-secret`,
  );
}

export interface UseRotateWebhookSecretOptions {
  mutationConfig?: MutationConfig<typeof rotateWebhookSecret>;
}

export function useRotateWebhookSecret({ mutationConfig }: UseRotateWebhookSecretOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: rotateWebhookSecret,
    onSuccess: async (...args) => {
      await invalidateWebhooks(queryClient);
      return onSuccess?.(...args);
    },
  });
}
