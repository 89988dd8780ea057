import type { QueryClient } from '@tanstack/react-query';
import type { HostingAccountSummary } from '@nextpanel/shared';
import { getCustomerQueryOptions } from '@/features/customers/api/get-customer';
import { getServersQueryOptions } from '@/features/servers/api/get-servers';
import { getAccountQueryOptions } from './get-account';
import { getAccountsQueryOptions } from './get-accounts';
import { getAccountStatsQueryOptions } from './get-account-stats';

/** 409 when the account's state does not allow the action (e.g. suspending a terminated account). */
export const AccountErrorCode = {
  InvalidState: 'INVALID_ACCOUNT_STATE',
  StateChanged: 'ACCOUNT_STATE_CHANGED',
} as const;

/**
 * What a suspend, unsuspend or terminate changes: the account, every account list (the dashboard's
 * recent activity), its customer's details (the accounts table) and the server list (a terminated
 * account frees a slot).
 */
export async function invalidateAfterAccountChange(
  queryClient: QueryClient,
  account: HostingAccountSummary,
): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: getAccountQueryOptions(account.id).queryKey }),
    queryClient.invalidateQueries({ queryKey: getAccountsQueryOptions().queryKey }),
    queryClient.invalidateQueries({ queryKey: getAccountStatsQueryOptions(account.id).queryKey }),
    queryClient.invalidateQueries({
      queryKey: getCustomerQueryOptions(account.customer_id).queryKey,
    }),
    queryClient.invalidateQueries({ queryKey: getServersQueryOptions().queryKey }),
  ]);
}
