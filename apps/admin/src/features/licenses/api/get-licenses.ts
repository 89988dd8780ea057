import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { LicenseListQuery, LicenseResponse, Page } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/licenses?status=&customer_id=&search=&page=&page_size=, newest first. */
export function getLicenses({
  filters,
  signal,
}: {
  filters: LicenseListQuery;
  signal?: AbortSignal;
}): Promise<Page<LicenseResponse>> {
  return api.get<Page<LicenseResponse>>('/api/v1/licenses', { params: { ...filters }, signal });
}

/** Key: ['licenses', 'list', filters]; without filters it matches every list (see getCustomersQueryOptions). */
export function getLicensesQueryOptions(filters: LicenseListQuery = {}) {
  return queryOptions({
    queryKey: ['licenses', 'list', filters],
    queryFn: ({ signal }) => getLicenses({ filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface UseLicensesOptions {
  filters?: LicenseListQuery;
  queryConfig?: QueryConfig<typeof getLicensesQueryOptions>;
}

export function useLicenses({ filters = {}, queryConfig }: UseLicensesOptions = {}) {
  return useQuery({ ...getLicensesQueryOptions(filters), ...queryConfig });
}
