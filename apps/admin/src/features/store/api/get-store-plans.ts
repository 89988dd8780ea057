import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PublicPlanResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/**
 * GET /api/v1/plans without a token: the plans on sale, with their public fields only, ordered
 * by sort_order then name. Sent without the admin's token on purpose: an admin browsing the
 * store sees what customers see, not inactive plans.
 */
export function getStorePlans({ signal }: { signal?: AbortSignal } = {}): Promise<
  PublicPlanResponse[]
> {
  return api.get<PublicPlanResponse[]>('/api/v1/plans', { auth: false, signal });
}

export function getStorePlansQueryOptions() {
  return queryOptions({
    queryKey: ['store', 'plans'],
    queryFn: ({ signal }) => getStorePlans({ signal }),
    staleTime: 5 * 60_000,
  });
}

export interface UseStorePlansOptions {
  queryConfig?: QueryConfig<typeof getStorePlansQueryOptions>;
}

export function useStorePlans({ queryConfig }: UseStorePlansOptions = {}) {
  return useQuery({ ...getStorePlansQueryOptions(), ...queryConfig });
}
