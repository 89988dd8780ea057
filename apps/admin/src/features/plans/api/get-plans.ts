import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PlanResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/plans: every plan, inactive ones included, ordered by sort_order then name (a bare array). */
export function getPlans({ signal }: { signal?: AbortSignal } = {}): Promise<PlanResponse[]> {
  return api.get<PlanResponse[]>('/api/v1/plans', { signal });
}

export function getPlansQueryOptions() {
  return queryOptions({
    queryKey: ['plans', 'list'],
    queryFn: ({ signal }) => getPlans({ signal }),
  });
}

export interface UsePlansOptions {
  queryConfig?: QueryConfig<typeof getPlansQueryOptions>;
}

export function usePlans({ queryConfig }: UsePlansOptions = {}) {
  return useQuery({ ...getPlansQueryOptions(), ...queryConfig });
}
