import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LicenseStatusChangeRequest, LicenseStatusChangeResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterLicenseChange, type LicenseRef } from './license-actions';

export interface SuspendLicenseInput {
  license: LicenseRef;
  data: LicenseStatusChangeRequest;
}

/**
 * POST /api/v1/licenses/{id}/suspend {reason?, include_accounts?}: the quota call-back refuses the
 * license from now on; with `include_accounts` (the API's default here: true) its hosting accounts
 * are suspended too.
 * Answers each account's outcome (`done`, `queued` while the panel is retried, `skipped`);
 * 409 INVALID_LICENSE_STATE.
 */
export function suspendLicense({
  license,
  data,
}: SuspendLicenseInput): Promise<LicenseStatusChangeResponse> {
  return api.post<LicenseStatusChangeResponse>(`/api/v1/licenses/${license.id}/suspend`, data);
}

export interface UseSuspendLicenseOptions {
  mutationConfig?: MutationConfig<typeof suspendLicense>;
}

export function useSuspendLicense({ mutationConfig }: UseSuspendLicenseOptions = {}) {
  const queryClient = useQueryClient();
  const { onSettled, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: suspendLicense,
    onSettled: async (...args) => {
      await invalidateAfterLicenseChange(queryClient, args[2].license, args[0]);
      return onSettled?.(...args);
    },
  });
}
