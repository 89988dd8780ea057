import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiKeyResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/api-keys: every key, revoked and expired ones included, newest first (a bare array, no secrets). */
export function getApiKeys({ signal }: { signal?: AbortSignal } = {}): Promise<ApiKeyResponse[]> {
  return api.get<ApiKeyResponse[]>('/api/v1/api-keys', { signal });
}

export function getApiKeysQueryOptions() {
  return queryOptions({
    queryKey: ['api-keys', 'list'],
    queryFn: ({ signal }) => getApiKeys({ signal }),
  });
}

export interface UseApiKeysOptions {
  queryConfig?: QueryConfig<typeof getApiKeysQueryOptions>;
}

export function useApiKeys({ queryConfig }: UseApiKeysOptions = {}) {
  return useQuery({ ...getApiKeysQueryOptions(), ...queryConfig });
}
