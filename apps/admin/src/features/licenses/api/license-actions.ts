import type { QueryClient } from '@tanstack/react-query';
import type { LicenseResponse, LicenseStatusChangeResponse } from '@nextpanel/shared';
import { invalidateAfterAccountChange } from '@/features/accounts/api/account-actions';
import { getCustomerQueryOptions } from '@/features/customers/api/get-customer';
import { getLicenseEventsQueryOptions } from './get-license-events';
import { getLicensesQueryOptions } from './get-licenses';

/** 409 when the license state machine (`LICENSE_TRANSITIONS`) does not allow the change. */
export const LicenseActionErrorCode = {
  InvalidState: 'INVALID_LICENSE_STATE',
} as const;

/** The license a status change is asked for: enough to refresh everything that shows it. */
export type LicenseRef = Pick<LicenseResponse, 'id' | 'customer_id'>;

/**
 * What a suspend, reactivate or cancel changes: every license list, the license's history, its
 * customer's details and, for each hosting account it touched, that account's views and history.
 */
export async function invalidateAfterLicenseChange(
  queryClient: QueryClient,
  license: LicenseRef,
  result: LicenseStatusChangeResponse | undefined,
): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: getLicensesQueryOptions().queryKey }),
    queryClient.invalidateQueries({ queryKey: getLicenseEventsQueryOptions(license.id).queryKey }),
    queryClient.invalidateQueries({
      queryKey: getCustomerQueryOptions(license.customer_id).queryKey,
    }),
    ...(result?.accounts ?? []).map((outcome) =>
      invalidateAfterAccountChange(queryClient, {
        id: outcome.account_id,
        customer_id: license.customer_id,
      }),
    ),
  ]);
}
