import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { EmailResponse, Page, PageQuery } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

export type EmailStatus = EmailResponse['status'];
export const EMAIL_STATUSES: readonly EmailStatus[] = ['pending', 'held', 'sent', 'failed'];

/** Query of GET /emails. Not in @nextpanel/shared yet. */
export interface EmailListQuery extends PageQuery {
  status?: EmailStatus;
}

/** GET /api/v1/emails?status=&page=&page_size=: the outbox, newest first, without bodies. */
export function getEmails({
  filters,
  signal,
}: {
  filters: EmailListQuery;
  signal?: AbortSignal;
}): Promise<Page<EmailResponse>> {
  return api.get<Page<EmailResponse>>('/api/v1/emails', { params: { ...filters }, signal });
}

/** Key ['emails', 'list', filters]; without filters it matches every list. */
export function getEmailsQueryOptions(filters: EmailListQuery = {}) {
  return queryOptions({
    queryKey: ['emails', 'list', filters],
    queryFn: ({ signal }) => getEmails({ filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface UseEmailsOptions {
  filters?: EmailListQuery;
  queryConfig?: QueryConfig<typeof getEmailsQueryOptions>;
}

export function useEmails({ filters = {}, queryConfig }: UseEmailsOptions = {}) {
  return useQuery({ ...getEmailsQueryOptions(filters), ...queryConfig });
}
