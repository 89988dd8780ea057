import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, type MockedRequest } from '@/testing/api-mocks';
import { makeAccount, makeCustomer, makeCustomerDetails, makeLicense, makePlan, makeServer, page } from '@/testing/fixtures';
import { renderAdminPage } from '@/testing/test-utils';

const servers = [
  makeServer({ id: 1, name: 'Production Server 1', current_accounts: 95, capacity: 100 }),
  makeServer({ id: 2, name: 'Backup Server', is_online: false, current_accounts: 3, capacity: 50, last_error: 'could not be reached (connection refused)' }),
];

function licenses(request: MockedRequest) {
  const status = request.url.searchParams.get('status');
  if (status === 'active') return jsonResponse(page([makeLicense()], { total: 12, page_size: 1 }));
  if (status === 'suspended') return jsonResponse(page([], { total: 2, page_size: 1 }));
  return jsonResponse(page([makeLicense()], { total: 15 }));
}

describe('dashboard', () => {
  it('shows counts, server utilisation, recent activity and what needs attention', async () => {
    renderAdminPage('/', {
      'GET /api/v1/nextpanel/servers': () => jsonResponse(servers),
      'GET /api/v1/plans': () => jsonResponse([makePlan()]),
      'GET /api/v1/customers': () => jsonResponse(page([makeCustomer()], { total: 1234 })),
      'GET /api/v1/licenses': licenses,
      'GET /api/v1/customers/2': () =>
        jsonResponse(
          makeCustomerDetails({
            accounts: [
              makeAccount({ id: 12, username: 'shopacme', status: 'failed', server_name: 'Backup Server', status_reason: 'Server "Backup Server" could not be reached', updated_at: '2026-11-25T10:00:00.000Z' }),
              makeAccount({ id: 11, username: 'johndoe', updated_at: '2026-11-24T10:00:00.000Z' }),
            ],
          }),
        ),
    });

    expect(await screen.findByText('1,234')).toBeTruthy();
    expect(await screen.findByText('12')).toBeTruthy();
    expect(screen.getByText('98')).toBeTruthy();
    expect(screen.getByText('1 / 2')).toBeTruthy();

    expect(screen.getByRole('meter', { name: 'Production Server 1 utilisation' }).getAttribute('aria-valuenow')).toBe('95');

    const attention = await screen.findByRole('list', { name: 'Needs attention' });
    expect(within(attention).getByText('Backup Server is offline')).toBeTruthy();
    expect(within(attention).getByText('Production Server 1 is 95% full')).toBeTruthy();
    expect(await within(attention).findByText('Provisioning of shopacme failed (John Doe)')).toBeTruthy();
    expect(within(attention).getByText('2 suspended licenses')).toBeTruthy();

    const activity = screen.getByRole('list', { name: 'Recent provisioning activity' });
    const items = within(activity).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('shopacme failed on Backup Server');
    expect(items[1]?.textContent).toContain('johndoe provisioned on Production Server 1');
  });

  it('guides a fresh install to its first server', async () => {
    renderAdminPage('/', {
      'GET /api/v1/nextpanel/servers': () => jsonResponse([]),
      'GET /api/v1/plans': () => jsonResponse([makePlan()]),
      'GET /api/v1/customers': () => jsonResponse(page([])),
      'GET /api/v1/licenses': () => jsonResponse(page([])),
    });

    expect(await screen.findByText('No data yet — add a server to get started')).toBeTruthy();
    expect(await screen.findByText(/1 of 4 done/)).toBeTruthy();
    expect(screen.getByText('(done)', { exact: false })).toBeTruthy();
  });
});
