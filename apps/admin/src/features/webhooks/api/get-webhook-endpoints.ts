import { queryOptions, useQuery } from '@tanstack/react-query';
import type { WebhookEndpointResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/webhooks/endpoints: every endpoint (never its secret), oldest first. */
export function getWebhookEndpoints({ signal }: { signal?: AbortSignal } = {}): Promise<
  WebhookEndpointResponse[]
> {
  return api.get<WebhookEndpointResponse[]>('/api/v1/webhooks/endpoints', { signal });
}

/** Key ['webhooks', 'endpoints']. */
export function getWebhookEndpointsQueryOptions() {
  return queryOptions({
    queryKey: ['webhooks', 'endpoints'],
    queryFn: ({ signal }) => getWebhookEndpoints({ signal }),
  });
}

export interface UseWebhookEndpointsOptions {
  queryConfig?: QueryConfig<typeof getWebhookEndpointsQueryOptions>;
}

export function useWebhookEndpoints({ queryConfig }: UseWebhookEndpointsOptions = {}) {
  return useQuery({ ...getWebhookEndpointsQueryOptions(), ...queryConfig });
}
