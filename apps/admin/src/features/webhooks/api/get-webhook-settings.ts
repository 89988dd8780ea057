import { queryOptions, useQuery } from '@tanstack/react-query';
import type { WebhookSettingsResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/webhooks/settings */
export function getWebhookSettings({
  signal,
}: { signal?: AbortSignal } = {}): Promise<WebhookSettingsResponse> {
  return api.get<WebhookSettingsResponse>('/api/v1/webhooks/settings', { signal });
}

/** Key ['webhooks', 'settings']. */
export function getWebhookSettingsQueryOptions() {
  return queryOptions({
    queryKey: ['webhooks', 'settings'],
    queryFn: ({ signal }) => getWebhookSettings({ signal }),
  });
}

export interface UseWebhookSettingsOptions {
  queryConfig?: QueryConfig<typeof getWebhookSettingsQueryOptions>;
}

export function useWebhookSettings({ queryConfig }: UseWebhookSettingsOptions = {}) {
  return useQuery({ ...getWebhookSettingsQueryOptions(), ...queryConfig });
}
