import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AccountUsageResponse } from '@nextpanel/shared';
import { customerApi } from '@/lib/customer-api';
import type { QueryConfig } from '@/lib/react-query';

const DAY_MS = 24 * 3600 * 1000;

/**
 * GET /api/v1/my/accounts/{id}/usage?from=: one of the customer's own accounts, as the scheduled
 * collection last measured it, against the plan's quotas. The last day is enough for "now".
 */
export function getMyAccountUsage({
  accountId,
  signal,
}: {
  accountId: number;
  signal?: AbortSignal;
}): Promise<AccountUsageResponse> {
  return customerApi.get<AccountUsageResponse>(`/api/v1/my/accounts/${accountId}/usage`, {
    params: { from: new Date(Date.now() - DAY_MS).toISOString() },
    signal,
  });
}

export function getMyAccountUsageQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: ['my', 'accounts', 'usage', accountId],
    queryFn: ({ signal }) => getMyAccountUsage({ accountId, signal }),
  });
}

export interface UseMyAccountUsageOptions {
  accountId: number;
  queryConfig?: QueryConfig<typeof getMyAccountUsageQueryOptions>;
}

export function useMyAccountUsage({ accountId, queryConfig }: UseMyAccountUsageOptions) {
  return useQuery({ ...getMyAccountUsageQueryOptions(accountId), ...queryConfig });
}
