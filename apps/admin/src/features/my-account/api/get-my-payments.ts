import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PaymentResponse } from '@nextpanel/shared';
import { customerApi } from '@/lib/customer-api';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/my/payments: every payment of the customer, newest first (a bare array). */
export function getMyPayments({ signal }: { signal?: AbortSignal } = {}): Promise<
  PaymentResponse[]
> {
  return customerApi.get<PaymentResponse[]>('/api/v1/my/payments', { signal });
}

export function getMyPaymentsQueryOptions() {
  return queryOptions({
    queryKey: ['my', 'payments'],
    queryFn: ({ signal }) => getMyPayments({ signal }),
  });
}

export interface UseMyPaymentsOptions {
  queryConfig?: QueryConfig<typeof getMyPaymentsQueryOptions>;
}

export function useMyPayments({ queryConfig }: UseMyPaymentsOptions = {}) {
  return useQuery({ ...getMyPaymentsQueryOptions(), ...queryConfig });
}
