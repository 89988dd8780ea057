import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditEntryResponse, AuditListQuery, Page } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/**
 * GET /api/v1/audit-log?actor_type=&actor=&action=&entity_type=&entity_id=&from=&to=&page=&page_size=:
 * every recorded change, newest first. `action` ending in a dot (`server.`) matches all of an
 * entity's actions.
 */
export function getAuditLog({
  filters,
  signal,
}: {
  filters: AuditListQuery;
  signal?: AbortSignal;
}): Promise<Page<AuditEntryResponse>> {
  return api.get<Page<AuditEntryResponse>>('/api/v1/audit-log', {
    params: { ...filters },
    signal,
  });
}

/** Key ['audit-log', 'list', filters]; without filters it matches every list. */
export function getAuditLogQueryOptions(filters: AuditListQuery = {}) {
  return queryOptions({
    queryKey: ['audit-log', 'list', filters],
    queryFn: ({ signal }) => getAuditLog({ filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface UseAuditLogOptions {
  filters?: AuditListQuery;
  queryConfig?: QueryConfig<typeof getAuditLogQueryOptions>;
}

export function useAuditLog({ filters = {}, queryConfig }: UseAuditLogOptions = {}) {
  return useQuery({ ...getAuditLogQueryOptions(filters), ...queryConfig });
}
