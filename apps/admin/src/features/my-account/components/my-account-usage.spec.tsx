import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountUsageResponse } from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse, mockApi } from '@/testing/api-mocks';
import { CUSTOMER_TOKEN, seededPublicPlans, signInCustomer } from '@/testing/commerce-fixtures';
import { makeAccount, makeCustomerDetails, page } from '@/testing/fixtures';
import { renderApp, requestsTo } from '@/testing/test-utils';

const measured: AccountUsageResponse = {
  account_id: 11,
  quota: { license_id: 7, disk_mb: 51_200, databases: 10, domains: 5, email_accounts: 25 },
  current: {
    sampled_at: new Date(Date.now() - 5 * 60_000).toISOString(),
    disk_used_mb: 1536,
    databases: 9,
    domains: 1,
    email_accounts: 3,
    ssl_certificates: 1,
    percent: { disk: 3, databases: 90, domains: 20, email_accounts: 12 },
  },
  warning_percent: 90,
  warnings: [{ metric: 'databases', percent: 90, warned_at: '2026-11-26T12:00:00.000Z' }],
  collection: null,
  from: '2026-11-25T12:00:00.000Z',
  to: '2026-11-26T12:00:00.000Z',
  bucket_seconds: null,
  samples: [],
};

function renderMyAccount(usage: () => Response) {
  signInCustomer();
  const details = makeCustomerDetails({
    accounts: [makeAccount(), makeAccount({ id: 12, username: 'oldsite', status: 'terminated' })],
  });
  const fetchMock = mockApi({
    'GET /api/v1/my': () => jsonResponse(details),
    'GET /api/v1/my/orders': () => jsonResponse(page([])),
    'GET /api/v1/my/payments': () => jsonResponse([]),
    'GET /api/v1/plans': () => jsonResponse(seededPublicPlans()),
    'GET /api/v1/store/config': () => jsonResponse({ payments_enabled: false }),
    'GET /api/v1/my/accounts/11/usage': usage,
  });
  renderApp('/my');
  return fetchMock;
}

describe('usage on the customer’s hosting account card', () => {
  it('shows what the account uses of its plan, asked with the customer’s own session', async () => {
    const fetchMock = renderMyAccount(() => jsonResponse(measured));
    const card = await screen.findByRole('listitem', { name: 'Hosting account johndoe' });
    const databases = await within(card).findByRole('meter', { name: 'Databases used' });
    expect(databases.getAttribute('aria-valuetext')).toBe('9 of 10 (90%)');
    expect(databases.firstElementChild?.className).toMatch(/danger/);
    expect(
      within(card).getByRole('meter', { name: 'Disk space used' }).getAttribute('aria-valuetext'),
    ).toBe('1.5 GB of 50 GB (3%)');
    expect(within(card).getByText('Measured 5 minutes ago')).toBeTruthy();

    // Only the live account is measured; the terminated one is not asked about.
    expect(requestsTo(fetchMock, 'GET /api/v1/my/accounts/12/usage')).toHaveLength(0);
    const call = fetchMock.mock.calls.find(([input]) =>
      String(input).includes('/api/v1/my/accounts/11/usage'),
    );
    expect(new Headers(call?.[1]?.headers).get('Authorization')).toBe(`Bearer ${CUSTOMER_TOKEN}`);
  });

  it('says so before the first measurement', async () => {
    renderMyAccount(() => jsonResponse({ ...measured, current: null }));
    const card = await screen.findByRole('listitem', { name: 'Hosting account johndoe' });
    expect(
      await within(card).findByText('Usage appears here once it has been measured.'),
    ).toBeTruthy();
  });

  it('keeps the card usable, without details, when usage cannot be loaded', async () => {
    renderMyAccount(() => apiErrorResponse(404, { message: 'Hosting account not found' }));
    const card = await screen.findByRole('listitem', { name: 'Hosting account johndoe' });
    expect(await within(card).findByText('Usage is not available right now.')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Copy username johndoe' })).toBeTruthy();
  });
});
