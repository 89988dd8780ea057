import type { JobResponse } from '@nextpanel/shared';
import { Button } from '@/components/ui/button';
import { RefreshIcon } from '@/components/ui/icons';
import { CellActions, CellStack, Table } from '@/components/ui/table';
import { formatDateTime, formatRelativeTime } from '@/lib/format';
import { JobStatusBadge, JobSubject, queueLabel } from './job-status';
import styles from './jobs.module.css';

export interface JobsTableProps {
  caption: string;
  jobs: readonly JobResponse[];
  isStale?: boolean;
  onRetry: (job: JobResponse) => void;
  /** The job whose retry is in flight. */
  retryingId?: string | null;
  /** When the list was fetched (epoch ms): times read "in 2 minutes" as of then. */
  asOf: number;
}

/** Failed and cancelled jobs can be run again (the API refuses the others). */
export function isJobRetryable(job: JobResponse): boolean {
  return job.status === 'failed' || job.status === 'cancelled';
}

export function JobsTable({
  caption,
  jobs,
  isStale = false,
  onRetry,
  retryingId = null,
  asOf,
}: JobsTableProps) {
  return (
    <Table caption={caption} isStale={isStale}>
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">For</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Reason</th>
          <th scope="col">When</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id}>
            <td className={styles.nowrap}>
              <CellStack
                primary={queueLabel(job.queue)}
                secondary={
                  <span className={styles.mono}>
                    #{job.id} · {job.queue}
                  </span>
                }
              />
            </td>
            <td className={styles.nowrap}>
              <JobSubject job={job} />
            </td>
            <td>
              <JobStatusBadge status={job.status} />
            </td>
            <td className={styles.attempts}>
              {job.attempts} of {job.max_attempts}
            </td>
            <td>
              {job.last_error ? (
                <span className={styles.reason}>{job.last_error}</span>
              ) : (
                <span className={styles.muted}>—</span>
              )}
            </td>
            <td className={styles.nowrap}>
              <JobTiming job={job} asOf={asOf} />
            </td>
            <td>
              <CellActions>
                {isJobRetryable(job) ? (
                  <Button
                    size="sm"
                    variant={job.status === 'failed' ? 'primary' : 'secondary'}
                    icon={<RefreshIcon size={14} />}
                    isLoading={retryingId === job.id}
                    onClick={() => onRetry(job)}
                    aria-label={`Retry job #${job.id}`}
                  >
                    Retry
                  </Button>
                ) : null}
              </CellActions>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Queued: when it runs next (a retry waits out its backoff). Running: since when. Done: when it finished. */
function JobTiming({ job, asOf }: { job: JobResponse; asOf: number }) {
  switch (job.status) {
    case 'queued': {
      const due = new Date(job.run_at).getTime() <= asOf;
      return (
        <CellStack
          primary={due ? 'Due now' : `Next run ${formatRelativeTime(job.run_at, asOf)}`}
          secondary={formatDateTime(job.run_at)}
        />
      );
    }
    case 'running':
      return (
        <CellStack
          primary={`Started ${formatRelativeTime(job.updated_at, asOf)}`}
          secondary={formatDateTime(job.updated_at)}
        />
      );
    case 'succeeded':
    case 'failed':
    case 'cancelled': {
      const at = job.finished_at ?? job.updated_at;
      return (
        <CellStack
          primary={`${job.status === 'succeeded' ? 'Finished' : job.status === 'failed' ? 'Gave up' : 'Cancelled'} ${formatRelativeTime(at, asOf)}`}
          secondary={formatDateTime(at)}
        />
      );
    }
  }
}
