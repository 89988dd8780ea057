import { configure, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getCustomerSession, resetCustomerSessionStateForTests } from '@/lib/customer-session';
import { externalNavigation } from '@/lib/external-navigation';
import { getSession } from '@/lib/session';
import {
  adminUser,
  apiErrorResponse,
  jsonResponse,
  loginResponse,
  mockApi,
} from '@/testing/api-mocks';
import {
  CUSTOMER_TOKEN,
  makeOrder,
  seededPublicPlans,
  signInCustomer,
} from '@/testing/commerce-fixtures';
import { makeCustomerDetails } from '@/testing/fixtures';
import { currentUrl, renderApp, requestsTo } from '@/testing/test-utils';

// The first render of a lazy route compiles its modules; on a busy machine that outlasts 1 s.
configure({ asyncUtilTimeout: 4000 });

beforeEach(() => resetCustomerSessionStateForTests());

const PROFESSIONAL = '22222222-2222-4222-8222-222222222222';
const newCustomer = makeCustomerDetails({
  id: 5,
  email: 'jane@example.com',
  full_name: 'Jane Doe',
  company_name: null,
  licenses: [],
  accounts: [],
});

function checkoutHandlers({ paymentsEnabled = true } = {}) {
  return {
    'GET /api/v1/plans': () => jsonResponse(seededPublicPlans()),
    'GET /api/v1/store/config': () => jsonResponse({ payments_enabled: paymentsEnabled }),
    'GET /api/v1/my': () => jsonResponse(newCustomer),
  };
}

async function fillRegisterForm(user: ReturnType<typeof renderApp>['user']) {
  const form = await screen.findByRole('form', { name: 'Create your account' });
  await user.type(within(form).getByLabelText('Full name'), 'Jane Doe');
  await user.type(within(form).getByLabelText('Email'), 'jane@example.com');
  await user.type(within(form).getByLabelText('Password'), 'Secret123');
  return form;
}

