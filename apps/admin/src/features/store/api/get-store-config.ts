import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StoreConfigResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/store/config: whether online payments (Stripe) are configured. */
export function getStoreConfig({
  signal,
}: { signal?: AbortSignal } = {}): Promise<StoreConfigResponse> {
  return api.get<StoreConfigResponse>('/api/v1/store/config', { auth: false, signal });
}

export function getStoreConfigQueryOptions() {
  return queryOptions({
    queryKey: ['store', 'config'],
    queryFn: ({ signal }) => getStoreConfig({ signal }),
    // Changes only when the API restarts with other keys.
    staleTime: 10 * 60_000,
  });
}

export interface UseStoreConfigOptions {
  queryConfig?: QueryConfig<typeof getStoreConfigQueryOptions>;
}

export function useStoreConfig({ queryConfig }: UseStoreConfigOptions = {}) {
  return useQuery({ ...getStoreConfigQueryOptions(), ...queryConfig });
}
