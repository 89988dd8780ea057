import type {
  AccountActionResult,
  AccountActionStatus,
  AccountActionType,
  HostingAccountStatus,
  HostingAccountSummary,
  SuspensionKind,
} from '@nextpanel/shared';
import { ACCOUNT_TRANSITIONS } from '@nextpanel/shared';
import type { BadgeTone } from '@/components/ui/badge';
import { toast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api-client';
import { describeError } from '@/lib/errors';
import { isActionQueued } from '../api/account-actions';

export const accountActionLabels: Record<AccountActionType, string> = {
  suspend: 'Suspend',
  unsuspend: 'Unsuspend',
  terminate: 'Terminate',
  change_plan: 'Change plan',
  reset_password: 'Reset panel password',
};

export const actionStatusLabels: Record<AccountActionStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

export const actionStatusTones: Record<AccountActionStatus, BadgeTone> = {
  queued: 'warning',
  running: 'primary',
  succeeded: 'success',
  failed: 'danger',
};

export const suspensionKindLabels: Record<SuspensionKind, string> = {
  admin: 'Admin hold',
  non_payment: 'Non-payment',
};

export type AccountAction =
  'stats' | 'suspend' | 'unsuspend' | 'terminate' | 'change_plan' | 'reset_password';

function canMoveTo(status: HostingAccountStatus, target: HostingAccountStatus): boolean {
  return ACCOUNT_TRANSITIONS[status].includes(target);
}

/**
 * What the account's state allows, from the shared state machine; the API refuses the rest with
 * 409 INVALID_ACCOUNT_STATE. Plan changes and password resets need an account that exists on its
 * panel (active or suspended).
 */
export function allowedActions(account: Pick<HostingAccountSummary, 'status'>): AccountAction[] {
  const { status } = account;
  const onPanel = status === 'active' || status === 'suspended';
  const actions: AccountAction[] = [];
  if (onPanel) actions.push('stats');
  if (canMoveTo(status, 'suspended')) actions.push('suspend');
  if (status === 'suspended' && canMoveTo(status, 'active')) actions.push('unsuspend');
  if (canMoveTo(status, 'terminated')) actions.push('terminate');
  if (onPanel) actions.push('change_plan', 'reset_password');
  return actions;
}

/**
 * Tells the admin how a lifecycle request ended: done (toast), nothing to do, or — the API's 202 —
 * queued because the panel did not answer, which the job queue retries on its own.
 */
export function announceAccountResult(
  result: AccountActionResult,
  done: { title: string; description: string },
): void {
  if (isActionQueued(result)) {
    const lastError = result.action?.last_error;
    toast.warning(
      'Queued: the panel is unreachable',
      `Billing retries automatically; ${result.username} shows as pending until the panel confirms.` +
        (lastError ? ` Last error: ${lastError}` : ''),
    );
    return;
  }
  if (result.action === null) {
    toast.info(
      done.title,
      `${result.username} already was in that state; the panel was not called.`,
    );
    return;
  }
  toast.success(done.title, done.description);
}

/**
 * The refusal, in words. A 502 carries the panel's own reason, which is what the admin needs to
 * see (the generic wording of `describeError` is for failures of billing itself).
 */
export function describeAccountActionError(error: unknown): string {
  if (error instanceof ApiError && error.status === 502 && error.message) {
    return `The panel did not do it: ${error.message}`;
  }
  return describeError(error);
}
