import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ServerResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/nextpanel/servers: every panel server with its live account count. */
export function getServers({ signal }: { signal?: AbortSignal } = {}): Promise<ServerResponse[]> {
  return api.get<ServerResponse[]>('/api/v1/nextpanel/servers', { signal });
}

export function getServersQueryOptions() {
  return queryOptions({
    queryKey: ['servers', 'list'],
    queryFn: ({ signal }) => getServers({ signal }),
  });
}

export interface UseServersOptions {
  queryConfig?: QueryConfig<typeof getServersQueryOptions>;
}

export function useServers({ queryConfig }: UseServersOptions = {}) {
  return useQuery({ ...getServersQueryOptions(), ...queryConfig });
}
