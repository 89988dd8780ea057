import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AccountEventResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/**
 * GET /api/v1/nextpanel/accounts/{id}/events: every state change of the account, newest first,
 * with who or what caused it and why.
 */
export function getAccountEvents({
  accountId,
  signal,
}: {
  accountId: number;
  signal?: AbortSignal;
}): Promise<AccountEventResponse[]> {
  return api.get<AccountEventResponse[]>(`/api/v1/nextpanel/accounts/${accountId}/events`, {
    signal,
  });
}

export function getAccountEventsQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: ['accounts', 'events', accountId],
    queryFn: ({ signal }) => getAccountEvents({ accountId, signal }),
  });
}

export interface UseAccountEventsOptions {
  accountId: number;
  queryConfig?: QueryConfig<typeof getAccountEventsQueryOptions>;
}

export function useAccountEvents({ accountId, queryConfig }: UseAccountEventsOptions) {
  return useQuery({ ...getAccountEventsQueryOptions(accountId), ...queryConfig });
}
