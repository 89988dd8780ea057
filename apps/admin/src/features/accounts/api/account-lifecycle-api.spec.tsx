import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { getCustomerQueryOptions } from '@/features/customers/api/get-customer';
import { getLicensesQueryOptions } from '@/features/licenses/api/get-licenses';
import { ApiError } from '@/lib/api-client';
import { apiErrorResponse, jsonResponse, mockApi, signIn } from '@/testing/api-mocks';
import { makeAccount, makeCustomerDetails, page } from '@/testing/fixtures';
import {
  actionResult,
  makeAccountAction,
  makeAccountEvent,
  makeQueuedAction,
} from '@/testing/lifecycle-fixtures';
import { requestsTo } from '@/testing/test-utils';
import { isActionQueued } from './account-actions';
import { changeAccountPlan, useChangeAccountPlan } from './change-account-plan';
import {
  getAccountActions,
  getAccountActionsQueryOptions,
  pendingAccountAction,
} from './get-account-actions';
import { getAccountEvents, getAccountEventsQueryOptions } from './get-account-events';
import { getAccountsQueryOptions } from './get-accounts';
import { resetPanelPassword } from './reset-panel-password';
import { suspendAccount, useSuspendAccount } from './suspend-account';
import { terminateAccount } from './terminate-account';
import { unsuspendAccount } from './unsuspend-account';

const account = makeAccount();
const PLAN_ID = '11111111-1111-4111-8111-111111111111';

function wrapperFor(queryClient: QueryClient) {
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
}

beforeEach(() => signIn());

