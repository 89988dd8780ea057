import { useState } from 'react';
import { DEFAULT_PAGE_SIZE, type JobResponse } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { CheckCircleIcon, SearchIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Select } from '@/components/ui/select';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import {
  JOB_STATUSES,
  JobQueueName,
  useJobs,
  type JobListQuery,
  type JobStatus,
} from '@/features/jobs/api/get-jobs';
import { useRetryJob } from '@/features/jobs/api/retry-job';
import { jobStatusLabels, queueLabel } from '@/features/jobs/components/job-status';
import styles from '@/features/jobs/components/jobs.module.css';
import { JobsTable } from '@/features/jobs/components/jobs-table';
import { useUrlFilters } from '@/hooks/use-url-filters';
import { describeError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';

/** The queue works on its own; the page follows it. */
const REFRESH_MS = 5000;

/** The default view: what an admin may have to act on, most urgent first. */
const ATTENTION_SECTIONS: ReadonlyArray<{ status: JobStatus; title: string; description: string }> =
  [
    {
      status: 'failed',
      title: 'Failed',
      description:
        'Gave up after every automatic retry. Fix the cause (a server down, no capacity), then Retry.',
    },
    { status: 'running', title: 'Running', description: 'Being worked on right now.' },
    {
      status: 'queued',
      title: 'Queued',
      description:
        'Waiting for their turn, or for the next automatic retry after a failed attempt.',
    },
  ];

const VIEW_OPTIONS = [
  { value: '', label: 'Needs attention' },
  ...JOB_STATUSES.map((status) => ({ value: status, label: jobStatusLabels[status] })),
  { value: 'all', label: 'All jobs' },
];

const QUEUE_OPTIONS = [
  { value: '', label: 'All queues' },
  { value: JobQueueName.OrderFulfilment, label: queueLabel(JobQueueName.OrderFulfilment) },
  { value: JobQueueName.EmailSend, label: queueLabel(JobQueueName.EmailSend) },
];

function isJobStatus(value: string | null): value is JobStatus {
  return value !== null && (JOB_STATUSES as readonly string[]).includes(value);
}

export function Component() {
  const filters = useUrlFilters();
  const rawView = filters.params.get('status');
  const view: JobStatus | 'all' | 'attention' = isJobStatus(rawView)
    ? rawView
    : rawView === 'all'
      ? 'all'
      : 'attention';
  const rawQueue = filters.params.get('queue');
  const queue =
    rawQueue === JobQueueName.OrderFulfilment || rawQueue === JobQueueName.EmailSend
      ? rawQueue
      : undefined;
  const retryJob = useRetryJob();

  const retry = (job: JobResponse) =>
    retryJob.mutate(
      { jobId: job.id },
      {
        onSuccess: () =>
          toast.success(
            `Job #${job.id} queued again`,
            `${queueLabel(job.queue)} runs again with a fresh set of attempts.`,
          ),
        onError: (error) => toast.error(`Job #${job.id} was not retried`, describeError(error)),
      },
    );
  const retryingId = retryJob.isPending ? (retryJob.variables?.jobId ?? null) : null;

  return (
    <>
      <Head title="Provisioning queue" />
      <PageHeader
        title="Provisioning queue"
        description="Background work after a payment: creating hosting accounts and sending emails. Failures are retried automatically with backoff before they land here."
      />

      <div className={styles.toolbar} role="search">
        <div className={styles.filter}>
          <Select
            label="Show"
            hideLabel
            options={VIEW_OPTIONS}
            value={view === 'attention' ? '' : view}
            onChange={(event) => filters.setFilter('status', event.target.value)}
          />
        </div>
        <div className={styles.filter}>
          <Select
            label="Queue"
            hideLabel
            options={QUEUE_OPTIONS}
            value={queue ?? ''}
            onChange={(event) => filters.setFilter('queue', event.target.value)}
          />
        </div>
        <span className={styles.live}>
          <span className={styles.liveDot} aria-hidden="true" />
          Updates every few seconds
        </span>
      </div>

      {view === 'attention' ? (
        <div className={styles.sections}>
          {ATTENTION_SECTIONS.map((section) => (
            <JobsSection
              key={`${section.status}-${queue ?? ''}`}
              {...section}
              queue={queue}
              onRetry={retry}
              retryingId={retryingId}
            />
          ))}
        </div>
      ) : (
        <JobsList
          filters={{
            ...(view === 'all' ? {} : { status: view }),
            ...(queue ? { queue } : {}),
            page: filters.page,
            page_size: DEFAULT_PAGE_SIZE,
          }}
          onPageChange={filters.setPage}
          onClear={() => filters.clear(['status', 'queue'])}
          onRetry={retry}
          retryingId={retryingId}
        />
      )}
    </>
  );
}

function LoadingTable({ caption }: { caption: string }) {
  return (
    <Table caption={caption}>
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
      <TableSkeleton columns={7} rows={3} label={`Loading ${caption.toLowerCase()}`} />
    </Table>
  );
}

interface SectionProps {
  status: JobStatus;
  title: string;
  description: string;
  queue: string | undefined;
  onRetry: (job: JobResponse) => void;
  retryingId: string | null;
}

/** One status of the default view, with its own pages. */
function JobsSection({ status, title, description, queue, onRetry, retryingId }: SectionProps) {
  const [page, setPage] = useState(1);
  const jobs = useJobs({
    filters: { status, ...(queue ? { queue } : {}), page, page_size: DEFAULT_PAGE_SIZE },
    queryConfig: { refetchInterval: REFRESH_MS },
  });
  const data = jobs.data;
  const caption = `${title} jobs`;

  return (
    <Card
      padding="none"
      aria-label={caption}
      title={
        <>
          {title}
          {data ? (
            <span className={styles.count}>
              <Badge tone={status === 'failed' && data.total > 0 ? 'danger' : 'neutral'}>
                {formatNumber(data.total)}
              </Badge>
            </span>
          ) : null}
        </>
      }
      description={description}
    >
      {jobs.isError && data === undefined ? (
        <ErrorState
          size="compact"
          title={`Could not load ${caption.toLowerCase()}`}
          error={jobs.error}
          onRetry={() => void jobs.refetch()}
          isRetrying={jobs.isFetching}
        />
      ) : data === undefined ? (
        <LoadingTable caption={caption} />
      ) : data.total === 0 ? (
        <p className={styles.none}>
          {status === 'failed'
            ? 'Nothing has failed. Every payment so far became a working account.'
            : `No ${title.toLowerCase()} jobs right now.`}
        </p>
      ) : (
        <>
          <JobsTable
            caption={caption}
            jobs={data.items}
            isStale={jobs.isPlaceholderData}
            onRetry={onRetry}
            retryingId={retryingId}
            asOf={jobs.dataUpdatedAt}
          />
          {data.pages > 1 ? (
            <Pagination
              page={data.page}
              pages={data.pages}
              total={data.total}
              pageSize={data.page_size}
              noun={`${title.toLowerCase()} jobs`}
              isFetching={jobs.isFetching}
              onPageChange={setPage}
            />
          ) : null}
        </>
      )}
    </Card>
  );
}

interface JobsListProps {
  filters: JobListQuery;
  onPageChange: (page: number) => void;
  onClear: () => void;
  onRetry: (job: JobResponse) => void;
  retryingId: string | null;
}

/** One status (or all of them), paged. */
function JobsList({ filters, onPageChange, onClear, onRetry, retryingId }: JobsListProps) {
  const jobs = useJobs({ filters, queryConfig: { refetchInterval: REFRESH_MS } });
  const data = jobs.data;
  return (
    <Card padding="none">
      {jobs.isError && data === undefined ? (
        <ErrorState
          title="Could not load jobs"
          error={jobs.error}
          onRetry={() => void jobs.refetch()}
          isRetrying={jobs.isFetching}
        />
      ) : data === undefined ? (
        <LoadingTable caption="Jobs" />
      ) : data.total === 0 ? (
        <EmptyState
          icon={
            filters.status === undefined && filters.queue === undefined ? (
              <CheckCircleIcon size={26} />
            ) : (
              <SearchIcon size={26} />
            )
          }
          title={
            filters.status
              ? `No ${jobStatusLabels[filters.status].toLowerCase()} jobs`
              : 'No jobs yet'
          }
          description="Jobs appear when orders are paid and emails are queued."
          action={
            <Button variant="secondary" onClick={onClear}>
              Show what needs attention
            </Button>
          }
        />
      ) : (
        <>
          <JobsTable
            caption="Jobs"
            jobs={data.items}
            isStale={jobs.isPlaceholderData}
            onRetry={onRetry}
            retryingId={retryingId}
            asOf={jobs.dataUpdatedAt}
          />
          <Pagination
            page={data.page}
            pages={data.pages}
            total={data.total}
            pageSize={data.page_size}
            noun="jobs"
            isFetching={jobs.isFetching}
            onPageChange={onPageChange}
          />
        </>
      )}
    </Card>
  );
}
