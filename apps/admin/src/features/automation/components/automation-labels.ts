import type {
  AutomationItemKind,
  AutomationItemOutcome,
  AutomationRunResponse,
  AutomationRunStatus,
  AutomationTrigger,
} from '@nextpanel/shared';
import type { BadgeTone } from '@/components/ui/badge';

export const kindLabels: Record<AutomationItemKind, string> = {
  expiry_warning: 'Expiry warning sent',
  renewal_reminder: 'Renewal reminder sent',
  suspend_license: 'License suspended',
  suspend_account: 'Account suspended',
  expire_license: 'License expired',
  reactivate_license: 'License reactivated',
  unsuspend_account: 'Account unsuspended',
  cancel_license: 'License cancelled',
  terminate_account: 'Account terminated',
};

/** One and many of each kind, for "2 expiry warnings, 1 suspension". */
const countNouns: Record<AutomationItemKind, [string, string]> = {
  expiry_warning: ['expiry warning', 'expiry warnings'],
  renewal_reminder: ['renewal reminder', 'renewal reminders'],
  suspend_license: ['license suspended', 'licenses suspended'],
  suspend_account: ['account suspended', 'accounts suspended'],
  expire_license: ['license expired', 'licenses expired'],
  reactivate_license: ['license reactivated', 'licenses reactivated'],
  unsuspend_account: ['account unsuspended', 'accounts unsuspended'],
  cancel_license: ['license cancelled', 'licenses cancelled'],
  terminate_account: ['account terminated', 'accounts terminated'],
};

const KIND_ORDER = Object.keys(kindLabels) as AutomationItemKind[];

/** What a run did, in words: ["2 expiry warnings", "1 account suspended"]; [] when nothing. */
export function describeCounts(counts: AutomationRunResponse['counts']): string[] {
  return KIND_ORDER.flatMap((kind) => {
    const count = counts[kind] ?? 0;
    if (count === 0) return [];
    const [one, many] = countNouns[kind];
    return [`${count} ${count === 1 ? one : many}`];
  });
}

export const triggerLabels: Record<AutomationTrigger, string> = {
  schedule: 'Scheduled',
  manual: 'Run now',
  payment: 'Payment received',
};

export const statusLabels: Record<AutomationRunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  partial: 'Partly failed',
  failed: 'Failed',
};

export const statusTones: Record<AutomationRunStatus, BadgeTone> = {
  queued: 'neutral',
  running: 'primary',
  succeeded: 'success',
  partial: 'warning',
  failed: 'danger',
};

export const outcomeLabels: Record<AutomationItemOutcome, string> = {
  done: 'Done',
  queued: 'Waiting for the panel',
  skipped: 'Left alone',
  failed: 'Failed',
};

export const outcomeTones: Record<AutomationItemOutcome, BadgeTone> = {
  done: 'success',
  queued: 'warning',
  skipped: 'neutral',
  failed: 'danger',
};

/** "1.2 s", "350 ms", "2 min 5 s"; an en dash while unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}
