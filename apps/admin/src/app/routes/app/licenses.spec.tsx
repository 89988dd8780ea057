import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiErrorResponse, jsonResponse, type MockedRequest } from '@/testing/api-mocks';
import { makeCustomerDetails, makeLicense, page } from '@/testing/fixtures';
import { currentUrl, renderAdminPage, requestsTo } from '@/testing/test-utils';

const active = makeLicense();
const suspended = makeLicense({
  id: 9,
  license_key: 'NP-SUSP-ENDE-D234',
  status: 'suspended',
  subscription: null,
});

function licensesPage(request: MockedRequest) {
  const status = request.url.searchParams.get('status');
  const search = request.url.searchParams.get('search');
  if (search === 'NP-NONE') return jsonResponse(page([]));
  if (status === 'suspended') return jsonResponse(page([suspended]));
  return jsonResponse(page([active, suspended]));
}

describe('licenses page', () => {
  it('lists licenses with key, customer, plan, quotas and status', async () => {
    renderAdminPage('/licenses', {
      'GET /api/v1/licenses': licensesPage,
      'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails()),
    });

    const row = (await screen.findByText('NP-7KQ2-M9XH-T4WC')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Professional Hosting')).toBeTruthy();
    expect(within(row).getByText('Active')).toBeTruthy();
    expect(await within(row).findByRole('link', { name: 'John Doe' })).toHaveProperty(
      'pathname',
      '/customers/2',
    );
    expect(screen.getByText('No subscription')).toBeTruthy();
  });

  it('filters by status and searches by key', async () => {
    const { user, fetchMock, router } = renderAdminPage('/licenses', {
      'GET /api/v1/licenses': licensesPage,
      'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails()),
    });

    await screen.findByText('NP-7KQ2-M9XH-T4WC');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Suspended');
    await waitFor(() => expect(screen.queryByText('NP-7KQ2-M9XH-T4WC')).toBeNull());
    expect(currentUrl(router)).toBe('/licenses?status=suspended');
    expect(requestsTo(fetchMock, 'GET /api/v1/licenses').at(-1)?.query.get('status')).toBe(
      'suspended',
    );

    await user.type(screen.getByRole('searchbox', { name: 'Search by license key' }), 'NP-NONE');
    expect(
      await screen.findByRole('heading', { name: 'No licenses match “NP-NONE”' }),
    ).toBeTruthy();
    expect(requestsTo(fetchMock, 'GET /api/v1/licenses').at(-1)?.query.toString()).toBe(
      'page=1&page_size=20&status=suspended&search=NP-NONE',
    );
  });

  it('explains where licenses come from when there are none', async () => {
    renderAdminPage('/licenses', { 'GET /api/v1/licenses': () => jsonResponse(page([])) });
    expect(await screen.findByRole('heading', { name: 'No licenses yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to customers' })).toBeTruthy();
  });

  it('shows an error state with a retry', async () => {
    renderAdminPage('/licenses', {
      'GET /api/v1/licenses': () => apiErrorResponse(500, { message: 'boom' }),
    });
    expect(await screen.findByText('Could not load licenses')).toBeTruthy();
  });
});
