import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AccountUsageResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** The periods the usage chart offers, newest data at the right. */
export const USAGE_RANGES = {
  '24h': { short: '24 h', label: '24 hours', ms: 24 * 3600 * 1000 },
  '7d': { short: '7 d', label: '7 days', ms: 7 * 24 * 3600 * 1000 },
  '30d': { short: '30 d', label: '30 days', ms: 30 * 24 * 3600 * 1000 },
  '90d': { short: '90 d', label: '90 days', ms: 90 * 24 * 3600 * 1000 },
} as const;
export type UsageRange = keyof typeof USAGE_RANGES;

/**
 * GET /api/v1/nextpanel/accounts/{id}/usage?from=: the stored usage samples (collected on a
 * schedule) against the license's quotas. `to` is left to the server: "until now".
 */
export function getAccountUsage({
  accountId,
  range,
  signal,
  now = Date.now(),
}: {
  accountId: number;
  range: UsageRange;
  signal?: AbortSignal;
  now?: number;
}): Promise<AccountUsageResponse> {
  return api.get<AccountUsageResponse>(`/api/v1/nextpanel/accounts/${accountId}/usage`, {
    params: { from: new Date(now - USAGE_RANGES[range].ms).toISOString() },
    signal,
  });
}

export function getAccountUsageQueryOptions(accountId: number, range: UsageRange) {
  return queryOptions({
    queryKey: ['accounts', 'usage', accountId, range],
    queryFn: ({ signal }) => getAccountUsage({ accountId, range, signal }),
  });
}

export interface UseAccountUsageOptions {
  accountId: number;
  range: UsageRange;
  queryConfig?: QueryConfig<typeof getAccountUsageQueryOptions>;
}

export function useAccountUsage({ accountId, range, queryConfig }: UseAccountUsageOptions) {
  return useQuery({ ...getAccountUsageQueryOptions(accountId, range), ...queryConfig });
}
