import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Page, WebhookDeliveryListQuery, WebhookDeliveryResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/webhooks/deliveries?endpoint_id=&status=&event_type=&page=: newest first. */
export function getWebhookDeliveries({
  filters,
  signal,
}: {
  filters: WebhookDeliveryListQuery;
  signal?: AbortSignal;
}): Promise<Page<WebhookDeliveryResponse>> {
  return api.get<Page<WebhookDeliveryResponse>>('/api/v1/webhooks/deliveries', {
    params: { ...filters },
    signal,
  });
}

/** Key ['webhooks', 'deliveries', filters]; without filters it matches every list. */
export function getWebhookDeliveriesQueryOptions(filters: WebhookDeliveryListQuery = {}) {
  return queryOptions({
    queryKey: ['webhooks', 'deliveries', filters],
    queryFn: ({ signal }) => getWebhookDeliveries({ filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface UseWebhookDeliveriesOptions {
  filters?: WebhookDeliveryListQuery;
  queryConfig?: QueryConfig<typeof getWebhookDeliveriesQueryOptions>;
}

export function useWebhookDeliveries({
  filters = {},
  queryConfig,
}: UseWebhookDeliveriesOptions = {}) {
  return useQuery({ ...getWebhookDeliveriesQueryOptions(filters), ...queryConfig });
}
