import { configure, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderResponse } from '@nextpanel/shared';
import {
  CUSTOMER_SESSION_STORAGE_KEY,
  getCustomerSession,
  resetCustomerSessionStateForTests,
} from '@/lib/customer-session';
import { getSession } from '@/lib/session';
import { apiErrorResponse, jsonResponse, mockApi, signIn } from '@/testing/api-mocks';
import {
  CUSTOMER_TOKEN,
  makeOrder,
  makePayment,
  seededPublicPlans,
  signInCustomer,
} from '@/testing/commerce-fixtures';
import { makeAccount, makeCustomerDetails, makeLicense, page } from '@/testing/fixtures';
import { currentUrl, renderApp } from '@/testing/test-utils';

// The first render of a lazy route compiles its modules; on a busy machine that outlasts 1 s.
configure({ asyncUtilTimeout: 4000 });

beforeEach(() => resetCustomerSessionStateForTests());

const completed = makeOrder({
  id: 12,
  status: 'completed',
  license_id: 7,
  hosting_account_id: 11,
  paid_at: '2026-11-20T10:01:00.000Z',
  completed_at: '2026-11-20T10:02:00.000Z',
});
const failed = makeOrder({
  id: 13,
  status: 'failed',
  plan_name: 'Starter',
  amount: 4.99,
  status_reason: 'Server "Production Server 1" could not be reached',
});

function myHandlers({
  orders = [completed, failed] as OrderResponse[],
  details = makeCustomerDetails(),
} = {}) {
  return {
    'GET /api/v1/my': () => jsonResponse(details),
    'GET /api/v1/my/orders': () => jsonResponse(page(orders)),
    'GET /api/v1/my/payments': () =>
      jsonResponse([makePayment({ id: 3, order_id: 12, kind: 'manual' })]),
    'GET /api/v1/plans': () => jsonResponse(seededPublicPlans()),
    'GET /api/v1/store/config': () => jsonResponse({ payments_enabled: false }),
  };
}

