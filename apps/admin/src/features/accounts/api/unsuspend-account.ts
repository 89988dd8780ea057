import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountActionResult } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterAccountChange, type AccountRef } from './account-actions';

export interface UnsuspendAccountBody {
  /** Email the customer that the account is back (default true). */
  notify_customer?: boolean;
}

export interface UnsuspendAccountInput {
  account: AccountRef;
  data: UnsuspendAccountBody;
}

/**
 * POST /api/v1/nextpanel/accounts/{id}/unsuspend {notify_customer?}: back to active on the panel.
 * 200 when done, 202 when the queue retries; 409 INVALID_ACCOUNT_STATE / ACCOUNT_ACTION_IN_PROGRESS.
 */
export function unsuspendAccount({
  account,
  data,
}: UnsuspendAccountInput): Promise<AccountActionResult> {
  return api.post<AccountActionResult>(`/api/v1/nextpanel/accounts/${account.id}/unsuspend`, data);
}

export interface UseUnsuspendAccountOptions {
  mutationConfig?: MutationConfig<typeof unsuspendAccount>;
}

export function useUnsuspendAccount({ mutationConfig }: UseUnsuspendAccountOptions = {}) {
  const queryClient = useQueryClient();
  const { onSettled, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: unsuspendAccount,
    onSettled: async (...args) => {
      await invalidateAfterAccountChange(queryClient, args[2].account);
      return onSettled?.(...args);
    },
  });
}
