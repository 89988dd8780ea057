import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateWebhookSettingsRequest, WebhookSettingsResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getWebhookSettingsQueryOptions } from './get-webhook-settings';

/** PATCH /api/v1/webhooks/settings (audited). */
export function updateWebhookSettings(
  request: UpdateWebhookSettingsRequest,
): Promise<WebhookSettingsResponse> {
  return api.patch<WebhookSettingsResponse>('/api/v1/webhooks/settings', request);
}

export interface UseUpdateWebhookSettingsOptions {
  mutationConfig?: MutationConfig<typeof updateWebhookSettings>;
}

export function useUpdateWebhookSettings({ mutationConfig }: UseUpdateWebhookSettingsOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: updateWebhookSettings,
    onSuccess: async (...args) => {
      queryClient.setQueryData(getWebhookSettingsQueryOptions().queryKey, args[0]);
      return onSuccess?.(...args);
    },
  });
}