describe('lifecycle fetchers', () => {
  it('suspend sends the reason, its kind and the notice choice; answers the account and action', async () => {
    const suspended = {
      ...account,
      status: 'suspended' as const,
      suspension_kind: 'non_payment' as const,
    };
    const fetchMock = mockApi({
      'POST /api/v1/nextpanel/accounts/11/suspend': () =>
        jsonResponse(actionResult(suspended, makeAccountAction())),
    });

    const result = await suspendAccount({
      account,
      data: { reason: 'Payment overdue', suspension_kind: 'non_payment', notify_customer: false },
    });

    expect(requestsTo(fetchMock, 'POST /api/v1/nextpanel/accounts/11/suspend')[0]?.body).toEqual({
      reason: 'Payment overdue',
      suspension_kind: 'non_payment',
      notify_customer: false,
    });
    expect(result.suspension_kind).toBe('non_payment');
    expect(isActionQueued(result)).toBe(false);
  });

  it('a 202 resolves too, with the action still queued and why', async () => {
    mockApi({
      'POST /api/v1/nextpanel/accounts/11/unsuspend': () =>
        jsonResponse(actionResult(account, makeQueuedAction({ action: 'unsuspend' })), {
          status: 202,
        }),
    });
    const result = await unsuspendAccount({ account, data: { notify_customer: true } });
    expect(isActionQueued(result)).toBe(true);
    expect(result.action?.last_error).toMatch(/could not be reached/);
  });

  it('terminate puts the reason in the query string, and leaves it out when empty', async () => {
    const fetchMock = mockApi({
      'DELETE /api/v1/nextpanel/accounts/11': () =>
        jsonResponse(actionResult({ ...account, status: 'terminated' }, makeAccountAction())),
    });
    await terminateAccount({ account, reason: 'Cancelled by the customer' });
    await terminateAccount({ account, reason: '' });
    const calls = requestsTo(fetchMock, 'DELETE /api/v1/nextpanel/accounts/11');
    expect(calls[0]?.query.get('reason')).toBe('Cancelled by the customer');
    expect(calls[1]?.query.has('reason')).toBe(false);
    expect(calls[0]?.body).toBeUndefined();
  });

  it('change plan and reset password send their bodies', async () => {
    const fetchMock = mockApi({
      'POST /api/v1/nextpanel/accounts/11/change-plan': () =>
        jsonResponse(actionResult(account, makeAccountAction({ action: 'change_plan' }))),
      'POST /api/v1/nextpanel/accounts/11/reset-password': () =>
        jsonResponse(actionResult(account, makeAccountAction({ action: 'reset_password' }))),
    });
    await changeAccountPlan({ account, data: { plan_id: PLAN_ID, notify_customer: true } });
    await resetPanelPassword({ account, data: { notify_customer: true } });
    expect(
      requestsTo(fetchMock, 'POST /api/v1/nextpanel/accounts/11/change-plan')[0]?.body,
    ).toEqual({ plan_id: PLAN_ID, notify_customer: true });
    expect(
      requestsTo(fetchMock, 'POST /api/v1/nextpanel/accounts/11/reset-password')[0]?.body,
    ).toEqual({ notify_customer: true });
  });

  it('a refusal carries its stable code', async () => {
    mockApi({
      'POST /api/v1/nextpanel/accounts/11/change-plan': () =>
        apiErrorResponse(409, {
          message: 'The account has no license, so it has no plan to change',
          code: 'ACCOUNT_HAS_NO_LICENSE',
        }),
    });
    const error = await changeAccountPlan({ account, data: { plan_id: PLAN_ID } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('ACCOUNT_HAS_NO_LICENSE');
  });

  it('reads the actions and the state events of an account', async () => {
    mockApi({
      'GET /api/v1/nextpanel/accounts/11/actions': () =>
        jsonResponse([makeQueuedAction({ id: '32' }), makeAccountAction()]),
      'GET /api/v1/nextpanel/accounts/11/events': () => jsonResponse([makeAccountEvent()]),
    });
    const actions = await getAccountActions({ accountId: 11 });
    expect(pendingAccountAction(actions)?.id).toBe('32');
    expect(pendingAccountAction([makeAccountAction()])).toBeUndefined();
    expect(await getAccountEvents({ accountId: 11 })).toEqual([makeAccountEvent()]);
  });

  it('keys history general to specific', () => {
    expect(getAccountActionsQueryOptions(11).queryKey).toEqual(['accounts', 'actions', 11]);
    expect(getAccountEventsQueryOptions(11).queryKey).toEqual(['accounts', 'events', 11]);
  });
});

describe('lifecycle hooks', () => {
  function seed(queryClient: QueryClient) {
    const keys = {
      actions: getAccountActionsQueryOptions(11).queryKey,
      events: getAccountEventsQueryOptions(11).queryKey,
      customer: getCustomerQueryOptions(2).queryKey,
      list: getAccountsQueryOptions({ page: 1 }).queryKey,
      licenses: getLicensesQueryOptions({ page: 1 }).queryKey,
    };
    queryClient.setQueryData(keys.actions, []);
    queryClient.setQueryData(keys.events, []);
    queryClient.setQueryData(keys.customer, makeCustomerDetails());
    queryClient.setQueryData(keys.list, page([account]));
    queryClient.setQueryData(keys.licenses, page([]));
    return keys;
  }

  it('a queued suspend refreshes the account’s history, lists and customer', async () => {
    mockApi({
      'POST /api/v1/nextpanel/accounts/11/suspend': () =>
        jsonResponse(actionResult(account, makeQueuedAction()), { status: 202 }),
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const keys = seed(queryClient);
    const { result } = renderHook(() => useSuspendAccount(), { wrapper: wrapperFor(queryClient) });

    result.current.mutate({ account, data: { reason: 'Abuse report' } });

    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(isActionQueued(result.current.data!)).toBe(true);
    for (const key of [keys.actions, keys.events, keys.customer, keys.list]) {
      expect(queryClient.getQueryState(key)?.isInvalidated).toBe(true);
    }
  });

  it('a refused action (409) still refreshes: the account may have changed meanwhile', async () => {
    mockApi({
      'POST /api/v1/nextpanel/accounts/11/suspend': () =>
        apiErrorResponse(409, {
          message: 'Another action (terminate) is still running on this account',
          code: 'ACCOUNT_ACTION_IN_PROGRESS',
        }),
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const keys = seed(queryClient);
    const { result } = renderHook(() => useSuspendAccount(), { wrapper: wrapperFor(queryClient) });

    result.current.mutate({ account, data: { reason: 'Abuse report' } });

    await waitFor(() => expect(result.current.isError).toBe(true));
    expect((result.current.error as ApiError).code).toBe('ACCOUNT_ACTION_IN_PROGRESS');
    expect(queryClient.getQueryState(keys.actions)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(keys.customer)?.isInvalidated).toBe(true);
  });

  it('a plan change also refreshes the license lists (the license moved plan)', async () => {
    mockApi({
      'POST /api/v1/nextpanel/accounts/11/change-plan': () =>
        jsonResponse(actionResult(account, makeAccountAction({ action: 'change_plan' }))),
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const keys = seed(queryClient);
    const { result } = renderHook(() => useChangeAccountPlan(), {
      wrapper: wrapperFor(queryClient),
    });

    result.current.mutate({ account, data: { plan_id: PLAN_ID } });

    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(queryClient.getQueryState(keys.licenses)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(keys.events)?.isInvalidated).toBe(true);
  });
});
