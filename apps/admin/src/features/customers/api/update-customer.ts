import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CustomerResponse, UpdateCustomerRequest } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getCustomerQueryOptions } from './get-customer';
import { getCustomersQueryOptions } from './get-customers';

export interface UpdateCustomerInput {
  customerId: number;
  data: UpdateCustomerRequest;
}

/** PATCH /api/v1/customers/{id}: any subset; `is_active: false` deactivates (customers are never deleted). */
export function updateCustomer({
  customerId,
  data,
}: UpdateCustomerInput): Promise<CustomerResponse> {
  return api.patch<CustomerResponse>(`/api/v1/customers/${customerId}`, data);
}

export interface UseUpdateCustomerOptions {
  mutationConfig?: MutationConfig<typeof updateCustomer>;
}

export function useUpdateCustomer({ mutationConfig }: UseUpdateCustomerOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: updateCustomer,
    onSuccess: async (...args) => {
      const [customer] = args;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: getCustomerQueryOptions(customer.id).queryKey }),
        queryClient.invalidateQueries({ queryKey: getCustomersQueryOptions().queryKey }),
      ]);
      return onSuccess?.(...args);
    },
  });
}
