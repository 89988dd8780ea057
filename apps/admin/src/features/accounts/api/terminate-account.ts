import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HostingAccountSummary } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterAccountChange } from './account-actions';

/**
 * DELETE /api/v1/nextpanel/accounts/{id}: delete the account on its panel and free the slot. The
 * billing record stays, as `terminated`, for history.
 */
export function terminateAccount({
  accountId,
}: {
  accountId: number;
}): Promise<HostingAccountSummary> {
  return api.delete<HostingAccountSummary>(`/api/v1/nextpanel/accounts/${accountId}`);
}

export interface UseTerminateAccountOptions {
  mutationConfig?: MutationConfig<typeof terminateAccount>;
}

export function useTerminateAccount({ mutationConfig }: UseTerminateAccountOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: terminateAccount,
    onSuccess: async (...args) => {
      await invalidateAfterAccountChange(queryClient, args[0]);
      return onSuccess?.(...args);
    },
  });
}
