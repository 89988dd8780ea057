import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { JobResponse } from '@nextpanel/shared';
import { getOrdersQueryOptions } from '@/features/orders/api/get-orders';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getJobsQueryOptions } from './get-jobs';

/**
 * POST /api/v1/jobs/{id}/retry: runs a failed (or cancelled) job again with a fresh set of
 * attempts; 409 JOB_NOT_RETRYABLE for any other status.
 */
export function retryJob({ jobId }: { jobId: string }): Promise<JobResponse> {
  return api.post<JobResponse>(`/api/v1/jobs/${encodeURIComponent(jobId)}/retry`);
}

export interface UseRetryJobOptions {
  mutationConfig?: MutationConfig<typeof retryJob>;
}

export function useRetryJob({ mutationConfig }: UseRetryJobOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: retryJob,
    onSuccess: async (...args) => {
      // A provisioning job's order moves with it (failed -> paid -> completed).
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: getJobsQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: getOrdersQueryOptions().queryKey }),
      ]);
      return onSuccess?.(...args);
    },
  });
}
