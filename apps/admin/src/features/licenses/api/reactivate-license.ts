import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LicenseStatusChangeRequest, LicenseStatusChangeResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterLicenseChange, type LicenseRef } from './license-actions';

export interface ReactivateLicenseInput {
  license: LicenseRef;
  data: LicenseStatusChangeRequest;
}

/**
 * POST /api/v1/licenses/{id}/reactivate {reason?, include_accounts?}: a suspended or expired
 * license becomes active; with `include_accounts` (the API's default here: true) its suspended
 * hosting accounts are unsuspended.
 * Answers each account's outcome (`done`, `queued` while the panel is retried, `skipped`);
 * 409 INVALID_LICENSE_STATE.
 */
export function reactivateLicense({
  license,
  data,
}: ReactivateLicenseInput): Promise<LicenseStatusChangeResponse> {
  return api.post<LicenseStatusChangeResponse>(`/api/v1/licenses/${license.id}/reactivate`, data);
}

export interface UseReactivateLicenseOptions {
  mutationConfig?: MutationConfig<typeof reactivateLicense>;
}

export function useReactivateLicense({ mutationConfig }: UseReactivateLicenseOptions = {}) {
  const queryClient = useQueryClient();
  const { onSettled, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: reactivateLicense,
    onSettled: async (...args) => {
      await invalidateAfterLicenseChange(queryClient, args[2].license, args[0]);
      return onSettled?.(...args);
    },
  });
}
