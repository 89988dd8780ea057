import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CurrentUserResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/auth/me: who the bearer token belongs to. */
export function getCurrentUser({
  signal,
}: { signal?: AbortSignal } = {}): Promise<CurrentUserResponse> {
  return api.get<CurrentUserResponse>('/api/v1/auth/me', { signal });
}

export function getCurrentUserQueryOptions() {
  return queryOptions({
    queryKey: ['auth', 'me'],
    queryFn: ({ signal }) => getCurrentUser({ signal }),
    // Who is signed in changes only through sign-in/sign-out, which reset the cache anyway.
    staleTime: 5 * 60_000,
  });
}

export interface UseCurrentUserOptions {
  queryConfig?: QueryConfig<typeof getCurrentUserQueryOptions>;
}

export function useCurrentUser({ queryConfig }: UseCurrentUserOptions = {}) {
  return useQuery({ ...getCurrentUserQueryOptions(), ...queryConfig });
}
