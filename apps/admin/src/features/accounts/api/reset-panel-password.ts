import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountActionResult, ResetPanelPasswordRequest } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterAccountChange, type AccountRef } from './account-actions';

export interface ResetPanelPasswordInput {
  account: AccountRef;
  data: ResetPanelPasswordRequest;
}

/**
 * POST /api/v1/nextpanel/accounts/{id}/reset-password {notify_customer?}: the panel account gets a
 * new generated password, emailed to the customer. Billing never returns or stores it. 200 when
 * done, 202 when the queue retries; 409 INVALID_ACCOUNT_STATE / ACCOUNT_ACTION_IN_PROGRESS.
 */
export function resetPanelPassword({
  account,
  data,
}: ResetPanelPasswordInput): Promise<AccountActionResult> {
  return api.post<AccountActionResult>(
    `/api/v1/nextpanel/accounts/${account.id}/reset-password`,
    data,
  );
}

export interface UseResetPanelPasswordOptions {
  mutationConfig?: MutationConfig<typeof resetPanelPassword>;
}

export function useResetPanelPassword({ mutationConfig }: UseResetPanelPasswordOptions = {}) {
  const queryClient = useQueryClient();
  const { onSettled, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: resetPanelPassword,
    onSettled: async (...args) => {
      await invalidateAfterAccountChange(queryClient, args[2].account);
      return onSettled?.(...args);
    },
  });
}
