import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  apiErrorResponse,
  jsonResponse,
  type MockHandler,
  type MockedRequest,
} from '@/testing/api-mocks';
import {
  emptyInstallHandlers,
  makeAccount,
  makeCustomer,
  makeCustomerDetails,
  makeLicense,
  makePlan,
  makeServer,
  page,
} from '@/testing/fixtures';
import { renderAdminPage, requestsTo } from '@/testing/test-utils';

const servers = [
  makeServer({ id: 1, name: 'Production Server 1', current_accounts: 95, capacity: 100 }),
  makeServer({
    id: 2,
    name: 'Backup Server',
    is_online: false,
    current_accounts: 3,
    capacity: 50,
    last_error: 'could not be reached (connection refused)',
  }),
];

const failedAccount = makeAccount({
  id: 12,
  username: 'shopacme',
  status: 'failed',
  server_name: 'Backup Server',
  status_reason: 'Server "Backup Server" could not be reached',
  updated_at: '2026-11-25T10:00:00.000Z',
});
const activeAccount = makeAccount({
  id: 11,
  username: 'johndoe',
  updated_at: '2026-11-24T10:00:00.000Z',
});

function licenses(request: MockedRequest) {
  const status = request.url.searchParams.get('status');
  if (status === 'active') return jsonResponse(page([makeLicense()], { total: 12, page_size: 1 }));
  if (status === 'suspended') return jsonResponse(page([], { total: 2, page_size: 1 }));
  return jsonResponse(page([makeLicense()], { total: 15 }));
}

/** GET /nextpanel/accounts: the failed ones for `status=failed`, otherwise every account, newest change first. */
function accounts(request: MockedRequest) {
  if (request.url.searchParams.get('status') === 'failed')
    return jsonResponse(page([failedAccount], { page_size: 3 }));
  return jsonResponse(page([failedAccount, activeAccount], { page_size: 8 }));
}

function handlers(overrides: Record<string, MockHandler> = {}): Record<string, MockHandler> {
  return {
    'GET /api/v1/nextpanel/servers': () => jsonResponse(servers),
    'GET /api/v1/plans': () => jsonResponse([makePlan()]),
    'GET /api/v1/customers': () => jsonResponse(page([makeCustomer()], { total: 1234 })),
    'GET /api/v1/licenses': licenses,
    'GET /api/v1/nextpanel/accounts': accounts,
    'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails()),
    ...overrides,
  };
}

describe('dashboard', () => {
  it('shows counts, server utilisation, recent activity and what needs attention', async () => {
    const { fetchMock } = renderAdminPage('/', handlers());

    expect(await screen.findByText('1,234')).toBeTruthy();
    expect(await screen.findByText('12')).toBeTruthy();
    expect(screen.getByText('98')).toBeTruthy();
    expect(screen.getByText('1 / 2')).toBeTruthy();

    expect(
      screen
        .getByRole('meter', { name: 'Production Server 1 utilisation' })
        .getAttribute('aria-valuenow'),
    ).toBe('95');

    const attention = await screen.findByRole('list', { name: 'Needs attention' });
    expect(within(attention).getByText('Backup Server is offline')).toBeTruthy();
    expect(within(attention).getByText('Production Server 1 is 95% full')).toBeTruthy();
    expect(
      await within(attention).findByText('Provisioning of shopacme failed (John Doe)'),
    ).toBeTruthy();
    expect(within(attention).getByText('2 suspended licenses')).toBeTruthy();
    expect(within(attention).queryByText(/more failed hosting account/)).toBeNull();

    const activity = await screen.findByRole('list', { name: 'Recent provisioning activity' });
    const items = within(activity).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('shopacme failed on Backup Server');
    expect(items[1]?.textContent).toContain('johndoe provisioned on Production Server 1');
    expect(
      await within(items[1] as HTMLElement).findByRole('link', { name: 'John Doe' }),
    ).toBeTruthy();
    expect(screen.getByText('Every hosting account, most recently changed first.')).toBeTruthy();

    // Two account lists, no scanning of customers: the recent page and the failed ones.
    const queries = requestsTo(fetchMock, 'GET /api/v1/nextpanel/accounts').map(({ query }) =>
      Object.fromEntries(query),
    );
    expect(queries).toEqual(
      expect.arrayContaining([
        { page: '1', page_size: '8' },
        { status: 'failed', page: '1', page_size: '3' },
      ]),
    );
    expect(queries).toHaveLength(2);
    // Customer names: one details request per distinct customer shown (cached, shared with their page).
    expect(requestsTo(fetchMock, 'GET /api/v1/customers/2')).toHaveLength(1);
  });

  it('counts failed accounts beyond the newest few and says how many accounts there are', async () => {
    const failed = [14, 13, 12].map((id) =>
      makeAccount({ ...failedAccount, id, username: `failed${id}` }),
    );
    renderAdminPage(
      '/',
      handlers({
        'GET /api/v1/nextpanel/accounts': (request) =>
          request.url.searchParams.get('status') === 'failed'
            ? jsonResponse(page(failed, { total: 7, page_size: 3 }))
            : jsonResponse(page([...failed, activeAccount], { total: 40, page_size: 8 })),
      }),
    );

    const attention = await screen.findByRole('list', { name: 'Needs attention' });
    expect(
      await within(attention).findByText('Provisioning of failed14 failed (John Doe)'),
    ).toBeTruthy();
    expect(within(attention).getByText('Provisioning of failed12 failed (John Doe)')).toBeTruthy();
    expect(within(attention).getByText('4 more failed hosting accounts')).toBeTruthy();
    expect(within(attention).getByText(/7 hosting accounts failed in all/)).toBeTruthy();

    expect(
      await screen.findByText(
        'The 4 most recently changed of 40 hosting accounts, across all customers.',
      ),
    ).toBeTruthy();
  });

  it('shows the account email while the customer cannot be read', async () => {
    renderAdminPage(
      '/',
      handlers({
        'GET /api/v1/customers/2': () => apiErrorResponse(404, { message: 'Customer 2 not found' }),
      }),
    );

    const attention = await screen.findByRole('list', { name: 'Needs attention' });
    expect(
      await within(attention).findByText('Provisioning of shopacme failed (john@acme.com)'),
    ).toBeTruthy();
  });

  it('says so when there are no hosting accounts yet', async () => {
    renderAdminPage(
      '/',
      handlers({ 'GET /api/v1/nextpanel/accounts': () => jsonResponse(page([])) }),
    );

    expect(await screen.findByText('No hosting accounts yet')).toBeTruthy();
    const attention = await screen.findByRole('list', { name: 'Needs attention' });
    expect(within(attention).queryByText(/Provisioning of/)).toBeNull();
  });

  it('offers to retry when the accounts cannot be loaded', async () => {
    renderAdminPage(
      '/',
      handlers({
        'GET /api/v1/nextpanel/accounts': () =>
          apiErrorResponse(400, { message: 'status must be one of …' }),
      }),
    );

    expect(await screen.findByText('Could not load recent activity')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    const attention = await screen.findByRole('list', { name: 'Needs attention' });
    expect(within(attention).getByText('Could not check for failed hosting accounts')).toBeTruthy();
  });

  it('guides a fresh install to its first server', async () => {
    renderAdminPage('/', emptyInstallHandlers());

    expect(await screen.findByText('No data yet — add a server to get started')).toBeTruthy();
    expect(await screen.findByText(/1 of 4 done/)).toBeTruthy();
    expect(screen.getByText('(done)', { exact: false })).toBeTruthy();
  });
});
