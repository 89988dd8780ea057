import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AutomationSettings, UpdateAutomationSettingsRequest } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getAutomationSettingsQueryOptions } from './get-automation-settings';

/**
 * PUT /api/v1/automation/settings: the fields sent change, the others keep their value; 400
 * VALIDATION_FAILED names the field at fault. The change is audited.
 */
export function updateAutomationSettings(
  data: UpdateAutomationSettingsRequest,
): Promise<AutomationSettings> {
  return api.put<AutomationSettings>('/api/v1/automation/settings', data);
}

export interface UseUpdateAutomationSettingsOptions {
  mutationConfig?: MutationConfig<typeof updateAutomationSettings>;
}

export function useUpdateAutomationSettings({
  mutationConfig,
}: UseUpdateAutomationSettingsOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: updateAutomationSettings,
    onSuccess: async (...args) => {
      queryClient.setQueryData(getAutomationSettingsQueryOptions().queryKey, args[0]);
      return onSuccess?.(...args);
    },
  });
}