describe('customer area (/my)', () => {
  it('sends a visitor without a customer session to the store’s sign-in, even when an admin is signed in', async () => {
    signIn(); // the admin's session: a different account, never reused for /my
    const fetchMock = mockApi(myHandlers());
    const { router } = renderApp('/my');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in to your account' }),
    ).toBeTruthy();
    expect(currentUrl(router)).toBe('/store/sign-in?redirect=%2Fmy');
    expect(fetchMock.mock.calls.some(([input]) => String(input).endsWith('/api/v1/my'))).toBe(
      false,
    );
  });

  it('shows hosting accounts with their panel URL, licenses with keys and quotas, orders and payments', async () => {
    signInCustomer();
    const fetchMock = mockApi(myHandlers());
    renderApp('/my');

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, John' })).toBeTruthy();

    const account = screen.getByRole('listitem', { name: 'Hosting account johndoe' });
    const panel = within(account).getByRole('link', { name: /http:\/\/localhost:3000/ });
    expect(panel.getAttribute('href')).toBe('http://localhost:3000');
    expect(panel.getAttribute('target')).toBe('_blank');
    expect(within(account).getByText('Active')).toBeTruthy();
    expect(within(account).getByRole('button', { name: 'Copy username johndoe' })).toBeTruthy();

    const licenses = screen.getByRole('table', { name: 'Your licenses' });
    expect(within(licenses).getByText('NP-7KQ2-M9XH-T4WC')).toBeTruthy();
    expect(
      within(licenses).getByRole('button', { name: 'Copy license key NP-7KQ2-M9XH-T4WC' }),
    ).toBeTruthy();
    expect(within(licenses).getByText('Professional Hosting')).toBeTruthy();
    expect(within(licenses).getByText('50')).toBeTruthy();

    const orders = await screen.findByRole('table', { name: 'Your orders' });
    const [, first, second] = within(orders).getAllByRole('row');
    expect(within(first!).getByText('Completed')).toBeTruthy();
    expect(within(first!).getByText(/Your hosting account is ready/)).toBeTruthy();
    expect(within(second!).getByText('Failed')).toBeTruthy();
    expect(
      within(second!).getByText(
        /Our team has been notified and will finish it; you do not need to pay again/,
      ),
    ).toBeTruthy();
    // The admin's technical reason is not the customer's business.
    expect(within(second!).queryByText(/could not be reached/)).toBeNull();

    const payments = await screen.findByRole('table', { name: 'Your payments' });
    expect(within(payments).getByText('Payment received by your hosting company')).toBeTruthy();
    expect(within(payments).getByText('Paid')).toBeTruthy();

    const myCall = fetchMock.mock.calls.find(([input]) => String(input).endsWith('/api/v1/my'));
    expect(new Headers(myCall?.[1]?.headers).get('Authorization')).toBe(`Bearer ${CUSTOMER_TOKEN}`);
  });

  it('explains an empty account while the first order waits for payment', async () => {
    signInCustomer();
    mockApi(
      myHandlers({
        orders: [
          makeOrder({
            status: 'pending',
            status_reason: 'Online payments are not configured; waiting for an administrator',
          }),
        ],
        details: makeCustomerDetails({ licenses: [], accounts: [] }),
      }),
    );
    renderApp('/my');

    expect(await screen.findByRole('heading', { name: 'No hosting accounts yet' })).toBeTruthy();
    expect(
      screen.getByText('Your hosting account appears here as soon as your order is active.'),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'No licenses yet' })).toBeTruthy();
    expect(await screen.findByText('Pending payment')).toBeTruthy();
  });

  it('follows the order after a Stripe payment until the hosting account is ready', async () => {
    signInCustomer();
    let orderCalls = 0;
    let details = makeCustomerDetails({ licenses: [], accounts: [] });
    mockApi({
      ...myHandlers({ orders: [makeOrder({ status: 'paid' })] }),
      'GET /api/v1/my': () => jsonResponse(details),
      'GET /api/v1/my/orders/12': () => {
        orderCalls += 1;
        if (orderCalls < 2) return jsonResponse(makeOrder({ status: 'paid' }));
        details = makeCustomerDetails({ licenses: [makeLicense()], accounts: [makeAccount()] });
        return jsonResponse(makeOrder({ status: 'completed' }));
      },
    });
    renderApp('/my?order=12&checkout=success');

    expect(
      await screen.findByText('Payment received — we’re setting up your hosting account'),
    ).toBeTruthy();
    expect(
      await screen.findByText('Your hosting account is ready', {}, { timeout: 5000 }),
    ).toBeTruthy();
    expect(await screen.findByRole('listitem', { name: 'Hosting account johndoe' })).toBeTruthy();
    expect(
      within(screen.getByRole('table', { name: 'Your licenses' })).getByText('NP-7KQ2-M9XH-T4WC'),
    ).toBeTruthy();
  });

  it('signs the customer out to the plans, leaving any admin session alone', async () => {
    signIn();
    signInCustomer();
    mockApi(myHandlers());
    const { user, router } = renderApp('/my');

    await screen.findByRole('heading', { level: 1, name: 'Welcome, John' });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Hosting plans that grow with you' }),
    ).toBeTruthy();
    expect(currentUrl(router)).toBe('/store');
    expect(window.localStorage.getItem(CUSTOMER_SESSION_STORAGE_KEY)).toBeNull();
    expect(getSession()).not.toBeNull();
  });

  it('asks the customer to sign in again when the API refuses their token', async () => {
    signInCustomer();
    mockApi({
      ...myHandlers(),
      'GET /api/v1/my': () =>
        apiErrorResponse(401, { message: 'Token expired', code: 'UNAUTHENTICATED' }),
    });
    const { router } = renderApp('/my');

    expect(await screen.findByText('Your session has expired')).toBeTruthy();
    expect(currentUrl(router)).toBe('/store/sign-in?redirect=%2Fmy');
    expect(getCustomerSession()).toBeNull();
  });
});
