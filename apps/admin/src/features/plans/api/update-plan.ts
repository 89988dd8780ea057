import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanResponse, UpdatePlanRequest } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getPlansQueryOptions } from './get-plans';

export interface UpdatePlanInput {
  planId: string;
  data: UpdatePlanRequest;
}

/** PATCH /api/v1/plans/{id}: affects future sales only; licenses already sold keep their quotas. */
export function updatePlan({ planId, data }: UpdatePlanInput): Promise<PlanResponse> {
  return api.patch<PlanResponse>(`/api/v1/plans/${planId}`, data);
}

export interface UseUpdatePlanOptions {
  mutationConfig?: MutationConfig<typeof updatePlan>;
}

export function useUpdatePlan({ mutationConfig }: UseUpdatePlanOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: updatePlan,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: getPlansQueryOptions().queryKey });
      return onSuccess?.(...args);
    },
  });
}
