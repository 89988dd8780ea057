import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, LoginResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { saveSession } from '@/lib/session';

/** POST /api/v1/auth/login. Sent without a token: this is how one gets a token. */
export function login(credentials: LoginRequest): Promise<LoginResponse> {
  return api.post<LoginResponse>('/api/v1/auth/login', credentials, { auth: false });
}

export interface UseLoginOptions {
  mutationConfig?: MutationConfig<typeof login>;
}

/** Signs in and stores the session; the caller decides where to go next. */
export function useLogin({ mutationConfig }: UseLoginOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};

  return useMutation({
    ...restConfig,
    mutationFn: login,
    onSuccess: (...args) => {
      const [response] = args;
      // Nothing cached for a previous admin may leak into this one's screens.
      queryClient.removeQueries();
      saveSession(response);
      return onSuccess?.(...args);
    },
  });
}
