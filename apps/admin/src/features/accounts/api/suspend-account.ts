import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountActionResult, SuspendAccountRequest } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterAccountChange, type AccountRef } from './account-actions';

/** The body the API accepts (its DTO also takes `notify_customer`, default true). */
export interface SuspendAccountBody extends SuspendAccountRequest {
  notify_customer?: boolean;
}

export interface SuspendAccountInput {
  account: AccountRef;
  data: SuspendAccountBody;
}

/**
 * POST /api/v1/nextpanel/accounts/{id}/suspend {reason, suspension_kind?, notify_customer?}: the
 * panel suspends it; the reason is kept. `non_payment` suspensions are lifted when the customer
 * pays, `admin` ones only by an admin. 200 when done, 202 when the queue retries (see
 * `isActionQueued`); 409 INVALID_ACCOUNT_STATE / ACCOUNT_ACTION_IN_PROGRESS; 502 the panel's reason.
 */
export function suspendAccount({
  account,
  data,
}: SuspendAccountInput): Promise<AccountActionResult> {
  return api.post<AccountActionResult>(`/api/v1/nextpanel/accounts/${account.id}/suspend`, data);
}

export interface UseSuspendAccountOptions {
  mutationConfig?: MutationConfig<typeof suspendAccount>;
}

export function useSuspendAccount({ mutationConfig }: UseSuspendAccountOptions = {}) {
  const queryClient = useQueryClient();
  const { onSettled, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: suspendAccount,
    onSettled: async (...args) => {
      await invalidateAfterAccountChange(queryClient, args[2].account);
      return onSettled?.(...args);
    },
  });
}
