import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AutomationRunResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getAutomationRunsQueryOptions } from './get-automation-runs';

/**
 * POST /api/v1/automation/run (202): queues a run for now. 409 AUTOMATION_RUN_IN_PROGRESS while
 * one is queued or running; 409 AUTOMATION_DISABLED when the automation is switched off.
 */
export function runAutomation(): Promise<AutomationRunResponse> {
  return api.post<AutomationRunResponse>('/api/v1/automation/run');
}

export interface UseRunAutomationOptions {
  mutationConfig?: MutationConfig<typeof runAutomation>;
}

export function useRunAutomation({ mutationConfig }: UseRunAutomationOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: runAutomation,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: getAutomationRunsQueryOptions().queryKey });
      return onSuccess?.(...args);
    },
  });
}
