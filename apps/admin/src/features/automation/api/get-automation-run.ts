import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AutomationRunDetailResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';
import { OPEN_RUN_POLL_MS } from './get-automation-runs';

/**
 * GET /api/v1/automation/runs/{id}: one run with every item (what it did per license and
 * account, what failed, and where a queued account action stands now).
 */
export function getAutomationRun({
  runId,
  signal,
}: {
  runId: string;
  signal?: AbortSignal;
}): Promise<AutomationRunDetailResponse> {
  return api.get<AutomationRunDetailResponse>(
    `/api/v1/automation/runs/${encodeURIComponent(runId)}`,
    { signal },
  );
}

/** Key ['automation', 'runs', 'detail', id]: under the lists' key, so refreshing them refreshes it. */
export function getAutomationRunQueryOptions(runId: string) {
  return queryOptions({
    queryKey: ['automation', 'runs', 'detail', runId],
    queryFn: ({ signal }) => getAutomationRun({ runId, signal }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'queued' || status === 'running' ? OPEN_RUN_POLL_MS : false;
    },
  });
}

export interface UseAutomationRunOptions {
  runId: string;
  queryConfig?: QueryConfig<typeof getAutomationRunQueryOptions>;
}

export function useAutomationRun({ runId, queryConfig }: UseAutomationRunOptions) {
  return useQuery({ ...getAutomationRunQueryOptions(runId), ...queryConfig });
}
