import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HostingAccountSummary } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterAccountChange } from './account-actions';

/** POST /api/v1/nextpanel/accounts/{id}/unsuspend: back to active on the panel. */
export function unsuspendAccount({
  accountId,
}: {
  accountId: number;
}): Promise<HostingAccountSummary> {
  return api.post<HostingAccountSummary>(`/api/v1/nextpanel/accounts/${accountId}/unsuspend`);
}

export interface UseUnsuspendAccountOptions {
  mutationConfig?: MutationConfig<typeof unsuspendAccount>;
}

export function useUnsuspendAccount({ mutationConfig }: UseUnsuspendAccountOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: unsuspendAccount,
    onSuccess: async (...args) => {
      await invalidateAfterAccountChange(queryClient, args[0]);
      return onSuccess?.(...args);
    },
  });
}
