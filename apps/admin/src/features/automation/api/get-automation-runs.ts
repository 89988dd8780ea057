import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AutomationRunListQuery, AutomationRunResponse, Page } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** While a run is queued or running, the list looks again this often. */
export const OPEN_RUN_POLL_MS = 2000;

/**
 * GET /api/v1/automation/runs?status=&trigger=&with_items=&page=&page_size=: the automation's
 * runs, newest first, with what each did in counts.
 */
export function getAutomationRuns({
  filters,
  signal,
}: {
  filters: AutomationRunListQuery;
  signal?: AbortSignal;
}): Promise<Page<AutomationRunResponse>> {
  return api.get<Page<AutomationRunResponse>>('/api/v1/automation/runs', {
    params: { ...filters },
    signal,
  });
}

export const hasOpenRun = (page: Page<AutomationRunResponse> | undefined): boolean =>
  page?.items.some((run) => run.status === 'queued' || run.status === 'running') ?? false;

/** Key ['automation', 'runs', filters]; without filters it matches every list. */
export function getAutomationRunsQueryOptions(filters: AutomationRunListQuery = {}) {
  return queryOptions({
    queryKey: ['automation', 'runs', filters],
    queryFn: ({ signal }) => getAutomationRuns({ filters, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (hasOpenRun(query.state.data) ? OPEN_RUN_POLL_MS : false),
  });
}

export interface UseAutomationRunsOptions {
  filters?: AutomationRunListQuery;
  queryConfig?: QueryConfig<typeof getAutomationRunsQueryOptions>;
}

export function useAutomationRuns({ filters = {}, queryConfig }: UseAutomationRunsOptions = {}) {
  return useQuery({ ...getAutomationRunsQueryOptions(filters), ...queryConfig });
}
