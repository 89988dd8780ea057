import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LicenseStatusChangeResponse } from '@nextpanel/shared';
import { getAccountActionsQueryOptions } from '@/features/accounts/api/get-account-actions';
import { getCustomerQueryOptions } from '@/features/customers/api/get-customer';
import { ApiError } from '@/lib/api-client';
import { apiErrorResponse, jsonResponse, mockApi, signIn } from '@/testing/api-mocks';
import { makeCustomerDetails, makeLicense, page } from '@/testing/fixtures';
import { makeLicenseEvent } from '@/testing/lifecycle-fixtures';
import { requestsTo } from '@/testing/test-utils';
import { cancelLicense, useCancelLicense } from './cancel-license';
import { getLicenseEvents, getLicenseEventsQueryOptions } from './get-license-events';
import { getLicensesQueryOptions } from './get-licenses';
import { reactivateLicense } from './reactivate-license';
import { suspendLicense, useSuspendLicense } from './suspend-license';

const license = makeLicense();

const suspendedWithAccounts: LicenseStatusChangeResponse = {
  license_id: 7,
  status: 'suspended',
  accounts: [
    { account_id: 11, outcome: 'done', detail: null },
    { account_id: 12, outcome: 'queued', detail: 'connection refused' },
  ],
};

function wrapperFor(queryClient: QueryClient) {
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
}

beforeEach(() => signIn());

describe('license status fetchers', () => {
  it('post the reason and the include_accounts choice to their endpoints', async () => {
    const fetchMock = mockApi({
      'POST /api/v1/licenses/7/suspend': () => jsonResponse(suspendedWithAccounts),
      'POST /api/v1/licenses/7/reactivate': () =>
        jsonResponse({ license_id: 7, status: 'active', accounts: [] }),
      'POST /api/v1/licenses/7/cancel': () =>
        jsonResponse({ license_id: 7, status: 'cancelled', accounts: [] }),
    });
    expect(
      await suspendLicense({ license, data: { reason: 'Chargeback', include_accounts: true } }),
    ).toEqual(suspendedWithAccounts);
    await reactivateLicense({ license, data: { include_accounts: false } });
    await cancelLicense({ license, data: { reason: 'Fraud', include_accounts: false } });
    expect(requestsTo(fetchMock, 'POST /api/v1/licenses/7/suspend')[0]?.body).toEqual({
      reason: 'Chargeback',
      include_accounts: true,
    });
    expect(requestsTo(fetchMock, 'POST /api/v1/licenses/7/reactivate')[0]?.body).toEqual({
      include_accounts: false,
    });
    expect(requestsTo(fetchMock, 'POST /api/v1/licenses/7/cancel')[0]?.body).toEqual({
      reason: 'Fraud',
      include_accounts: false,
    });
  });

  it('reads the license’s events, keyed general to specific', async () => {
    mockApi({ 'GET /api/v1/licenses/7/events': () => jsonResponse([makeLicenseEvent()]) });
    expect(await getLicenseEvents({ licenseId: 7 })).toEqual([makeLicenseEvent()]);
    expect(getLicenseEventsQueryOptions(7).queryKey).toEqual(['licenses', 'events', 7]);
  });
});

describe('license status hooks', () => {
  it('refresh the license lists, its history, its customer and the accounts it reached', async () => {
    mockApi({ 'POST /api/v1/licenses/7/suspend': () => jsonResponse(suspendedWithAccounts) });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const keys = {
      list: getLicensesQueryOptions({ status: 'active' }).queryKey,
      events: getLicenseEventsQueryOptions(7).queryKey,
      customer: getCustomerQueryOptions(2).queryKey,
      account11: getAccountActionsQueryOptions(11).queryKey,
      account12: getAccountActionsQueryOptions(12).queryKey,
      unrelated: getAccountActionsQueryOptions(99).queryKey,
    };
    queryClient.setQueryData(keys.list, page([license]));
    queryClient.setQueryData(keys.events, []);
    queryClient.setQueryData(keys.customer, makeCustomerDetails());
    queryClient.setQueryData(keys.account11, []);
    queryClient.setQueryData(keys.account12, []);
    queryClient.setQueryData(keys.unrelated, []);
    const { result } = renderHook(() => useSuspendLicense(), { wrapper: wrapperFor(queryClient) });

    result.current.mutate({ license, data: { include_accounts: true } });

    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    for (const key of [keys.list, keys.events, keys.customer, keys.account11, keys.account12]) {
      expect(queryClient.getQueryState(key)?.isInvalidated).toBe(true);
    }
    expect(queryClient.getQueryState(keys.unrelated)?.isInvalidated).toBe(false);
  });

  it('surface a 409 INVALID_LICENSE_STATE with its message', async () => {
    mockApi({
      'POST /api/v1/licenses/7/cancel': () =>
        apiErrorResponse(409, {
          message: 'A cancelled license cannot be cancelled',
          code: 'INVALID_LICENSE_STATE',
        }),
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { result } = renderHook(() => useCancelLicense(), { wrapper: wrapperFor(queryClient) });
    result.current.mutate({ license, data: {} });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(ApiError);
    expect((result.current.error as ApiError).code).toBe('INVALID_LICENSE_STATE');
  });
});
