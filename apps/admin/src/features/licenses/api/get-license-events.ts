import { queryOptions, useQuery } from '@tanstack/react-query';
import type { LicenseEventResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** GET /api/v1/licenses/{id}/events: every status change of the license, newest first. */
export function getLicenseEvents({
  licenseId,
  signal,
}: {
  licenseId: number;
  signal?: AbortSignal;
}): Promise<LicenseEventResponse[]> {
  return api.get<LicenseEventResponse[]>(`/api/v1/licenses/${licenseId}/events`, { signal });
}

export function getLicenseEventsQueryOptions(licenseId: number) {
  return queryOptions({
    queryKey: ['licenses', 'events', licenseId],
    queryFn: ({ signal }) => getLicenseEvents({ licenseId, signal }),
  });
}

export interface UseLicenseEventsOptions {
  licenseId: number;
  queryConfig?: QueryConfig<typeof getLicenseEventsQueryOptions>;
}

export function useLicenseEvents({ licenseId, queryConfig }: UseLicenseEventsOptions) {
  return useQuery({ ...getLicenseEventsQueryOptions(licenseId), ...queryConfig });
}
