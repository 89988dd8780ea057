import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AutomationSettings } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/automation/settings: what the billing automation does, and after how many days. */
export function getAutomationSettings({
  signal,
}: { signal?: AbortSignal } = {}): Promise<AutomationSettings> {
  return api.get<AutomationSettings>('/api/v1/automation/settings', { signal });
}

/** Key ['automation', 'settings']. */
export function getAutomationSettingsQueryOptions() {
  return queryOptions({
    queryKey: ['automation', 'settings'],
    queryFn: ({ signal }) => getAutomationSettings({ signal }),
  });
}

export interface UseAutomationSettingsOptions {
  queryConfig?: QueryConfig<typeof getAutomationSettingsQueryOptions>;
}

export function useAutomationSettings({ queryConfig }: UseAutomationSettingsOptions = {}) {
  return useQuery({ ...getAutomationSettingsQueryOptions(), ...queryConfig });
}
