import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntryResponse } from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse } from '@/testing/api-mocks';
import { makeCustomerDetails, page } from '@/testing/fixtures';
import { currentUrl, renderAdminPage, requestsTo } from '@/testing/test-utils';

// The first render of a lazy route compiles its modules; on a busy machine (several test runners
// at once) that can outlast even 4 s.
configure({ asyncUtilTimeout: 10_000 });

function makeEntry(overrides: Partial<AuditEntryResponse> = {}): AuditEntryResponse {
  return {
    id: '12',
    occurred_at: '2026-11-26T10:00:00.000Z',
    actor_type: 'admin',
    actor_id: '1',
    actor_label: 'admin@test.com',
    action: 'customer.update',
    entity_type: 'customer',
    entity_id: '2',
    before: {
      id: 2,
      full_name: 'John Doe',
      phone: null,
      is_active: true,
      updated_at: '2026-11-20T10:00:00.000Z',
    },
    after: {
      id: 2,
      full_name: 'John Q. Doe',
      phone: null,
      is_active: true,
      updated_at: '2026-11-26T10:00:00.000Z',
      password: '[redacted]',
    },
    ip: '203.0.113.9',
    request_id: 'req-abc-123',
    ...overrides,
  };
}

const update = makeEntry();
const offline = makeEntry({
  id: '11',
  actor_type: 'system',
  actor_id: null,
  actor_label: 'servers.health-check',
  action: 'server.offline',
  entity_type: 'server',
  entity_id: '1',
  before: { is_online: true },
  after: { is_online: false },
  ip: null,
  request_id: null,
});
const created = makeEntry({
  id: '10',
  action: 'plan.create',
  entity_type: 'plan',
  entity_id: '3f0c1c52-8a47-4bb8-9d5e-0d2b8f1e6a10',
  before: null,
  after: { name: 'Starter', price_monthly: 4.99 },
});

/** Text in the log itself, not the same words among the Action filter's options. */
const findInLog = (text: string) => screen.findByText(text, { ignore: 'option, script, style' });

const lastQuery = (fetchMock: Parameters<typeof requestsTo>[0]) =>
  Object.fromEntries(requestsTo(fetchMock, 'GET /api/v1/audit-log').at(-1)!.query);

