import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginResponse, RegisterRequest } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import { saveCustomerSession } from '@/lib/customer-session';
import type { MutationConfig } from '@/lib/react-query';
import { forgetCustomerData } from './customer-cache';

/**
 * POST /api/v1/auth/register: creates the customer and signs them in (201 with a token).
 * 400 with `details` per field, 409 CUSTOMER_EMAIL_TAKEN, 429 with Retry-After.
 */
export function registerCustomer(request: RegisterRequest): Promise<LoginResponse> {
  return api.post<LoginResponse>('/api/v1/auth/register', request, { auth: false });
}

export interface UseRegisterCustomerOptions {
  mutationConfig?: MutationConfig<typeof registerCustomer>;
}

export function useRegisterCustomer({ mutationConfig }: UseRegisterCustomerOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: registerCustomer,
    onSuccess: (...args) => {
      forgetCustomerData(queryClient);
      saveCustomerSession(args[0]);
      return onSuccess?.(...args);
    },
  });
}
