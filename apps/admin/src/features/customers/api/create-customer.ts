import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateCustomerRequest, CustomerResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getCustomersQueryOptions } from './get-customers';

/** POST /api/v1/customers (201; 409 CUSTOMER_EMAIL_TAKEN). */
export function createCustomer(request: CreateCustomerRequest): Promise<CustomerResponse> {
  return api.post<CustomerResponse>('/api/v1/customers', request);
}

export interface UseCreateCustomerOptions {
  mutationConfig?: MutationConfig<typeof createCustomer>;
}

export function useCreateCustomer({ mutationConfig }: UseCreateCustomerOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: createCustomer,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: getCustomersQueryOptions().queryKey });
      return onSuccess?.(...args);
    },
  });
}