describe('audit log page', () => {
  it('lists who did what, when and from where, and opens a change as a diff', async () => {
    const { user } = renderAdminPage('/audit-log', {
      'GET /api/v1/audit-log': () => jsonResponse(page([update, offline, created])),
    });

    await findInLog('Customer updated');
    const table = screen.getByRole('table', { name: 'Audit log' });
    const updateRow = within(table).getByText('Customer updated').closest('tr')!;
    expect(within(updateRow).getByText('admin@test.com')).toBeTruthy();
    expect(within(updateRow).getByText('Admin')).toBeTruthy();
    expect(within(updateRow).getByText('customer.update')).toBeTruthy();
    expect(within(updateRow).getByText('203.0.113.9')).toBeTruthy();
    expect(within(updateRow).getByRole('link', { name: 'Customer #2' }).getAttribute('href')).toBe(
      '/customers/2',
    );

    const offlineRow = within(table).getByText('Server went offline').closest('tr')!;
    expect(within(offlineRow).getByText('servers.health-check')).toBeTruthy();
    expect(within(offlineRow).getByText('Automation')).toBeTruthy();
    expect(within(offlineRow).getByText('—')).toBeTruthy();

    const toggle = within(updateRow).getByRole('button', { name: /^Show changes of/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const details = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(
      within(details).getByText('3 fields changed: full_name, updated_at, password.'),
    ).toBeTruthy();
    const diff = within(details).getByRole('table', { name: 'Before and after' });
    const nameRow = within(diff)
      .getByRole('rowheader', { name: /full_name/ })
      .closest('tr')!;
    expect(nameRow.getAttribute('data-changed')).toBe('true');
    expect(within(nameRow).getByText('John Doe')).toBeTruthy();
    expect(within(nameRow).getByText('John Q. Doe')).toBeTruthy();
    expect(within(nameRow).getByText('(changed)')).toBeTruthy();
    const phoneRow = within(diff).getByRole('rowheader', { name: 'phone' }).closest('tr')!;
    expect(phoneRow.getAttribute('data-changed')).toBeNull();
    expect(within(phoneRow).getAllByText('empty')).toHaveLength(2);
    // A secret is shown as hidden, never as the marker text.
    const passwordRow = within(diff)
      .getByRole('rowheader', { name: /password/ })
      .closest('tr')!;
    expect(within(passwordRow).getByText('hidden')).toBeTruthy();
    expect(within(passwordRow).getByLabelText('not present')).toBeTruthy();
    expect(within(details).getByText('req-abc-123')).toBeTruthy();

    await user.click(within(updateRow).getByRole('button', { name: /^Hide changes of/ }));
    expect(screen.queryByRole('table', { name: 'Before and after' })).toBeNull();

    const createdRow = within(table).getByText('Plan created').closest('tr')!;
    // Plans have no page of their own: the entity is plain text.
    expect(within(createdRow).queryByRole('link')).toBeNull();
    await user.click(within(createdRow).getByRole('button', { name: /^Show changes of/ }));
    expect(screen.getByText('Created with these values.')).toBeTruthy();
  });

  it('sends the filters to the API and keeps them in the URL', async () => {
    const { user, fetchMock, router } = renderAdminPage('/audit-log', {
      'GET /api/v1/audit-log': () => jsonResponse(page([update])),
    });
    await findInLog('Customer updated');
    expect(lastQuery(fetchMock)).toEqual({ page: '1', page_size: '20' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Actor type' }), 'system');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'server.');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Entity' }), 'server');
    await user.type(screen.getByRole('searchbox', { name: 'Actor' }), 'health');
    await user.type(screen.getByRole('textbox', { name: 'Entity ID' }), '7');
    await waitFor(() =>
      expect(lastQuery(fetchMock)).toMatchObject({ actor: 'health', entity_id: '7' }),
    );
    expect(lastQuery(fetchMock)).toMatchObject({
      actor_type: 'system',
      action: 'server.',
      entity_type: 'server',
    });
    // Typing is sent once per pause, not once per key: no request asked for "h", "he", ...
    expect(
      new Set(
        requestsTo(fetchMock, 'GET /api/v1/audit-log')
          .filter((r) => r.query.has('actor'))
          .map((r) => r.query.get('actor')),
      ),
    ).toEqual(new Set(['health']));

    await user.type(screen.getByLabelText('From'), '2026-11-01');
    await user.type(screen.getByLabelText('To'), '2026-11-30');
    await waitFor(() => expect(lastQuery(fetchMock).to).toBeDefined());
    // Whole local days: from the first day's midnight up to (not including) the day after the last.
    expect(lastQuery(fetchMock).from).toBe(new Date(2026, 10, 1).toISOString());
    expect(lastQuery(fetchMock).to).toBe(new Date(2026, 11, 1).toISOString());
    expect(currentUrl(router)).toContain('from=2026-11-01');
    expect(currentUrl(router)).toContain('actor_type=system');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    // (The unfiltered list is still cached from the first visit: no new request needed.)
    await waitFor(() => expect(currentUrl(router)).toBe('/audit-log'));
    expect((screen.getByRole('searchbox', { name: 'Actor' }) as HTMLInputElement).value).toBe('');
    expect((screen.getByRole('combobox', { name: 'Action' }) as HTMLSelectElement).value).toBe('');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('opens filtered by a link, and says when nothing matches', async () => {
    const { user, fetchMock } = renderAdminPage('/audit-log?entity_type=customer&entity_id=7', {
      'GET /api/v1/audit-log': (request) =>
        jsonResponse(request.url.searchParams.has('entity_id') ? page([]) : page([update])),
    });
    expect(await screen.findByText('No changes match these filters')).toBeTruthy();
    expect(lastQuery(fetchMock)).toMatchObject({ entity_type: 'customer', entity_id: '7' });
    expect((screen.getByRole('textbox', { name: 'Entity ID' }) as HTMLInputElement).value).toBe(
      '7',
    );

    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    await user.click(clear.at(-1)!);
    expect(await findInLog('Customer updated')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Entity ID' }) as HTMLInputElement).value).toBe('');
  });

  it('ignores filters in the URL the API would refuse', async () => {
    const { fetchMock } = renderAdminPage(
      '/audit-log?actor_type=robot&action=Bad%20Action&entity_type=Customer&from=yesterday&page=2',
      { 'GET /api/v1/audit-log': () => jsonResponse(page([update], { page: 2, total: 25 })) },
    );
    await findInLog('Customer updated');
    expect(lastQuery(fetchMock)).toEqual({ page: '2', page_size: '20' });
  });

  it('pages through the log', async () => {
    const { user, fetchMock } = renderAdminPage('/audit-log', {
      'GET /api/v1/audit-log': (request) =>
        jsonResponse(
          page([request.url.searchParams.get('page') === '2' ? offline : update], { total: 25 }),
        ),
    });
    await findInLog('Customer updated');
    await user.click(screen.getByRole('button', { name: /next/i }));
    expect(await findInLog('Server went offline')).toBeTruthy();
    expect(lastQuery(fetchMock).page).toBe('2');
  });

  it('says when nothing has been recorded yet', async () => {
    renderAdminPage('/audit-log', { 'GET /api/v1/audit-log': () => jsonResponse(page([])) });
    expect(await screen.findByText('Nothing recorded yet')).toBeTruthy();
  });

  it('offers a retry when the log cannot be loaded', async () => {
    let calls = 0;
    const { user } = renderAdminPage('/audit-log', {
      'GET /api/v1/audit-log': () =>
        ++calls === 1
          ? apiErrorResponse(500, { message: 'Something went wrong' })
          : jsonResponse(page([update])),
    });
    expect(await screen.findByText('Could not load the audit log')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /try again|retry/i }));
    expect(await findInLog('Customer updated')).toBeTruthy();
  });

  it('is linked from the sidebar and from a customer’s page as their history', async () => {
    const { user, router } = renderAdminPage('/customers/2', {
      'GET /api/v1/customers/2': () => jsonResponse(makeCustomerDetails()),
      'GET /api/v1/audit-log': () => jsonResponse(page([update])),
    });
    expect((await screen.findByRole('link', { name: 'Audit log' })).getAttribute('href')).toBe(
      '/audit-log',
    );
    await user.click(await screen.findByRole('link', { name: 'History of customer John Doe' }));
    await findInLog('Customer updated');
    expect(currentUrl(router)).toBe('/audit-log?entity_type=customer&entity_id=2');
  });
});
