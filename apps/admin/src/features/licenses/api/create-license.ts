import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateLicenseRequest, LicenseResponse } from '@nextpanel/shared';
import { getCustomerQueryOptions } from '@/features/customers/api/get-customer';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getLicensesQueryOptions } from './get-licenses';

export interface CreateLicenseInput {
  customerId: number;
  data: CreateLicenseRequest;
}

/**
 * POST /api/v1/customers/{id}/licenses: the guide's "Add Product". Creates the license (new key,
 * the plan's quotas) and, unless told otherwise, its subscription. 409 CUSTOMER_INACTIVE / PLAN_INACTIVE.
 */
export function createLicense({ customerId, data }: CreateLicenseInput): Promise<LicenseResponse> {
  return api.post<LicenseResponse>(`/api/v1/customers/${customerId}/licenses`, data);
}

export interface UseCreateLicenseOptions {
  mutationConfig?: MutationConfig<typeof createLicense>;
}

export function useCreateLicense({ mutationConfig }: UseCreateLicenseOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: createLicense,
    onSuccess: async (...args) => {
      const [license] = args;
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: getCustomerQueryOptions(license.customer_id).queryKey,
        }),
        queryClient.invalidateQueries({ queryKey: getLicensesQueryOptions().queryKey }),
      ]);
      return onSuccess?.(...args);
    },
  });
}
