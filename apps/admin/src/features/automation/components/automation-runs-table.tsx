import { Link } from 'react-router';
import type { AutomationRunItemResponse, AutomationRunResponse } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ErrorState } from '@/components/ui/error-state';
import { ExpandableTable, expandableTableStyles } from '@/components/ui/expandable-table';
import { Skeleton } from '@/components/ui/skeleton';
import { CellStack } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelativeTime, plural } from '@/lib/format';
import { useAutomationRun } from '../api/get-automation-run';
import {
  describeCounts,
  formatDuration,
  kindLabels,
  outcomeLabels,
  outcomeTones,
  statusLabels,
  statusTones,
  triggerLabels,
} from './automation-labels';
import styles from './automation.module.css';

export const RUN_COLUMNS = ['When', 'Trigger', 'Duration', 'Status', 'What it did'] as const;

export interface AutomationRunsTableProps {
  runs: readonly AutomationRunResponse[];
  isStale?: boolean;
}

/** One row per run; a row opens to list what the run did per license and account. */
export function AutomationRunsTable({ runs, isStale = false }: AutomationRunsTableProps) {
  return (
    <ExpandableTable
      caption="Automation runs"
      columns={RUN_COLUMNS}
      rows={runs}
      rowId={(run) => run.id}
      detailsIdPrefix="automation-run"
      isStale={isStale}
      toggleText="Details"
      toggleLabel={(run, isOpen) => `${isOpen ? 'Hide' : 'Show'} what run #${run.id} did`}
      renderCells={(run) => <RunCells run={run} />}
      renderDetails={(run) => <RunItems run={run} />}
    />
  );
}

function RunCells({ run }: { run: AutomationRunResponse }) {
  const when = run.started_at ?? run.created_at;
  const did = describeCounts(run.counts);
  return (
    <>
      <td className={styles.nowrap}>
        <CellStack primary={formatRelativeTime(when)} secondary={formatDateTime(when)} />
      </td>
      <td>
        <CellStack primary={triggerLabels[run.trigger]} secondary={run.requested_by ?? undefined} />
      </td>
      <td className={styles.nowrap}>{formatDuration(run.duration_ms)}</td>
      <td>
        <Badge tone={statusTones[run.status]}>{statusLabels[run.status]}</Badge>
      </td>
      <td>
        <div className={styles.summary}>
          {did.length > 0 ? (
            <span>{did.join(', ')}</span>
          ) : run.status === 'queued' || run.status === 'running' ? (
            <span className={styles.muted}>…</span>
          ) : run.total_items === 0 ? (
            <span className={styles.muted}>Nothing to do</span>
          ) : null}
          {run.failed_items > 0 ? (
            <span className={styles.failedText}>{plural(run.failed_items, 'failure')}</span>
          ) : null}
          {run.skipped_items > 0 ? (
            <span className={styles.muted}>{plural(run.skipped_items, 'item')} left alone</span>
          ) : null}
          {run.error ? <span className={styles.failedText}>{run.error}</span> : null}
        </div>
      </td>
    </>
  );
}

function RunItems({ run }: { run: AutomationRunResponse }) {
  const detail = useAutomationRun({ runId: run.id });
  if (detail.data === undefined) {
    return detail.isError ? (
      <ErrorState
        size="compact"
        title={`Could not load run #${run.id}`}
        error={detail.error}
        onRetry={() => void detail.refetch()}
        isRetrying={detail.isFetching}
      />
    ) : (
      <div className={styles.itemsLoading} aria-busy="true">
        <span className="visually-hidden">Loading what run #{run.id} did</span>
        <Skeleton width="60%" />
        <Skeleton width="45%" />
      </div>
    );
  }
  const { items } = detail.data;
  return (
    <div className={styles.items}>
      <p className={styles.asOf}>
        Judged as of {formatDateTime(detail.data.as_of)}
        {detail.data.requested_by ? `, asked for by ${detail.data.requested_by}` : ''}.
      </p>
      {detail.data.error ? (
        <Alert variant="error" title="The run broke off">
          {detail.data.error}
        </Alert>
      ) : null}
      {items.length === 0 ? (
        <p className={styles.muted}>
          {detail.data.status === 'queued' || detail.data.status === 'running'
            ? 'Nothing recorded yet.'
            : 'Nothing needed doing: no warnings due, nothing overdue.'}
        </p>
      ) : (
        <table
          className={expandableTableStyles.detailsTable}
          aria-label={`What run #${run.id} did`}
        >
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">License</th>
              <th scope="col">Account</th>
              <th scope="col">Customer</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr
                key={item.id}
                className={isTrouble(item) ? styles.troubleRow : undefined}
                data-outcome={item.outcome}
              >
                <td>{kindLabels[item.kind]}</td>
                <td>
                  <Badge tone={outcomeTones[item.outcome]}>{outcomeLabels[item.outcome]}</Badge>
                </td>
                <td className={styles.nowrap}>
                  {item.license_key ? <code className={styles.mono}>{item.license_key}</code> : '–'}
                </td>
                <td className={styles.nowrap}>{item.account_username ?? '–'}</td>
                <td>
                  {item.customer_id !== null ? (
                    <Link to={paths.app.customer.getHref(item.customer_id)}>
                      {item.customer_email ?? `Customer #${item.customer_id}`}
                    </Link>
                  ) : (
                    '–'
                  )}
                </td>
                <td>
                  <ItemDetail item={item} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A failure, or an account action the panel has still not confirmed (or that failed since). */
function isTrouble(item: AutomationRunItemResponse): boolean {
  if (item.outcome === 'failed') return true;
  return item.outcome === 'queued' && item.account_action?.status !== 'succeeded';
}

function ItemDetail({ item }: { item: AutomationRunItemResponse }) {
  const action = item.account_action;
  return (
    <div className={styles.detail}>
      {item.detail ? <span>{item.detail}</span> : null}
      {action && item.outcome === 'queued' ? (
        <span className={action.status === 'failed' ? styles.failedText : styles.muted}>
          {action.status === 'succeeded'
            ? 'The panel confirmed it since.'
            : action.status === 'failed'
              ? `Gave up: ${action.last_error ?? 'the panel kept failing'}. Retry it from the provisioning queue.`
              : 'Still retrying.'}
        </span>
      ) : null}
    </div>
  );
}
