import { configure, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetCustomerSessionStateForTests } from '@/lib/customer-session';
import { apiErrorResponse, jsonResponse, mockApi } from '@/testing/api-mocks';
import { seededPublicPlans } from '@/testing/commerce-fixtures';
import { renderApp } from '@/testing/test-utils';

// The first render of a lazy route compiles its modules; on a busy machine that outlasts 1 s.
configure({ asyncUtilTimeout: 4000 });

beforeEach(() => resetCustomerSessionStateForTests());

function storeHandlers({ paymentsEnabled = true } = {}) {
  return {
    'GET /api/v1/plans': () => jsonResponse(seededPublicPlans()),
    'GET /api/v1/store/config': () => jsonResponse({ payments_enabled: paymentsEnabled }),
  };
}

describe('storefront', () => {
  it('shows every plan with its monthly price and quotas, and yearly prices on the toggle', async () => {
    const fetchMock = mockApi(storeHandlers());
    const { user } = renderApp('/store');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Hosting plans that grow with you' }),
    ).toBeTruthy();
    const professional = await screen.findByRole('article', { name: 'Professional Hosting' });
    expect(within(professional).getByText('$14.99')).toBeTruthy();
    expect(within(professional).getByText('/ month')).toBeTruthy();
    expect(within(professional).getByText('5 websites (domains)')).toBeTruthy();
    expect(within(professional).getByText('50 GB disk space')).toBeTruthy();
    expect(within(professional).getByText('10 databases')).toBeTruthy();
    expect(within(professional).getByText('25 email accounts')).toBeTruthy();
    expect(screen.getAllByRole('article')).toHaveLength(3);
    expect(screen.queryByText('Online payment is not available yet')).toBeNull();

    await user.click(screen.getByRole('radio', { name: /Yearly/ }));

    expect(within(professional).getByText('$149.90')).toBeTruthy();
    expect(within(professional).getByText('/ year')).toBeTruthy();
    expect(within(professional).getByText('$12.49 a month, billed yearly · save 17%')).toBeTruthy();
    const buy = within(professional).getByRole('link', {
      name: 'Buy now: Professional Hosting, yearly',
    });
    expect(buy.getAttribute('href')).toBe(
      '/store/checkout?plan=22222222-2222-4222-8222-222222222222&cycle=yearly',
    );

    // The storefront asks as a visitor, never with somebody's token.
    const plansCall = fetchMock.mock.calls.find(([input]) =>
      String(input).endsWith('/api/v1/plans'),
    );
    expect(new Headers(plansCall?.[1]?.headers).get('Authorization')).toBeNull();
  });

  it('says so when online payments are not configured', async () => {
    mockApi(storeHandlers({ paymentsEnabled: false }));
    renderApp('/store');

    expect(await screen.findByText('Online payment is not available yet')).toBeTruthy();
    expect(
      screen.getByText(/your hosting company activates it once they have received your payment/),
    ).toBeTruthy();
    expect(await screen.findByRole('article', { name: 'Starter' })).toBeTruthy();
  });

  it('tells a customer back from a cancelled payment that nothing was charged', async () => {
    mockApi(storeHandlers());
    renderApp('/store?order=12&checkout=cancelled');

    expect(await screen.findByText('Payment cancelled')).toBeTruthy();
    expect(screen.getByText(/Order #12 was not paid and you were not charged/)).toBeTruthy();
  });

  it('shows an error with a retry when the plans cannot be loaded', async () => {
    let fail = true;
    mockApi({
      ...storeHandlers(),
      'GET /api/v1/plans': () =>
        fail ? apiErrorResponse(500, { message: 'boom' }) : jsonResponse(seededPublicPlans()),
    });
    const { user } = renderApp('/store');

    expect(await screen.findByText('Could not load our plans')).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: 'Enterprise' })).toBeTruthy();
  });
});
