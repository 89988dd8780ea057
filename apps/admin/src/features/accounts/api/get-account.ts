import { queryOptions, useQuery } from '@tanstack/react-query';
import type { HostingAccountResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/nextpanel/accounts/{id}: the stored account plus what its panel says about it now. */
export function getAccount({
  accountId,
  signal,
}: {
  accountId: number;
  signal?: AbortSignal;
}): Promise<HostingAccountResponse> {
  return api.get<HostingAccountResponse>(`/api/v1/nextpanel/accounts/${accountId}`, { signal });
}

export function getAccountQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: ['accounts', 'detail', accountId],
    queryFn: ({ signal }) => getAccount({ accountId, signal }),
    staleTime: 0,
  });
}

export interface UseAccountOptions {
  accountId: number;
  queryConfig?: QueryConfig<typeof getAccountQueryOptions>;
}

export function useAccount({ accountId, queryConfig }: UseAccountOptions) {
  return useQuery({ ...getAccountQueryOptions(accountId), ...queryConfig });
}