describe('checkout', () => {
  it('shows the API’s refusals of a sign-up on their fields', async () => {
    let attempt = 0;
    mockApi({
      ...checkoutHandlers(),
      'POST /api/v1/auth/register': () => {
        attempt += 1;
        return attempt === 1
          ? apiErrorResponse(400, {
              message: 'Validation failed',
              code: 'VALIDATION_FAILED',
              details: [
                {
                  field: 'full_name',
                  message: 'full_name must be shorter than or equal to 200 characters',
                },
                { field: 'password', message: 'password is too common' },
              ],
            })
          : apiErrorResponse(409, {
              message: 'A user with this email already exists',
              code: 'CUSTOMER_EMAIL_TAKEN',
            });
      },
    });
    const { user } = renderApp(`/store/checkout?plan=${PROFESSIONAL}&cycle=monthly`);

    const form = await fillRegisterForm(user);
    await user.click(within(form).getByRole('button', { name: 'Create account' }));

    expect(
      await within(form).findByText('Full_name must be shorter than or equal to 200 characters'),
    ).toBeTruthy();
    expect(within(form).getByText('Password is too common')).toBeTruthy();
    expect(within(form).getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');

    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(await within(form).findByText('A user with this email already exists')).toBeTruthy();
    expect(within(form).getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(getCustomerSession()).toBeNull();
  });

  it('checks the form before asking the API', async () => {
    const fetchMock = mockApi(checkoutHandlers());
    const { user } = renderApp(`/store/checkout?plan=${PROFESSIONAL}&cycle=monthly`);

    const form = await screen.findByRole('form', { name: 'Create your account' });
    await user.type(within(form).getByLabelText('Password'), 'short');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));

    expect(await within(form).findByText('Enter your full name')).toBeTruthy();
    expect(within(form).getByText('Enter your email address')).toBeTruthy();
    expect(within(form).getByText(/^Password must be 8 to 128 characters/)).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/register')).toHaveLength(0);
  });

  it('signs the visitor up, then sends the browser to the checkout_url the API returned', async () => {
    const assign = vi.spyOn(externalNavigation, 'assign').mockImplementation(() => undefined);
    const fetchMock = mockApi({
      ...checkoutHandlers(),
      'POST /api/v1/auth/register': () =>
        jsonResponse({ ...loginResponse(), access_token: CUSTOMER_TOKEN }, { status: 201 }),
      'POST /api/v1/checkout': () =>
        jsonResponse(
          {
            order_id: 12,
            checkout_url: 'https://checkout.stripe.com/c/pay/cs_test_a1',
            session_id: 'cs_test_a1',
          },
          { status: 201 },
        ),
    });
    const { user } = renderApp(`/store/checkout?plan=${PROFESSIONAL}&cycle=yearly`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Complete your order' }),
    ).toBeTruthy();
    const summary = screen.getByRole('complementary', { name: 'Order summary' });
    expect(within(summary).getByText('Professional Hosting')).toBeTruthy();
    expect(within(summary).getAllByText('$149.90').length).toBeGreaterThan(0);

    const form = await fillRegisterForm(user);
    await user.type(within(form).getByLabelText('Company'), 'Doe Ltd');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Signed in as Jane Doe')).toBeTruthy();
    expect(screen.getByText('Account created')).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Continue to payment' }),
      ),
    );
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/register')[0]?.body).toEqual({
      full_name: 'Jane Doe',
      email: 'jane@example.com',
      company_name: 'Doe Ltd',
      password: 'Secret123',
    });
    expect(getCustomerSession()?.accessToken).toBe(CUSTOMER_TOKEN);
    // The admin's session is a different one and stays untouched.
    expect(getSession()).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Continue to payment' }));

    await waitFor(() =>
      expect(assign).toHaveBeenCalledWith('https://checkout.stripe.com/c/pay/cs_test_a1'),
    );
    const checkoutCall = fetchMock.mock.calls.find(([input]) =>
      String(input).endsWith('/api/v1/checkout'),
    );
    expect(JSON.parse(String(checkoutCall?.[1]?.body))).toEqual({
      plan_id: PROFESSIONAL,
      billing_cycle: 'yearly',
    });
    expect(new Headers(checkoutCall?.[1]?.headers).get('Authorization')).toBe(
      `Bearer ${CUSTOMER_TOKEN}`,
    );
  });

  it('records the order when payments are off (503) and shows it as pending in the customer area', async () => {
    signInCustomer();
    const assign = vi.spyOn(externalNavigation, 'assign').mockImplementation(() => undefined);
    const pending = makeOrder({
      id: 12,
      status: 'pending',
      status_reason: 'Online payments are not configured; waiting for an administrator',
    });
    mockApi({
      ...checkoutHandlers({ paymentsEnabled: false }),
      'POST /api/v1/checkout': () =>
        apiErrorResponse(503, {
          message:
            'Online payments are not configured. Order #12 is recorded; an administrator can mark it as paid.',
          code: 'PAYMENTS_NOT_CONFIGURED',
        }),
      'GET /api/v1/my/orders': () =>
        jsonResponse({ items: [pending], total: 1, page: 1, page_size: 20, pages: 1 }),
      'GET /api/v1/my/payments': () => jsonResponse([]),
    });
    const { user, router } = renderApp(`/store/checkout?plan=${PROFESSIONAL}&cycle=monthly`);

    expect(await screen.findByText('Online payment is not available yet')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Place order' }));

    expect(await screen.findByText('Order received — waiting for payment')).toBeTruthy();
    expect(currentUrl(router)).toBe('/my?checkout=recorded');
    expect(screen.getByText('Order received')).toBeTruthy();
    expect(await screen.findByText('#12')).toBeTruthy();
    const orders = screen.getByRole('table', { name: 'Your orders' });
    expect(within(orders).getByText('Pending payment')).toBeTruthy();
    expect(
      within(orders).getByText(
        /Your hosting company activates it as soon as they have received your payment/,
      ),
    ).toBeTruthy();
    expect(assign).not.toHaveBeenCalled();
  });

  it('refuses an administrator’s credentials on the store', async () => {
    const fetchMock = mockApi({
      ...checkoutHandlers(),
      'POST /api/v1/auth/login': () => jsonResponse(loginResponse()),
      'GET /api/v1/auth/me': () => jsonResponse(adminUser),
    });
    const { user } = renderApp(`/store/checkout?plan=${PROFESSIONAL}&cycle=monthly`);

    await user.click(await screen.findByRole('tab', { name: 'I already have an account' }));
    const form = screen.getByRole('form', { name: 'Sign in' });
    await user.type(within(form).getByLabelText('Email'), 'admin@test.com');
    await user.type(within(form).getByLabelText('Password'), 'Admin123!');
    await user.click(within(form).getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Use a customer account')).toBeTruthy();
    expect(getCustomerSession()).toBeNull();
    expect(getSession()).toBeNull();
    expect(requestsTo(fetchMock, 'GET /api/v1/my')).toHaveLength(0);
  });

  it('says so when the plan in the link is not on sale', async () => {
    mockApi(checkoutHandlers());
    renderApp('/store/checkout?plan=00000000-0000-4000-8000-000000000000&cycle=monthly');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'This plan is not on sale' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See all plans' }).getAttribute('href')).toBe('/store');
  });
});
