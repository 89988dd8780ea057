import type { QueryClient } from '@tanstack/react-query';
import { getWebhookDeliveriesQueryOptions } from './get-webhook-deliveries';
import { getWebhookEndpointsQueryOptions } from './get-webhook-endpoints';

/** After any change: the endpoints (pending counts, state) and every deliveries list. */
export async function invalidateWebhooks(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: getWebhookEndpointsQueryOptions().queryKey }),
    queryClient.invalidateQueries({ queryKey: getWebhookDeliveriesQueryOptions().queryKey }),
  ]);
}
