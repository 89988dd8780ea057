import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiKeyResponse, CreatedApiKeyResponse } from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse } from '@/testing/api-mocks';
import { emptyInstallHandlers } from '@/testing/fixtures';
import { currentUrl, renderAdminPage, requestsTo } from '@/testing/test-utils';

const SECRET = 'nbk_Xy12ab9QhT3vN8pLr4sWq0eZk7mC5dFg1uJ6oYb2iAx';

function makeApiKey(overrides: Partial<ApiKeyResponse> = {}): ApiKeyResponse {
  return {
    id: 3,
    name: 'Billing sync',
    key_prefix: 'nbk_Xy12ab9Q',
    scopes: ['customers:read', 'provisioning:write'],
    status: 'active',
    expires_at: null,
    revoked_at: null,
    last_used_at: '2026-11-20T10:00:00.000Z',
    last_used_ip: '203.0.113.9',
    created_by: 'admin@test.com',
    created_at: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

const active = makeApiKey();
const revoked = makeApiKey({
  id: 2,
  name: 'Old CRM import',
  key_prefix: 'nbk_Old00000',
  scopes: ['customers:write'],
  status: 'revoked',
  revoked_at: '2026-11-10T09:00:00.000Z',
  last_used_at: null,
  last_used_ip: null,
});

describe('API keys page', () => {
  it('is reachable from the sidebar and lists keys with prefix, scopes, last use and status', async () => {
    const { user, router } = renderAdminPage('/', {
      ...emptyInstallHandlers(),
      'GET /api/v1/api-keys': () => jsonResponse([active, revoked]),
    });

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'API keys' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'API keys' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/settings/api-keys');

    await screen.findByText('Billing sync');
    const table = screen.getByRole('table', { name: 'API keys' });
    const activeRow = within(table).getByText('Billing sync').closest('tr')!;
    expect(within(activeRow).getByText('nbk_Xy12ab9Q…')).toBeTruthy();
    const scopes = within(activeRow).getByRole('list', { name: 'Scopes of Billing sync' });
    expect(
      within(scopes)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['customers:read', 'provisioning:write']);
    expect(within(activeRow).getByText('203.0.113.9')).toBeTruthy();
    expect(within(activeRow).getByText('admin@test.com')).toBeTruthy();
    expect(within(activeRow).getByText('Never')).toBeTruthy();
    expect(within(activeRow).getByText('Active')).toBeTruthy();
    expect(within(activeRow).getByRole('button', { name: 'Revoke Billing sync' })).toBeTruthy();

    const revokedRow = within(table).getByText('Old CRM import').closest('tr')!;
    expect(within(revokedRow).getByText('Revoked')).toBeTruthy();
    expect(within(revokedRow).getByText('Never used')).toBeTruthy();
    expect(within(revokedRow).queryByRole('button')).toBeNull();
    expect(screen.getByText('2 keys, 1 active')).toBeTruthy();
  });

  it('shows an empty state, and an error state with retry', async () => {
    let fail = true;
    const { user } = renderAdminPage('/settings/api-keys', {
      'GET /api/v1/api-keys': () =>
        fail ? apiErrorResponse(500, { message: 'Database unavailable' }) : jsonResponse([]),
    });
    expect(await screen.findByText('Could not load API keys')).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: /try again/i }));
    expect(await screen.findByRole('heading', { name: 'No API keys yet' })).toBeTruthy();
  });

  it('creates a key with the chosen scopes and expiry and shows its secret once', async () => {
    let keys: ApiKeyResponse[] = [];
    const created: CreatedApiKeyResponse = {
      ...makeApiKey({ id: 4, name: 'Provisioning bot', last_used_at: null, last_used_ip: null }),
      secret: SECRET,
    };
    const { user, fetchMock } = renderAdminPage('/settings/api-keys', {
      'GET /api/v1/api-keys': () => jsonResponse(keys),
      'POST /api/v1/api-keys': () => {
        const { secret: _secret, ...listed } = created;
        keys = [listed];
        return jsonResponse(created, { status: 201 });
      },
    });

    await user.click((await screen.findAllByRole('button', { name: 'Create API key' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Create API key' });

    // Nothing chosen: the form says what is missing and sends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(await within(dialog).findByText('Name the key after what will use it')).toBeTruthy();
    expect(within(dialog).getByText('Choose at least one scope')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/api-keys')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Name'), 'Provisioning bot');
    await user.click(within(dialog).getByRole('checkbox', { name: 'provisioning:write' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'customers:read' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Expires' }), '30');
    const before = Date.now();
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));

    const secretDialog = await screen.findByRole('dialog', { name: 'Provisioning bot is ready' });
    const [sent] = requestsTo(fetchMock, 'POST /api/v1/api-keys');
    const body = sent!.body as { name: string; scopes: string[]; expires_at: string };
    expect(body.name).toBe('Provisioning bot');
    expect(body.scopes).toEqual(['customers:read', 'provisioning:write']);
    const expiresIn = Date.parse(body.expires_at) - before;
    expect(expiresIn).toBeGreaterThan(29.9 * 86_400_000);
    expect(expiresIn).toBeLessThan(30.1 * 86_400_000);

    expect(within(secretDialog).getByText('Copy the key now')).toBeTruthy();
    expect(within(secretDialog).getByText(SECRET)).toBeTruthy();
    await user.click(within(secretDialog).getByRole('button', { name: 'Copy API key' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);

    await user.click(within(secretDialog).getByRole('button', { name: 'I have copied the key' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Provisioning bot')).toBeTruthy();
    // Gone for good: neither the list nor anything else on the page shows it again.
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('shows the API’s refusal on the field it is about', async () => {
    const { user } = renderAdminPage('/settings/api-keys', {
      'GET /api/v1/api-keys': () => jsonResponse([]),
      'POST /api/v1/api-keys': () =>
        apiErrorResponse(400, {
          message: 'name must be shorter than or equal to 100 characters',
          code: 'VALIDATION_FAILED',
          details: [
            { field: 'name', message: 'name must be shorter than or equal to 100 characters' },
          ],
        }),
    });
    await user.click((await screen.findAllByRole('button', { name: 'Create API key' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Create API key' });
    await user.type(within(dialog).getByLabelText('Name'), 'Reporting');
    await user.click(within(dialog).getByRole('button', { name: 'All read' }));
    expect(
      within(dialog).getByRole<HTMLInputElement>('checkbox', { name: 'audit:read' }).checked,
    ).toBe(true);
    expect(
      within(dialog).getByRole<HTMLInputElement>('checkbox', { name: 'customers:write' }).checked,
    ).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(
      await within(dialog).findByText('Name must be shorter than or equal to 100 characters'),
    ).toBeTruthy();
    expect(within(dialog).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
  });

  it('revokes a key after confirmation', async () => {
    let keys = [active];
    const { user, fetchMock } = renderAdminPage('/settings/api-keys', {
      'GET /api/v1/api-keys': () => jsonResponse(keys),
      'DELETE /api/v1/api-keys/3': () => {
        keys = [{ ...active, status: 'revoked', revoked_at: '2026-11-26T10:00:00.000Z' }];
        return jsonResponse(keys[0]);
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Revoke Billing sync' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke Billing sync?' });
    expect(within(dialog).getByText('nbk_Xy12ab9Q…')).toBeTruthy();
    expect(requestsTo(fetchMock, 'DELETE /api/v1/api-keys/3')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));

    expect(await screen.findByText('API key revoked')).toBeTruthy();
    expect(requestsTo(fetchMock, 'DELETE /api/v1/api-keys/3')).toHaveLength(1);
    const table = screen.getByRole('table', { name: 'API keys' });
    expect(await within(table).findByText('Revoked')).toBeTruthy();
    expect(within(table).queryByRole('button', { name: 'Revoke Billing sync' })).toBeNull();
  });
});
