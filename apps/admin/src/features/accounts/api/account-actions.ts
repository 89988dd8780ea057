import type { QueryClient } from '@tanstack/react-query';
import type { AccountActionResult, HostingAccountSummary } from '@nextpanel/shared';
import { getCustomerQueryOptions } from '@/features/customers/api/get-customer';
import { getServersQueryOptions } from '@/features/servers/api/get-servers';
import { getAccountQueryOptions } from './get-account';
import { getAccountActionsQueryOptions } from './get-account-actions';
import { getAccountEventsQueryOptions } from './get-account-events';
import { getAccountsQueryOptions } from './get-accounts';
import { getAccountStatsQueryOptions } from './get-account-stats';

/** Codes of the lifecycle endpoints' refusals (409); a panel failure is a 502 with its reason. */
export const AccountErrorCode = {
  /** The state machine (`ACCOUNT_TRANSITIONS`) does not allow it, e.g. unsuspending a terminated account. */
  InvalidState: 'INVALID_ACCOUNT_STATE',
  StateChanged: 'ACCOUNT_STATE_CHANGED',
  /** Another action on the account is still queued or running. */
  ActionInProgress: 'ACCOUNT_ACTION_IN_PROGRESS',
  HasNoLicense: 'ACCOUNT_HAS_NO_LICENSE',
  PlanInactive: 'PLAN_INACTIVE',
  PlanHasNoPanelPackage: 'PLAN_HAS_NO_PANEL_PACKAGE',
} as const;

/** The account an action is asked for: enough to refresh everything that shows it. */
export type AccountRef = Pick<HostingAccountSummary, 'id' | 'customer_id'>;

/**
 * The API answered 202: the panel did not confirm and the job queue retries the action with
 * backoff. The action is then `queued` (or `running`, when a retry is under way) with `last_error`.
 */
export function isActionQueued(result: AccountActionResult): boolean {
  return result.action !== null && result.action.status !== 'succeeded';
}

/**
 * What a lifecycle action changes: the account, its history, every account list (the dashboard's
 * recent activity), its customer's details (the accounts and licenses tables) and the server list
 * (a terminated account frees a slot). Called when settled, not only on success: a refusal may mean
 * the account changed under the admin's eyes, and a failed action is recorded too.
 */
export async function invalidateAfterAccountChange(
  queryClient: QueryClient,
  account: AccountRef,
): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: getAccountQueryOptions(account.id).queryKey }),
    queryClient.invalidateQueries({ queryKey: getAccountsQueryOptions().queryKey }),
    queryClient.invalidateQueries({ queryKey: getAccountStatsQueryOptions(account.id).queryKey }),
    queryClient.invalidateQueries({
      queryKey: getAccountActionsQueryOptions(account.id).queryKey,
    }),
    queryClient.invalidateQueries({ queryKey: getAccountEventsQueryOptions(account.id).queryKey }),
    queryClient.invalidateQueries({
      queryKey: getCustomerQueryOptions(account.customer_id).queryKey,
    }),
    queryClient.invalidateQueries({ queryKey: getServersQueryOptions().queryKey }),
  ]);
}
