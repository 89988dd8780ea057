import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  UserRole,
  type CurrentUserResponse,
  type LoginRequest,
  type LoginResponse,
} from '@nextpanel/shared';
import { ApiError, api } from '@/lib/api-client';
import { saveCustomerSession } from '@/lib/customer-session';
import type { MutationConfig } from '@/lib/react-query';
import { forgetCustomerData } from './customer-cache';

/**
 * POST /api/v1/auth/login, then GET /api/v1/auth/me with the new token: the store only keeps
 * the session of a customer. An administrator's credentials are refused here (the dashboard is
 * where they sign in), so an admin token never ends up in the customer's session.
 */
export async function customerLogin(credentials: LoginRequest): Promise<LoginResponse> {
  const response = await api.post<LoginResponse>('/api/v1/auth/login', credentials, {
    auth: false,
  });
  const me = await api.get<CurrentUserResponse>('/api/v1/auth/me', {
    auth: false,
    headers: { Authorization: `Bearer ${response.access_token}` },
  });
  if (me.role !== UserRole.Customer) {
    throw new ApiError({
      statusCode: 403,
      error: 'Forbidden',
      message:
        'This is an administrator account. Sign in to the admin dashboard instead, or use a customer account here.',
      code: 'NOT_A_CUSTOMER',
    });
  }
  return response;
}

export interface UseCustomerLoginOptions {
  mutationConfig?: MutationConfig<typeof customerLogin>;
}

export function useCustomerLogin({ mutationConfig }: UseCustomerLoginOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: customerLogin,
    onSuccess: (...args) => {
      forgetCustomerData(queryClient);
      saveCustomerSession(args[0]);
      return onSuccess?.(...args);
    },
  });
}
