import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CustomerDetailsResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/customers/{id}: profile, every license and every hosting account. */
export function getCustomer({
  customerId,
  signal,
}: {
  customerId: number;
  signal?: AbortSignal;
}): Promise<CustomerDetailsResponse> {
  return api.get<CustomerDetailsResponse>(`/api/v1/customers/${customerId}`, { signal });
}

export function getCustomerQueryOptions(customerId: number) {
  return queryOptions({
    queryKey: ['customers', 'detail', customerId],
    queryFn: ({ signal }) => getCustomer({ customerId, signal }),
  });
}

export interface UseCustomerOptions {
  customerId: number;
  queryConfig?: QueryConfig<typeof getCustomerQueryOptions>;
}

export function useCustomer({ customerId, queryConfig }: UseCustomerOptions) {
  return useQuery({ ...getCustomerQueryOptions(customerId), ...queryConfig });
}
