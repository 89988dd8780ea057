import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HostingAccountSummary } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterAccountChange } from './account-actions';

/** POST /api/v1/nextpanel/accounts/{id}/suspend {reason}: the panel suspends it; the reason is kept. */
export function suspendAccount({
  accountId,
  reason,
}: {
  accountId: number;
  reason: string;
}): Promise<HostingAccountSummary> {
  return api.post<HostingAccountSummary>(`/api/v1/nextpanel/accounts/${accountId}/suspend`, {
    reason,
  });
}

export interface UseSuspendAccountOptions {
  mutationConfig?: MutationConfig<typeof suspendAccount>;
}

export function useSuspendAccount({ mutationConfig }: UseSuspendAccountOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: suspendAccount,
    onSuccess: async (...args) => {
      await invalidateAfterAccountChange(queryClient, args[0]);
      return onSuccess?.(...args);
    },
  });
}
