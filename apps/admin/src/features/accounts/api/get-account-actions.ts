import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AccountActionResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/**
 * GET /api/v1/nextpanel/accounts/{id}/actions: the lifecycle actions asked for the account (suspend,
 * change plan, …), newest first, with status, attempts and the last error while the queue retries.
 */
export function getAccountActions({
  accountId,
  signal,
}: {
  accountId: number;
  signal?: AbortSignal;
}): Promise<AccountActionResponse[]> {
  return api.get<AccountActionResponse[]>(`/api/v1/nextpanel/accounts/${accountId}/actions`, {
    signal,
  });
}

export function getAccountActionsQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: ['accounts', 'actions', accountId],
    queryFn: ({ signal }) => getAccountActions({ accountId, signal }),
  });
}

/** The action still waiting for its panel (queued for a retry, or running), if any. */
export function pendingAccountAction(
  actions: readonly AccountActionResponse[] | undefined,
): AccountActionResponse | undefined {
  return actions?.find((action) => action.status === 'queued' || action.status === 'running');
}

/** While an action is pending, look again this often to see the queue finish it. */
export const PENDING_ACTION_POLL_MS = 5_000;

export interface UseAccountActionsOptions {
  accountId: number;
  queryConfig?: QueryConfig<typeof getAccountActionsQueryOptions>;
}

export function useAccountActions({ accountId, queryConfig }: UseAccountActionsOptions) {
  return useQuery({ ...getAccountActionsQueryOptions(accountId), ...queryConfig });
}
