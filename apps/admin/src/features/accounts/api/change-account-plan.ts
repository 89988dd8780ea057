import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountActionResult, ChangePlanRequest } from '@nextpanel/shared';
import { getLicensesQueryOptions } from '@/features/licenses/api/get-licenses';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterAccountChange, type AccountRef } from './account-actions';

/** The body the API accepts (its DTO also takes `notify_customer`, default true). */
export interface ChangeAccountPlanBody extends ChangePlanRequest {
  notify_customer?: boolean;
}

export interface ChangeAccountPlanInput {
  account: AccountRef;
  data: ChangeAccountPlanBody;
}

/**
 * POST /api/v1/nextpanel/accounts/{id}/change-plan {plan_id, notify_customer?}: upgrade or
 * downgrade. The panel gets the plan's package and quotas; the account's license moves to the plan
 * (its quotas and renewal price). 200 when done, 202 when the queue retries; 404 unknown plan;
 * 409 ACCOUNT_HAS_NO_LICENSE / PLAN_INACTIVE / PLAN_HAS_NO_PANEL_PACKAGE / INVALID_ACCOUNT_STATE /
 * ACCOUNT_ACTION_IN_PROGRESS; 502 the panel's reason.
 */
export function changeAccountPlan({
  account,
  data,
}: ChangeAccountPlanInput): Promise<AccountActionResult> {
  return api.post<AccountActionResult>(
    `/api/v1/nextpanel/accounts/${account.id}/change-plan`,
    data,
  );
}

export interface UseChangeAccountPlanOptions {
  mutationConfig?: MutationConfig<typeof changeAccountPlan>;
}

export function useChangeAccountPlan({ mutationConfig }: UseChangeAccountPlanOptions = {}) {
  const queryClient = useQueryClient();
  const { onSettled, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: changeAccountPlan,
    onSettled: async (...args) => {
      await Promise.all([
        invalidateAfterAccountChange(queryClient, args[2].account),
        // The license now names the new plan and its quotas.
        queryClient.invalidateQueries({ queryKey: getLicensesQueryOptions().queryKey }),
      ]);
      return onSettled?.(...args);
    },
  });
}
