import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ServerResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/nextpanel/servers/{id} */
export function getServer({
  serverId,
  signal,
}: {
  serverId: number;
  signal?: AbortSignal;
}): Promise<ServerResponse> {
  return api.get<ServerResponse>(`/api/v1/nextpanel/servers/${serverId}`, { signal });
}

export function getServerQueryOptions(serverId: number) {
  return queryOptions({
    queryKey: ['servers', 'detail', serverId],
    queryFn: ({ signal }) => getServer({ serverId, signal }),
  });
}

export interface UseServerOptions {
  serverId: number;
  queryConfig?: QueryConfig<typeof getServerQueryOptions>;
}

export function useServer({ serverId, queryConfig }: UseServerOptions) {
  return useQuery({ ...getServerQueryOptions(serverId), ...queryConfig });
}
