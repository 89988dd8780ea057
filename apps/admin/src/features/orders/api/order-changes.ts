import type { QueryClient } from '@tanstack/react-query';
import type { OrderResponse } from '@nextpanel/shared';
import { getJobsQueryOptions } from '@/features/jobs/api/get-jobs';
import { getOrderQueryOptions } from './get-order';
import { getOrdersQueryOptions } from './get-orders';

/** After Mark as paid or Retry: the order itself, every order list and the job queue changed. */
export async function invalidateAfterOrderChange(
  queryClient: QueryClient,
  order: OrderResponse,
): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: getOrderQueryOptions(order.id).queryKey }),
    queryClient.invalidateQueries({ queryKey: getOrdersQueryOptions().queryKey }),
    queryClient.invalidateQueries({ queryKey: getJobsQueryOptions().queryKey }),
  ]);
}
