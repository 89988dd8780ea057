import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
} from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse, type MockHandler } from '@/testing/api-mocks';
import { emptyInstallHandlers, page } from '@/testing/fixtures';
import { currentUrl, renderAdminPage, requestsTo } from '@/testing/test-utils';

const SECRET = 'npwhsec_Q2x9vLk3mP0dJ8yT1cR4sW6uZ5aB7nE9hG2fK0pMxYz';

function makeEndpoint(overrides: Partial<WebhookEndpointResponse> = {}): WebhookEndpointResponse {
  return {
    id: 1,
    url: 'https://hooks.example.com/crm',
    description: 'CRM sync',
    event_types: ['customer.created', 'payment.succeeded'],
    enabled: true,
    disabled_reason: null,
    disabled_at: null,
    consecutive_failures: 0,
    pending_deliveries: 0,
    last_delivery_at: '2026-11-27T09:00:00.000Z',
    previous_secret_expires_at: null,
    created_at: '2026-11-20T09:00:00.000Z',
    updated_at: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

function makeDelivery(overrides: Partial<WebhookDeliveryResponse> = {}): WebhookDeliveryResponse {
  return {
    id: '41',
    endpoint_id: 1,
    endpoint_url: 'https://hooks.example.com/crm',
    event_id: '3f0c8a43-5e61-4a8f-9b1e-2d7c4b6a9e10',
    event_type: 'customer.created',
    status: 'succeeded',
    attempts: 1,
    response_status: 200,
    latency_ms: 84,
    response_excerpt: '{"received":true}',
    last_error: null,
    last_attempt_at: '2026-11-27T09:00:01.000Z',
    next_attempt_at: null,
    resent_from_id: null,
    created_at: '2026-11-27T09:00:00.000Z',
    completed_at: '2026-11-27T09:00:01.000Z',
    ...overrides,
  };
}

const crm = makeEndpoint();
const pager = makeEndpoint({
  id: 2,
  url: 'https://ops.example.com/pager',
  description: null,
  event_types: ['server.down'],
  enabled: false,
  disabled_reason: 'Delivery 12 (server.down) failed 40 times over 24.0 h; last error: HTTP 503',
  disabled_at: '2026-11-26T09:00:00.000Z',
  consecutive_failures: 40,
  pending_deliveries: 2,
});
const delivered = makeDelivery();
const failed = makeDelivery({
  id: '40',
  endpoint_id: 2,
  endpoint_url: pager.url,
  event_type: 'server.down',
  status: 'failed',
  attempts: 40,
  response_status: 503,
  latency_ms: 12,
  response_excerpt: 'upstream unavailable',
  last_error: 'HTTP 503',
});
const retrying = makeDelivery({
  id: '42',
  status: 'pending',
  attempts: 2,
  response_status: null,
  latency_ms: 10_000,
  response_excerpt: null,
  last_error: 'no answer within 10000 ms',
  next_attempt_at: '2026-11-27T09:05:00.000Z',
  completed_at: null,
});

function handlers(overrides: Record<string, MockHandler> = {}): Record<string, MockHandler> {
  return {
    ...emptyInstallHandlers(),
    'GET /api/v1/webhooks/endpoints': () => jsonResponse([crm, pager]),
    'GET /api/v1/webhooks/deliveries': () => jsonResponse(page([retrying, delivered, failed])),
    'GET /api/v1/webhooks/settings': () => jsonResponse({ allow_private_targets: false }),
    ...overrides,
  };
}

describe('Webhooks page', () => {
  // The page is a lazy route: compile it once up front, so a busy machine does not turn the first
  // navigation into a timeout.
  beforeAll(async () => {
    await import('./webhooks');
  }, 60_000);

  it('is reachable from the sidebar and lists endpoints and deliveries with code, latency and answer', async () => {
    const { user, router } = renderAdminPage('/', handlers());
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    // The Settings links sit side by side.
    expect(within(nav).getByRole('link', { name: 'API keys' })).toBeTruthy();
    await user.click(within(nav).getByRole('link', { name: 'Webhooks' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Webhooks' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/settings/webhooks');

    // Loaded (not the skeleton table of the same name).
    await screen.findByText('2 endpoints, 1 enabled');
    const endpoints = screen.getByRole('table', { name: 'Webhook endpoints' });
    const crmRow = within(endpoints).getByText(crm.url).closest('tr')!;
    expect(
      within(within(crmRow).getByRole('list', { name: 'Events of CRM sync' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['customer.created', 'payment.succeeded']);
    expect(within(crmRow).getByText('Enabled')).toBeTruthy();
    expect(
      within(crmRow).getByRole('button', { name: 'Send a test event to CRM sync' }),
    ).toBeTruthy();
    expect(within(crmRow).getByRole('button', { name: 'Disable CRM sync' })).toBeTruthy();
    const pagerRow = within(endpoints).getByText(pager.url).closest('tr')!;
    expect(within(pagerRow).getByText('Disabled')).toBeTruthy();
    expect(within(pagerRow).getByText(pager.disabled_reason!)).toBeTruthy();
    expect(within(pagerRow).getByText('2 waiting')).toBeTruthy();
    expect(within(pagerRow).getByRole('button', { name: `Enable ${pager.url}` })).toBeTruthy();

    await screen.findByText('#41');
    const deliveries = screen.getByRole('table', { name: 'Webhook deliveries' });
    const deliveredRow = within(deliveries).getByText('#41').closest('tr')!;
    expect(within(deliveredRow).getByText('Delivered')).toBeTruthy();
    expect(within(deliveredRow).getByText('HTTP 200 · 84 ms')).toBeTruthy();
    expect(within(deliveredRow).getByText('{"received":true}')).toBeTruthy();
    expect(
      within(deliveredRow).getByRole('button', { name: 'Resend delivery 41 (customer.created)' }),
    ).toBeTruthy();
    const retryingRow = within(deliveries).getByText('#42').closest('tr')!;
    expect(within(retryingRow).getByText('Pending')).toBeTruthy();
    expect(within(retryingRow).getByText('2 attempts')).toBeTruthy();
    expect(within(retryingRow).getByText('no answer within 10000 ms')).toBeTruthy();
    expect(within(retryingRow).getByText('No answer · 10000 ms')).toBeTruthy();
    expect(within(retryingRow).queryByRole('button')).toBeNull();
    // Its endpoint is disabled: nothing can be resent to it until it is enabled.
    const failedRow = within(deliveries).getByText('#40').closest('tr')!;
    expect(within(failedRow).getByText('Failed')).toBeTruthy();
    expect(within(failedRow).getByText('HTTP 503 · 12 ms')).toBeTruthy();
    expect(within(failedRow).queryByRole('button')).toBeNull();

    expect(
      (await screen.findByRole('switch', { name: 'Allow private targets' })) as HTMLInputElement,
    ).toHaveProperty('checked', false);
  });

  it('shows empty states, and an error state with retry', async () => {
    let fail = true;
    const { user } = renderAdminPage(
      '/settings/webhooks',
      handlers({
        'GET /api/v1/webhooks/endpoints': () =>
          fail ? apiErrorResponse(500, { message: 'Database unavailable' }) : jsonResponse([]),
        'GET /api/v1/webhooks/deliveries': () => jsonResponse(page([])),
      }),
    );
    expect(await screen.findByText('Could not load webhook endpoints')).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: /try again/i }));
    expect(await screen.findByRole('heading', { name: 'No webhook endpoints yet' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'No deliveries yet' })).toBeTruthy();
  });

  it('adds an endpoint with the chosen events and shows its secret once', async () => {
    let endpoints: WebhookEndpointResponse[] = [];
    const created: WebhookEndpointWithSecretResponse = {
      ...makeEndpoint({ id: 3, url: 'https://hooks.example.com/new', description: null }),
      event_types: ['account.provisioned', 'payment.failed'],
      secret: SECRET,
    };
    const { user, fetchMock } = renderAdminPage(
      '/settings/webhooks',
      handlers({
        'GET /api/v1/webhooks/endpoints': () => jsonResponse(endpoints),
        'GET /api/v1/webhooks/deliveries': () => jsonResponse(page([])),
        'POST /api/v1/webhooks/endpoints': () => {
          const { secret: _secret, ...listed } = created;
          endpoints = [listed];
          return jsonResponse(created, { status: 201 });
        },
      }),
    );

    await user.click((await screen.findAllByRole('button', { name: 'Add endpoint' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Add webhook endpoint' });
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(dialog).findByText('Enter the URL that receives the events')).toBeTruthy();
    expect(within(dialog).getByText('Choose at least one event')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Endpoint URL'), 'ftp://hooks.example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(dialog).findByText(/Enter an http\(s\) URL/)).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/webhooks/endpoints')).toHaveLength(0);

    const url = within(dialog).getByLabelText('Endpoint URL');
    await user.clear(url);
    await user.type(url, 'https://hooks.example.com/new');
    await user.click(within(dialog).getByRole('checkbox', { name: 'payment.failed' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'account.provisioned' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));

    const secretDialog = await screen.findByRole('dialog', { name: 'Endpoint added' });
    expect(requestsTo(fetchMock, 'POST /api/v1/webhooks/endpoints')[0]!.body).toEqual({
      url: 'https://hooks.example.com/new',
      description: null,
      event_types: ['account.provisioned', 'payment.failed'],
    });
    expect(within(secretDialog).getByText('Copy the signing secret now')).toBeTruthy();
    expect(within(secretDialog).getByText(SECRET)).toBeTruthy();
    await user.click(within(secretDialog).getByRole('button', { name: 'Copy signing secret' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    await user.click(
      within(secretDialog).getByRole('button', { name: 'I have copied the secret' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      await within(await screen.findByRole('table', { name: 'Webhook endpoints' })).findByText(
        'https://hooks.example.com/new',
      ),
    ).toBeTruthy();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('shows a refused private address on the URL field', async () => {
    const message =
      'localhost resolves to 127.0.0.1, a loopback address; webhooks are sent only to public addresses unless an admin allows private targets (Settings → Webhooks)';
    const { user } = renderAdminPage(
      '/settings/webhooks',
      handlers({
        'POST /api/v1/webhooks/endpoints': () =>
          apiErrorResponse(400, {
            message,
            code: 'WEBHOOK_URL_NOT_ALLOWED',
            details: [{ field: 'url', message }],
          }),
      }),
    );
    await user.click((await screen.findAllByRole('button', { name: 'Add endpoint' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Add webhook endpoint' });
    await user.type(within(dialog).getByLabelText('Endpoint URL'), 'http://localhost:9000/hook');
    await user.click(within(dialog).getByRole('button', { name: 'All' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(dialog).findByText(message)).toBeTruthy();
    expect(within(dialog).getByLabelText('Endpoint URL')).toHaveProperty('ariaInvalid', 'true');
  });

  it('edits an endpoint’s events', async () => {
    const { user, fetchMock } = renderAdminPage(
      '/settings/webhooks',
      handlers({
        'PATCH /api/v1/webhooks/endpoints/1': () =>
          jsonResponse(makeEndpoint({ event_types: ['customer.created'] })),
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Edit CRM sync' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit endpoint' });
    expect(within(dialog).getByLabelText('Endpoint URL')).toHaveProperty('value', crm.url);
    const paid = within(dialog).getByRole('checkbox', { name: 'payment.succeeded' });
    expect(paid).toHaveProperty('checked', true);
    await user.click(paid);
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsTo(fetchMock, 'PATCH /api/v1/webhooks/endpoints/1')[0]!.body).toEqual({
      url: crm.url,
      description: 'CRM sync',
      event_types: ['customer.created'],
    });
  });

  it('sends a test event, disables, enables, rotates the secret and deletes', async () => {
    const { user, fetchMock } = renderAdminPage(
      '/settings/webhooks',
      handlers({
        'POST /api/v1/webhooks/endpoints/1/ping': () =>
          jsonResponse(makeDelivery({ id: '43', event_type: 'ping', status: 'pending' }), {
            status: 201,
          }),
        'PATCH /api/v1/webhooks/endpoints/1': () => jsonResponse({ ...crm, enabled: false }),
        'POST /api/v1/webhooks/endpoints/2/enable': () =>
          jsonResponse({ ...pager, enabled: true, disabled_reason: null }),
        'POST /api/v1/webhooks/endpoints/1/rotate-secret': () =>
          jsonResponse({
            ...crm,
            secret: SECRET,
            previous_secret_expires_at: '2026-11-28T09:00:00.000Z',
          }),
        'DELETE /api/v1/webhooks/endpoints/2': () => new Response(null, { status: 204 }),
      }),
    );

    await user.click(await screen.findByRole('button', { name: 'Send a test event to CRM sync' }));
    expect(await screen.findByText('Test event queued')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/webhooks/endpoints/1/ping')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Disable CRM sync' }));
    const disable = await screen.findByRole('dialog', { name: 'Disable CRM sync?' });
    await user.click(within(disable).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsTo(fetchMock, 'PATCH /api/v1/webhooks/endpoints/1')[0]!.body).toEqual({
      enabled: false,
    });

    await user.click(screen.getByRole('button', { name: `Enable ${pager.url}` }));
    expect(await screen.findByText('Endpoint enabled')).toBeTruthy();
    expect(screen.getByText('2 waiting deliveries go out now, oldest first.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Rotate the secret of CRM sync' }));
    const rotate = await screen.findByRole('dialog', { name: 'Rotate the secret of CRM sync?' });
    await user.click(within(rotate).getByRole('button', { name: 'Rotate secret' }));
    const secretDialog = await screen.findByRole('dialog', { name: 'New signing secret' });
    expect(within(secretDialog).getByText(SECRET)).toBeTruthy();
    expect(within(secretDialog).getByText(/both the old and the new secret/)).toBeTruthy();
    await user.click(
      within(secretDialog).getByRole('button', { name: 'I have copied the secret' }),
    );

    await user.click(screen.getByRole('button', { name: `Delete ${pager.url}` }));
    const remove = await screen.findByRole('dialog', { name: `Delete ${pager.url}?` });
    await user.click(within(remove).getByRole('button', { name: 'Delete endpoint' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsTo(fetchMock, 'DELETE /api/v1/webhooks/endpoints/2')).toHaveLength(1);
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('resends a delivery and filters the deliveries', async () => {
    const { user, fetchMock } = renderAdminPage(
      '/settings/webhooks',
      handlers({
        'POST /api/v1/webhooks/deliveries/41/resend': () =>
          jsonResponse(makeDelivery({ id: '44', status: 'pending', resent_from_id: '41' }), {
            status: 201,
          }),
      }),
    );
    await user.click(
      await screen.findByRole('button', { name: 'Resend delivery 41 (customer.created)' }),
    );
    expect(await screen.findByText('Delivery queued again')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/webhooks/deliveries/41/resend')).toHaveLength(1);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'failed');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Event' }), 'server.down');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Endpoint' }), '2');
    await waitFor(() => {
      const query = requestsTo(fetchMock, 'GET /api/v1/webhooks/deliveries').at(-1)!.query;
      expect(Object.fromEntries(query)).toMatchObject({
        status: 'failed',
        event_type: 'server.down',
        endpoint_id: '2',
      });
    });
  });

  it('switches private targets on and off', async () => {
    const { user, fetchMock } = renderAdminPage(
      '/settings/webhooks',
      handlers({
        'PATCH /api/v1/webhooks/settings': () => jsonResponse({ allow_private_targets: true }),
      }),
    );
    const toggle = (await screen.findByRole('switch', {
      name: 'Allow private targets',
    })) as HTMLInputElement;
    await user.click(toggle);
    expect(await screen.findByText('Private targets allowed')).toBeTruthy();
    expect(requestsTo(fetchMock, 'PATCH /api/v1/webhooks/settings')[0]!.body).toEqual({
      allow_private_targets: true,
    });
    await waitFor(() => expect(toggle.checked).toBe(true));
  });
});
