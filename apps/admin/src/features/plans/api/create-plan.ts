import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatePlanRequest, PlanResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getPlansQueryOptions } from './get-plans';

/** POST /api/v1/plans (201; 409 PLAN_NAME_TAKEN). Prices are decimals, e.g. 14.99. */
export function createPlan(request: CreatePlanRequest): Promise<PlanResponse> {
  return api.post<PlanResponse>('/api/v1/plans', request);
}

export interface UseCreatePlanOptions {
  mutationConfig?: MutationConfig<typeof createPlan>;
}

export function useCreatePlan({ mutationConfig }: UseCreatePlanOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: createPlan,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: getPlansQueryOptions().queryKey });
      return onSuccess?.(...args);
    },
  });
}
