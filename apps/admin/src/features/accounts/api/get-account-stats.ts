import { queryOptions, useQuery } from '@tanstack/react-query';
import type { HostingAccountStatsResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/nextpanel/accounts/{id}/stats: usage figures, asked of the panel now. */
export function getAccountStats({
  accountId,
  signal,
}: {
  accountId: number;
  signal?: AbortSignal;
}): Promise<HostingAccountStatsResponse> {
  return api.get<HostingAccountStatsResponse>(`/api/v1/nextpanel/accounts/${accountId}/stats`, {
    signal,
  });
}

export function getAccountStatsQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: ['accounts', 'stats', accountId],
    queryFn: ({ signal }) => getAccountStats({ accountId, signal }),
    // Live figures from a panel: refresh each time the admin opens them.
    staleTime: 0,
  });
}

export interface UseAccountStatsOptions {
  accountId: number;
  queryConfig?: QueryConfig<typeof getAccountStatsQueryOptions>;
}

export function useAccountStats({ accountId, queryConfig }: UseAccountStatsOptions) {
  return useQuery({ ...getAccountStatsQueryOptions(accountId), ...queryConfig });
}
