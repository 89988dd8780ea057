import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LicenseStatusChangeRequest, LicenseStatusChangeResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { invalidateAfterLicenseChange, type LicenseRef } from './license-actions';

export interface CancelLicenseInput {
  license: LicenseRef;
  data: LicenseStatusChangeRequest;
}

/**
 * POST /api/v1/licenses/{id}/cancel {reason?, include_accounts?}: the license ends for good; with
 * `include_accounts` (the API's default here: false) its hosting accounts are terminated.
 * Answers each account's outcome (`done`, `queued` while the panel is retried, `skipped`);
 * 409 INVALID_LICENSE_STATE.
 */
export function cancelLicense({
  license,
  data,
}: CancelLicenseInput): Promise<LicenseStatusChangeResponse> {
  return api.post<LicenseStatusChangeResponse>(`/api/v1/licenses/${license.id}/cancel`, data);
}

export interface UseCancelLicenseOptions {
  mutationConfig?: MutationConfig<typeof cancelLicense>;
}

export function useCancelLicense({ mutationConfig }: UseCancelLicenseOptions = {}) {
  const queryClient = useQueryClient();
  const { onSettled, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: cancelLicense,
    onSettled: async (...args) => {
      await invalidateAfterLicenseChange(queryClient, args[2].license, args[0]);
      return onSettled?.(...args);
    },
  });
}
