import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookDeliveryResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateWebhooks } from './invalidate-webhooks';

/** POST /api/v1/webhooks/deliveries/{id}/resend (201): the same event again, as a new delivery. */
export function resendWebhookDelivery({
  deliveryId,
}: {
  deliveryId: string;
}): Promise<WebhookDeliveryResponse> {
  return api.post<WebhookDeliveryResponse>(
    `/api/v1/webhooks/deliveries/${encodeURIComponent(deliveryId)}/resend`,
  );
}

export interface UseResendWebhookDeliveryOptions {
  mutationConfig?: MutationConfig<typeof resendWebhookDelivery>;
}

export function useResendWebhookDelivery({ mutationConfig }: UseResendWebhookDeliveryOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: resendWebhookDelivery,
    onSuccess: async (...args) => {
      await invalidateWebhooks(queryClient);
      return onSuccess?.(...args);
    },
  });
}
