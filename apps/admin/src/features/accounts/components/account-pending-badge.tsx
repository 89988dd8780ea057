import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { HostingAccountSummary } from '@nextpanel/shared';
import { Badge } from '@/components/ui/badge';
import { invalidateAfterAccountChange } from '../api/account-actions';
import {
  PENDING_ACTION_POLL_MS,
  pendingAccountAction,
  useAccountActions,
} from '../api/get-account-actions';
import { accountActionLabels } from './account-action-feedback';
import lifecycle from './account-lifecycle.module.css';

/**
 * "Suspend pending" on an account whose last action waits for its panel (the API answered 202 and
 * the job queue retries). Looks again every few seconds while so, and refreshes the account's views
 * once the queue has finished it.
 */
export function AccountPendingBadge({ account }: { account: HostingAccountSummary }) {
  const queryClient = useQueryClient();
  const onPanel = account.status === 'active' || account.status === 'suspended';
  const actions = useAccountActions({
    accountId: account.id,
    queryConfig: {
      enabled: onPanel,
      refetchInterval: (query) =>
        pendingAccountAction(query.state.data) ? PENDING_ACTION_POLL_MS : false,
    },
  });
  const pending = onPanel ? pendingAccountAction(actions.data) : undefined;

  // Pending → settled: the account's state (and its customer's tables) changed in the background.
  const wasPending = useRef(false);
  useEffect(() => {
    if (pending) {
      wasPending.current = true;
    } else if (wasPending.current) {
      wasPending.current = false;
      void invalidateAfterAccountChange(queryClient, account);
    }
  }, [pending, queryClient, account]);

  if (!pending) return null;
  return (
    <span className={lifecycle.pending} title={pending.last_error ?? undefined}>
      <Badge tone="warning">{accountActionLabels[pending.action]} pending</Badge>
      <span className={lifecycle.pendingNote}>
        {pending.last_error
          ? `Panel not answering, retrying (attempt ${pending.attempts}): ${pending.last_error}`
          : 'Queued, running shortly'}
      </span>
    </span>
  );
}
