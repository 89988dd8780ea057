import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ServerResponse, TestServerConnectionResponse } from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse } from '@/testing/api-mocks';
import { makeServer } from '@/testing/fixtures';
import { currentUrl, renderAdminPage, requestsTo } from '@/testing/test-utils';

const online = makeServer({
  id: 1,
  name: 'Production Server 1',
  current_accounts: 95,
  capacity: 100,
  location: 'US-East',
});
const offline = makeServer({
  id: 2,
  name: 'Backup Server',
  base_url: 'http://localhost:3999',
  is_online: false,
  current_accounts: 0,
  location: null,
  last_error: 'could not be reached (connection refused)',
});

describe('servers page', () => {
  it('lists servers with status, location, utilisation and free slots', async () => {
    renderAdminPage('/servers', {
      'GET /api/v1/nextpanel/servers': () => jsonResponse([online, offline]),
    });

    await screen.findByText('Production Server 1');
    const table = screen.getByRole('table', { name: 'Servers' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(first!).getByText('Production Server 1')).toBeTruthy();
    expect(within(first!).getByText('Online')).toBeTruthy();
    expect(within(first!).getByText('US-East')).toBeTruthy();
    const meter = within(first!).getByRole('meter', { name: 'Production Server 1 utilisation' });
    expect(meter.getAttribute('aria-valuenow')).toBe('95');
    expect(meter.getAttribute('aria-valuetext')).toBe('95 / 100 (95%)');
    expect(within(first!).getByText('5')).toBeTruthy();

    expect(within(second!).getByText('Offline')).toBeTruthy();
    expect(within(second!).getByText('could not be reached (connection refused)')).toBeTruthy();
    expect(screen.getByText('2 servers · 1 online · 95 of 200 slots used')).toBeTruthy();
  });

  it('shows an empty state that leads to Add server', async () => {
    const { user, router } = renderAdminPage('/servers', {
      'GET /api/v1/nextpanel/servers': () => jsonResponse([]),
    });

    expect(await screen.findByRole('heading', { name: 'No servers yet' })).toBeTruthy();
    await user.click(screen.getAllByRole('link', { name: 'Add server' })[1]!);
    expect(await screen.findByRole('heading', { level: 1, name: 'Add server' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/servers/new');
  });

  it('shows an error state with a retry when the list fails', async () => {
    let fail = true;
    const { user } = renderAdminPage('/servers', {
      'GET /api/v1/nextpanel/servers': () =>
        fail
          ? apiErrorResponse(500, { message: 'boom', request_id: 'req-9' })
          : jsonResponse([online]),
    });

    expect(await screen.findByText('Could not load servers')).toBeTruthy();
    expect(screen.getByText(/reference req-9/)).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Production Server 1')).toBeTruthy();
  });

  it('refreshes the status of every server and says how many are online', async () => {
    let servers: ServerResponse[] = [online, offline];
    const { user, fetchMock } = renderAdminPage('/servers', {
      'GET /api/v1/nextpanel/servers': () => jsonResponse(servers),
      'GET /api/v1/nextpanel/servers/status': () => {
        servers = [online, { ...offline, is_online: true, last_error: null }];
        return jsonResponse(
          servers.map((server) => ({
            server_id: String(server.id),
            name: server.name,
            url: server.base_url,
            is_active: true,
            is_online: server.is_online,
            current_accounts: server.current_accounts,
            capacity: server.capacity,
            utilization: server.utilization_percent,
          })),
        );
      },
    });

    await screen.findByText('Backup Server');
    await user.click(screen.getByRole('button', { name: 'Refresh status' }));

    expect(await screen.findByText('Status refreshed')).toBeTruthy();
    expect(screen.getByText('All 2 servers online.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Offline')).toBeNull());
    expect(requestsTo(fetchMock, 'GET /api/v1/nextpanel/servers')).toHaveLength(2);
  });

  it('confirms a delete, shows the API’s 409 reason and offers to deactivate instead', async () => {
    const { user, fetchMock } = renderAdminPage('/servers', {
      'GET /api/v1/nextpanel/servers': () => jsonResponse([online]),
      'DELETE /api/v1/nextpanel/servers/1': () =>
        apiErrorResponse(409, {
          message: 'Server holds 95 live account(s); move or terminate them first',
          code: 'SERVER_HAS_ACCOUNTS',
        }),
      'PATCH /api/v1/nextpanel/servers/1': () => jsonResponse({ ...online, is_active: false }),
    });

    await user.click(await screen.findByRole('button', { name: 'Delete Production Server 1' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Production Server 1?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete server' }));

    expect(
      await within(dialog).findByText(
        /Server holds 95 live account\(s\); move or terminate them first/,
      ),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate instead' }));

    expect(await screen.findByText('Server deactivated')).toBeTruthy();
    expect(requestsTo(fetchMock, 'PATCH /api/v1/nextpanel/servers/1')[0]?.body).toEqual({
      is_active: false,
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('deletes a server that never held accounts', async () => {
    let servers = [offline];
    const { user } = renderAdminPage('/servers', {
      'GET /api/v1/nextpanel/servers': () => jsonResponse(servers),
      'DELETE /api/v1/nextpanel/servers/2': () => {
        servers = [];
        return new Response(null, { status: 204 });
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Delete Backup Server' }));
    await user.click(screen.getByRole('button', { name: 'Delete server' }));

    expect(await screen.findByText('Server deleted')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'No servers yet' })).toBeTruthy();
  });
});

const testOk: TestServerConnectionResponse = {
  success: true,
  message: 'Connection successful! Server is online.',
  url: 'http://localhost:3000',
  latency_ms: 4,
};

async function fillConnection(
  user: ReturnType<typeof renderAdminPage>['user'],
  secret = 'nps_demo_c41e8b7a29f3d506e8a1',
) {
  await user.type(await screen.findByLabelText('Base URL'), 'http://localhost:3000');
  await user.type(screen.getByLabelText('API key'), 'npk_demo_7f3a9c2e51d84b60');
  await user.type(screen.getByLabelText('API secret'), secret);
}

describe('add server form', () => {
  it('checks the fields before calling the API', async () => {
    const { user, fetchMock } = renderAdminPage('/servers/new', {});

    await user.click(await screen.findByRole('button', { name: 'Add server' }));

    expect(await screen.findByText('Enter a name for the server')).toBeTruthy();
    expect(screen.getByText('Enter the panel’s URL')).toBeTruthy();
    expect(screen.getByText('Enter the API key')).toBeTruthy();
    expect(screen.getByText('Enter the API secret')).toBeTruthy();
    expect(screen.getByLabelText('Server name').getAttribute('aria-invalid')).toBe('true');

    await user.type(screen.getByLabelText('Base URL'), 'localhost:3000');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(
      await screen.findByText('Enter an http(s) URL such as http://panel.example.com:3000'),
    ).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/nextpanel/servers/test')).toHaveLength(0);
  });

  it('tests the connection before saving and shows "Connection successful! Server is online."', async () => {
    const { user, fetchMock } = renderAdminPage('/servers/new', {
      'POST /api/v1/nextpanel/servers/test': () => jsonResponse(testOk),
    });

    await fillConnection(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));

    expect(await screen.findByText('Connection successful! Server is online.')).toBeTruthy();
    expect(screen.getByText('http://localhost:3000 answered in 4 ms.')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/nextpanel/servers/test')[0]?.body).toEqual({
      base_url: 'http://localhost:3000',
      api_key: 'npk_demo_7f3a9c2e51d84b60',
      api_secret: 'nps_demo_c41e8b7a29f3d506e8a1',
      capacity: 100,
    });
    expect(requestsTo(fetchMock, 'POST /api/v1/nextpanel/servers')).toHaveLength(0);
  });

  it('shows the precise failure, and forgets it once the tested values change', async () => {
    const { user } = renderAdminPage('/servers/new', {
      'POST /api/v1/nextpanel/servers/test': () =>
        jsonResponse({
          success: false,
          message:
            'Connection failed: http://localhost:3000 refused the API key and secret (HTTP 401)',
          url: 'http://localhost:3000',
          reason: 'credentials_refused',
        } satisfies TestServerConnectionResponse),
    });

    await fillConnection(user, 'nps_wrong');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('API key or secret refused')).toBeTruthy();
    expect(
      within(alert).getByText(
        'Connection failed: http://localhost:3000 refused the API key and secret (HTTP 401)',
      ),
    ).toBeTruthy();
    expect(within(alert).getByText(/Settings → API Keys/)).toBeTruthy();

    await user.type(screen.getByLabelText('API secret'), 'x');
    expect(screen.queryByText('API key or secret refused')).toBeNull();
  });

  it('saves the server, then lists it with a toast', async () => {
    const created = makeServer({
      id: 3,
      name: 'Production Server 2',
      current_accounts: 0,
      location: 'EU-West',
    });
    const { user, fetchMock, router } = renderAdminPage('/servers/new', {
      'POST /api/v1/nextpanel/servers': () => jsonResponse(created, { status: 201 }),
      'GET /api/v1/nextpanel/servers': () => jsonResponse([created]),
    });

    await user.type(await screen.findByLabelText('Server name'), '  Production Server 2 ');
    await user.clear(screen.getByLabelText('Capacity'));
    await user.type(screen.getByLabelText('Capacity'), '250');
    await user.type(screen.getByLabelText('Location'), 'EU-West');
    await fillConnection(user);
    await user.click(screen.getByRole('button', { name: 'Add server' }));

    expect(await screen.findByText('Server added')).toBeTruthy();
    expect(currentUrl(router)).toBe('/servers');
    expect(requestsTo(fetchMock, 'POST /api/v1/nextpanel/servers')[0]?.body).toEqual({
      name: 'Production Server 2',
      description: null,
      location: 'EU-West',
      capacity: 250,
      base_url: 'http://localhost:3000',
      api_key: 'npk_demo_7f3a9c2e51d84b60',
      api_secret: 'nps_demo_c41e8b7a29f3d506e8a1',
    });
  });

  it('puts the API’s refusals on their fields: a taken name, a bad URL', async () => {
    let attempt = 0;
    const { user } = renderAdminPage('/servers/new', {
      'POST /api/v1/nextpanel/servers': () =>
        ++attempt === 1
          ? apiErrorResponse(409, {
              message: 'A server with this name already exists',
              code: 'SERVER_NAME_TAKEN',
            })
          : apiErrorResponse(400, {
              message: 'Validation failed for 1 field',
              code: 'VALIDATION_FAILED',
              details: [
                { field: 'base_url', message: 'base_url must not point at the billing API itself' },
              ],
            }),
    });

    await user.type(await screen.findByLabelText('Server name'), 'Production Server 1');
    await fillConnection(user);
    await user.click(screen.getByRole('button', { name: 'Add server' }));

    expect(await screen.findByText('A server with this name already exists')).toBeTruthy();
    expect(screen.getByLabelText('Server name').getAttribute('aria-invalid')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Add server' }));
    expect(
      await screen.findByText('Base_url must not point at the billing API itself'),
    ).toBeTruthy();
    expect(screen.getByLabelText('Base URL').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('edit server form', () => {
  it('sends only what changed and places CAPACITY_BELOW_USAGE on the capacity field', async () => {
    let attempt = 0;
    const { user, fetchMock } = renderAdminPage('/servers/1/edit', {
      'GET /api/v1/nextpanel/servers/1': () => jsonResponse(online),
      'PATCH /api/v1/nextpanel/servers/1': () =>
        ++attempt === 1
          ? apiErrorResponse(409, {
              message: 'capacity cannot be below the 95 accounts the server already holds',
              code: 'CAPACITY_BELOW_USAGE',
            })
          : jsonResponse({ ...online, capacity: 150, updated_at: '2026-11-27T00:00:00.000Z' }),
      'GET /api/v1/nextpanel/servers': () => jsonResponse([online]),
    });

    const capacity = await screen.findByLabelText('Capacity');
    expect(screen.getByText('Holds 95 accounts now; at least 95')).toBeTruthy();
    await user.clear(capacity);
    await user.type(capacity, '90');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(
      await screen.findByText('capacity cannot be below the 95 accounts the server already holds'),
    ).toBeTruthy();
    expect(requestsTo(fetchMock, 'PATCH /api/v1/nextpanel/servers/1')[0]?.body).toEqual({
      capacity: 90,
    });

    await user.clear(capacity);
    await user.type(capacity, '150');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Server saved')).toBeTruthy();
    expect(requestsTo(fetchMock, 'PATCH /api/v1/nextpanel/servers/1')[1]?.body).toEqual({
      capacity: 150,
    });
  });

  it('rotates the credentials and deactivates the server', async () => {
    const { user, fetchMock } = renderAdminPage('/servers/1/edit', {
      'GET /api/v1/nextpanel/servers/1': () => jsonResponse(online),
      'POST /api/v1/nextpanel/servers/test': () => jsonResponse(testOk),
      'PATCH /api/v1/nextpanel/servers/1': () => jsonResponse({ ...online, is_active: false }),
      'GET /api/v1/nextpanel/servers': () => jsonResponse([online]),
    });

    expect(await screen.findByText('npk_…4b60')).toBeTruthy();
    expect(screen.queryByLabelText('New API key')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Rotate API credentials' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Enter the API key')).toBeTruthy();

    await user.type(screen.getByLabelText('New API key'), 'npk_new_key');
    await user.type(screen.getByLabelText('New API secret'), 'nps_new_secret');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Connection successful! Server is online.')).toBeTruthy();
    await user.click(screen.getByRole('switch', { name: 'Active' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Server saved')).toBeTruthy();
    expect(requestsTo(fetchMock, 'PATCH /api/v1/nextpanel/servers/1')[0]?.body).toEqual({
      is_active: false,
      api_key: 'npk_new_key',
      api_secret: 'nps_new_secret',
    });
  });

  it('says so when the server does not exist', async () => {
    renderAdminPage('/servers/9/edit', {
      'GET /api/v1/nextpanel/servers/9': () =>
        apiErrorResponse(404, { message: 'Server not found', code: 'NOT_FOUND' }),
    });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This server does not exist' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to servers' })).toBeTruthy();
  });
});
