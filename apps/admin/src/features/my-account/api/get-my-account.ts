import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CustomerDetailsResponse } from '@nextpanel/shared';
import { customerApi } from '@/lib/customer-api';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/my: the signed-in customer's profile, licenses (keys, quotas) and hosting accounts. */
export function getMyAccount({
  signal,
}: { signal?: AbortSignal } = {}): Promise<CustomerDetailsResponse> {
  return customerApi.get<CustomerDetailsResponse>('/api/v1/my', { signal });
}

/** Key ['my', 'account']; every customer-side key starts with 'my' (see forgetCustomerData). */
export function getMyAccountQueryOptions() {
  return queryOptions({
    queryKey: ['my', 'account'],
    queryFn: ({ signal }) => getMyAccount({ signal }),
  });
}

export interface UseMyAccountOptions {
  queryConfig?: QueryConfig<typeof getMyAccountQueryOptions>;
}

export function useMyAccount({ queryConfig }: UseMyAccountOptions = {}) {
  return useQuery({ ...getMyAccountQueryOptions(), ...queryConfig });
}
