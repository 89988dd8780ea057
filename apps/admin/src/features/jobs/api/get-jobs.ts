import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { JobResponse, Page, PageQuery } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

export type JobStatus = JobResponse['status'];
export const JOB_STATUSES: readonly JobStatus[] = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
];

/** The queues the API runs (`orders.fulfil` provisions a paid order, `email.send` delivers one outbox email). */
export const JobQueueName = { OrderFulfilment: 'orders.fulfil', EmailSend: 'email.send' } as const;

/** Query of GET /jobs. Not in @nextpanel/shared yet (the API's JobListQueryDto has these fields). */
export interface JobListQuery extends PageQuery {
  status?: JobStatus;
  queue?: string;
}

/** GET /api/v1/jobs?status=&queue=&page=&page_size=, most recently updated first. */
export function getJobs({
  filters,
  signal,
}: {
  filters: JobListQuery;
  signal?: AbortSignal;
}): Promise<Page<JobResponse>> {
  return api.get<Page<JobResponse>>('/api/v1/jobs', { params: { ...filters }, signal });
}

/** Key ['jobs', 'list', filters]; without filters it matches every list. */
export function getJobsQueryOptions(filters: JobListQuery = {}) {
  return queryOptions({
    queryKey: ['jobs', 'list', filters],
    queryFn: ({ signal }) => getJobs({ filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface UseJobsOptions {
  filters?: JobListQuery;
  queryConfig?: QueryConfig<typeof getJobsQueryOptions>;
}

export function useJobs({ filters = {}, queryConfig }: UseJobsOptions = {}) {
  return useQuery({ ...getJobsQueryOptions(filters), ...queryConfig });
}
