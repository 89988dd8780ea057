import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProvisionAccountRequest, ProvisionAccountResponse } from '@nextpanel/shared';
import { getCustomerQueryOptions } from '@/features/customers/api/get-customer';
import { getServersQueryOptions } from '@/features/servers/api/get-servers';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getAccountsQueryOptions } from './get-accounts';

/** Codes of POST /nextpanel/provision refusals (409) and panel failures (502). */
export const ProvisioningErrorCode = {
  UsernameTaken: 'USERNAME_TAKEN',
  NoCapacity: 'NO_CAPACITY',
  NoAvailableServer: 'NO_AVAILABLE_SERVER',
  ServerInactive: 'SERVER_INACTIVE',
  CustomerInactive: 'CUSTOMER_INACTIVE',
  LicenseInactive: 'LICENSE_INACTIVE',
  PanelError: 'PANEL_ERROR',
  PanelUnavailable: 'PANEL_UNAVAILABLE',
} as const;

/**
 * POST /api/v1/nextpanel/provision: create the hosting account on a panel (201). Without
 * `server_id` the API picks the least-used active, online server with room. A panel failure is
 * a 502 whose message is the panel's reason; the attempt is kept as a `failed` account.
 */
export function provisionAccount(
  request: ProvisionAccountRequest,
): Promise<ProvisionAccountResponse> {
  return api.post<ProvisionAccountResponse>('/api/v1/nextpanel/provision', request);
}

export interface UseProvisionAccountOptions {
  mutationConfig?: MutationConfig<typeof provisionAccount>;
}

export function useProvisionAccount({ mutationConfig }: UseProvisionAccountOptions = {}) {
  const queryClient = useQueryClient();
  const { onSettled, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: provisionAccount,
    // Settled, not only on success: a failed attempt is recorded too (as a `failed` account).
    onSettled: async (...args) => {
      const [, , request] = args;
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: getCustomerQueryOptions(request.customer_id).queryKey,
        }),
        queryClient.invalidateQueries({ queryKey: getAccountsQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: getServersQueryOptions().queryKey }),
      ]);
      return onSettled?.(...args);
    },
  });
}
