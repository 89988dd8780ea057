import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountActionResult } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterAccountChange, type AccountRef } from './account-actions';

export interface TerminateAccountInput {
  account: AccountRef;
  /** Kept as the account's status reason and in its history. */
  reason?: string;
}

/**
 * DELETE /api/v1/nextpanel/accounts/{id}?reason=: delete the account on its panel and free the
 * slot. The billing record stays, as `terminated`, for history. 200 when done, 202 when the queue
 * retries; 409 INVALID_ACCOUNT_STATE / ACCOUNT_ACTION_IN_PROGRESS; 502 the panel's reason.
 */
export function terminateAccount({
  account,
  reason,
}: TerminateAccountInput): Promise<AccountActionResult> {
  return api.delete<AccountActionResult>(`/api/v1/nextpanel/accounts/${account.id}`, {
    params: { reason: reason || undefined },
  });
}

export interface UseTerminateAccountOptions {
  mutationConfig?: MutationConfig<typeof terminateAccount>;
}

export function useTerminateAccount({ mutationConfig }: UseTerminateAccountOptions = {}) {
  const queryClient = useQueryClient();
  const { onSettled, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: terminateAccount,
    onSettled: async (...args) => {
      await invalidateAfterAccountChange(queryClient, args[2].account);
      return onSettled?.(...args);
    },
  });
}
