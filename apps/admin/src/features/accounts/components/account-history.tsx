import type {
  AccountActionResponse,
  AccountEventResponse,
  HostingAccountStatus,
  HostingAccountSummary,
  PlanResponse,
} from '@nextpanel/shared';
import { HOSTING_ACCOUNT_STATUSES } from '@nextpanel/shared';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Table } from '@/components/ui/table';
import { Timeline, type TimelineEntry } from '@/components/ui/timeline';
import { usePlans } from '@/features/plans/api/get-plans';
import { describeActor } from '@/lib/actors';
import { formatDateTime } from '@/lib/format';
import { useAccountActions } from '../api/get-account-actions';
import { useAccountEvents } from '../api/get-account-events';
import {
  accountActionLabels,
  actionStatusLabels,
  actionStatusTones,
  suspensionKindLabels,
} from './account-action-feedback';
import lifecycle from './account-lifecycle.module.css';
import { accountStatusLabels } from './account-status-badge';

const statusTones: Record<HostingAccountStatus, BadgeTone> = {
  provisioning: 'primary',
  active: 'success',
  suspended: 'warning',
  terminated: 'neutral',
  failed: 'danger',
};

function isAccountStatus(value: string | null): value is HostingAccountStatus {
  return value !== null && (HOSTING_ACCOUNT_STATUSES as readonly string[]).includes(value);
}

function statusLabel(value: string | null): string {
  if (value === null) return 'New';
  return isAccountStatus(value) ? accountStatusLabels[value] : value;
}

/** One state change as a timeline entry: "Active → Suspended", by whom, why. */
export function accountEventEntry(event: AccountEventResponse): TimelineEntry {
  return {
    id: event.id,
    title: `${statusLabel(event.from_status)} → ${statusLabel(event.to_status)}`,
    at: event.created_at,
    meta: `By ${describeActor(event.actor)}`,
    detail: event.reason,
    tone: isAccountStatus(event.to_status) ? statusTones[event.to_status] : 'neutral',
  };
}

/**
 * The account's history: the lifecycle actions asked for it (with their progress through the job
 * queue; pending ones stand out) and every state change, newest first.
 */
export function AccountHistory({ account }: { account: HostingAccountSummary }) {
  return (
    <div className={lifecycle.historyGrid}>
      <section aria-labelledby={`account-${account.id}-actions`}>
        <h3 id={`account-${account.id}-actions`} className={lifecycle.sectionTitle}>
          Lifecycle actions
        </h3>
        <ActionsList accountId={account.id} />
      </section>
      <section aria-labelledby={`account-${account.id}-events`}>
        <h3 id={`account-${account.id}-events`} className={lifecycle.sectionTitle}>
          State history
        </h3>
        <EventsTimeline accountId={account.id} username={account.username} />
      </section>
    </div>
  );
}

function EventsTimeline({ accountId, username }: { accountId: number; username: string }) {
  const events = useAccountEvents({ accountId });
  if (events.isError) {
    return (
      <ErrorState
        size="compact"
        title="Could not load the state history"
        error={events.error}
        onRetry={() => void events.refetch()}
        isRetrying={events.isFetching}
      />
    );
  }
  if (events.data === undefined) return <LoadingLines label="Loading state history" />;
  if (events.data.length === 0) {
    return <p className={lifecycle.empty}>No state changes recorded yet.</p>;
  }
  return (
    <Timeline label={`State history of ${username}`} entries={events.data.map(accountEventEntry)} />
  );
}

function ActionsList({ accountId }: { accountId: number }) {
  const actions = useAccountActions({ accountId });
  const plans = usePlans();
  if (actions.isError) {
    return (
      <ErrorState
        size="compact"
        title="Could not load the lifecycle actions"
        error={actions.error}
        onRetry={() => void actions.refetch()}
        isRetrying={actions.isFetching}
      />
    );
  }
  if (actions.data === undefined) return <LoadingLines label="Loading lifecycle actions" />;
  if (actions.data.length === 0) {
    return (
      <p className={lifecycle.empty}>
        No suspend, unsuspend, plan change, password reset or terminate has been asked yet.
      </p>
    );
  }
  return (
    <Table caption="Lifecycle actions">
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Status</th>
          <th scope="col" className="numeric">
            Attempts
          </th>
          <th scope="col">Requested</th>
        </tr>
      </thead>
      <tbody>
        {actions.data.map((action) => {
          const pending = action.status === 'queued' || action.status === 'running';
          return (
            <tr key={action.id} className={pending ? lifecycle.pendingRow : undefined}>
              <td>
                <span className={lifecycle.actionName}>{accountActionLabels[action.action]}</span>
                {describeParams(action, plans.data)}
              </td>
              <td>
                <Badge tone={actionStatusTones[action.status]}>
                  {actionStatusLabels[action.status]}
                </Badge>
                {pending ? (
                  <span className={lifecycle.pendingNote}>Retrying automatically</span>
                ) : null}
                {action.last_error ? (
                  <p className={lifecycle.lastError}>Last error: {action.last_error}</p>
                ) : null}
              </td>
              <td className="numeric">{action.attempts}</td>
              <td>
                <span className={lifecycle.requested}>
                  {formatDateTime(action.created_at)}
                  <span>by {describeActor(action.requested_by)}</span>
                  {action.finished_at ? (
                    <span>finished {formatDateTime(action.finished_at)}</span>
                  ) : null}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** What was asked, in words: the reason, the suspension kind, the plan moved to. */
function describeParams(action: AccountActionResponse, plans: PlanResponse[] | undefined) {
  const { reason, suspension_kind: kind, plan_id: planId } = action.params;
  const parts: string[] = [];
  if (typeof planId === 'string') {
    parts.push(`to ${plans?.find((plan) => plan.id === planId)?.name ?? `plan ${planId}`}`);
  }
  if (kind === 'admin' || kind === 'non_payment') parts.push(suspensionKindLabels[kind]);
  if (typeof reason === 'string' && reason !== '') parts.push(`“${reason}”`);
  return parts.length > 0 ? <p className={lifecycle.params}>{parts.join(' · ')}</p> : null;
}

function LoadingLines({ label }: { label: string }) {
  return (
    <div className={lifecycle.loading} aria-busy="true">
      <span className="visually-hidden">{label}</span>
      <Skeleton width="70%" />
      <Skeleton width="55%" />
      <Skeleton width="62%" />
    </div>
  );
}
