import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ProvisionAccountResponse } from '@nextpanel/shared';
import { apiErrorResponse, jsonResponse, type MockHandler } from '@/testing/api-mocks';
import { makeCustomerDetails, makeLicense, makeServer } from '@/testing/fixtures';
import { renderAdminPage, requestsTo } from '@/testing/test-utils';

const servers = [
  makeServer({
    id: 1,
    name: 'Production Server 1',
    current_accounts: 5,
    capacity: 100,
    location: 'US-East',
  }),
  makeServer({
    id: 2,
    name: 'Backup Server',
    base_url: 'http://localhost:3999',
    is_online: false,
    current_accounts: 0,
    capacity: 10,
    location: null,
    last_error: 'could not be reached (connection refused)',
  }),
  makeServer({ id: 3, name: 'Full Server', current_accounts: 10, capacity: 10, location: 'EU' }),
];

const customer = makeCustomerDetails({
  full_name: 'John Doe',
  licenses: [
    makeLicense({ id: 7, license_key: 'NP-7KQ2-M9XH-T4WC' }),
    makeLicense({ id: 6, license_key: 'NP-OLD0-0000-0000', status: 'cancelled' }),
  ],
  accounts: [],
});

const created: ProvisionAccountResponse = {
  success: true,
  account_id: 123,
  server_name: 'Production Server 1',
  server_url: 'http://localhost:3000',
  nextpanel_user_id: 456,
  username: 'johndoe',
};

function renderProvision(provision: MockHandler) {
  return renderAdminPage('/customers/2/provision', {
    'GET /api/v1/customers/2': () => jsonResponse(customer),
    'GET /api/v1/nextpanel/servers': () => jsonResponse(servers),
    'POST /api/v1/nextpanel/provision': provision,
  });
}

describe('provision account', () => {
  it('validates the username as the API does', async () => {
    const { user, fetchMock } = renderProvision(() => jsonResponse(created, { status: 201 }));

    const username = await screen.findByLabelText('Username');
    expect((username as HTMLInputElement).value).toBe('johndoe');
    await user.clear(username);
    await user.type(username, 'John_Doe');
    await user.type(screen.getByLabelText('Password'), 'SecurePass123');
    await user.click(screen.getByRole('button', { name: 'Provision account' }));

    expect(
      await screen.findByText(
        'Username must be 3 to 16 lower-case letters or digits, starting with a letter.',
      ),
    ).toBeTruthy();
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(requestsTo(fetchMock, 'POST /api/v1/nextpanel/provision')).toHaveLength(0);
  });

  it('generates a password with the browser’s CSPRNG and rates its strength', async () => {
    const { user } = renderProvision(() => jsonResponse(created, { status: 201 }));
    const password = (await screen.findByLabelText('Password')) as HTMLInputElement;
    const meter = screen.getByRole('meter', { name: 'Password strength' });

    await user.type(password, 'abc');
    expect(meter.getAttribute('aria-valuetext')).toBe('Too weak');
    expect(
      screen.getByText('Still needs at least 8 characters, an upper-case letter, a digit.'),
    ).toBeTruthy();

    const random = vi.spyOn(crypto, 'getRandomValues');
    await user.click(screen.getByRole('button', { name: 'Generate' }));

    expect(random).toHaveBeenCalled();
    expect(password.value).toHaveLength(16);
    expect(password.value).toMatch(/[a-z]/);
    expect(password.value).toMatch(/[A-Z]/);
    expect(password.value).toMatch(/\d/);
    expect(password.type).toBe('text');
    expect(meter.getAttribute('aria-valuetext')).toBe('Strong');
    expect(screen.getByText('Meets the password rule.')).toBeTruthy();
  });

  it('offers automatic placement first and each server with its free slots', async () => {
    renderProvision(() => jsonResponse(created, { status: 201 }));

    const select = (await screen.findByRole('combobox', { name: 'Server' })) as HTMLSelectElement;
    await screen.findByRole('option', { name: /Production Server 1/ });
    const options = within(select).getAllByRole('option') as HTMLOptionElement[];
    expect(options.map((option) => option.textContent)).toEqual([
      'Automatic (least used)',
      'Production Server 1 — 95 free slots · US-East',
      'Backup Server — 10 free slots · offline',
      'Full Server — 0 free slots · EU · full',
    ]);
    expect(select.value).toBe('');
    expect(options[3]!.disabled).toBe(true);
    expect(options[2]!.disabled).toBe(false);

    const license = screen.getByRole('combobox', { name: 'License' }) as HTMLSelectElement;
    expect(
      within(license)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['No license', 'NP-7KQ2-M9XH-T4WC — Professional Hosting (monthly)']);
    expect(license.value).toBe('7');
  });

  it('provisions on the least used server and shows where and how to sign in', async () => {
    const { user, fetchMock } = renderProvision(() => jsonResponse(created, { status: 201 }));

    await user.type(await screen.findByLabelText('Password'), 'TempHosting123!');
    await user.click(screen.getByRole('button', { name: 'Provision account' }));

    expect(await screen.findByRole('heading', { name: 'Hosting account created' })).toBeTruthy();
    const result = screen.getByRole('region', { name: 'Hosting account created' });
    expect(within(result).getByText('Production Server 1', { selector: 'dd' })).toBeTruthy();
    expect(
      within(result).getByRole('link', { name: 'http://localhost:3000' }).getAttribute('href'),
    ).toBe('http://localhost:3000');
    expect(within(result).getByText('johndoe', { selector: 'span' })).toBeTruthy();
    expect(within(result).getByText('456')).toBeTruthy();
    expect(screen.getByText('Hosting account created', { selector: 'p' })).toBeTruthy();

    expect(requestsTo(fetchMock, 'POST /api/v1/nextpanel/provision')[0]?.body).toEqual({
      customer_id: 2,
      username: 'johndoe',
      email: 'john@acme.com',
      password: 'TempHosting123!',
      full_name: 'John Doe',
      phone: '+1234567890',
      company: 'Acme Inc',
      license_id: 7,
    });
  });

  it('sends the server the admin chose', async () => {
    const { user, fetchMock } = renderProvision(() =>
      jsonResponse({ ...created, server_name: 'Backup Server' }, { status: 201 }),
    );

    await screen.findByRole('option', { name: /Backup Server/ });
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Server' }),
      'Backup Server — 10 free slots · offline',
    );
    expect(
      screen.getByText('could not be reached (connection refused)', { exact: false }),
    ).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'License' }), 'No license');
    await user.type(screen.getByLabelText('Password'), 'TempHosting123!');
    await user.click(screen.getByRole('button', { name: 'Provision account' }));

    await screen.findByRole('heading', { name: 'Hosting account created' });
    const body = requestsTo(fetchMock, 'POST /api/v1/nextpanel/provision')[0]?.body as Record<
      string,
      unknown
    >;
    expect(body.server_id).toBe(2);
    expect(body).not.toHaveProperty('license_id');
  });

  it('shows the panel’s reason on a 502 and keeps the form filled in', async () => {
    const { user } = renderProvision(() =>
      apiErrorResponse(502, {
        message:
          'Server "Backup Server" could not be reached (connection refused) while creating the account',
        code: 'PANEL_UNAVAILABLE',
        request_id: 'req-1',
      }),
    );

    await screen.findByRole('option', { name: /Backup Server/ });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Server' }), '2');
    await user.type(screen.getByLabelText('Password'), 'TempHosting123!');
    await user.click(screen.getByRole('button', { name: 'Provision account' }));

    const banner = await screen.findByText('The panel could not create the account');
    const alert = banner.closest('[role="alert"]') as HTMLElement;
    expect(
      within(alert).getByText(
        'Server "Backup Server" could not be reached (connection refused) while creating the account',
      ),
    ).toBeTruthy();
    expect(within(alert).getByText(/recorded as a failed account/)).toBeTruthy();
    expect(screen.getByText('Provisioning failed')).toBeTruthy();

    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('johndoe');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('TempHosting123!');
    expect((screen.getByRole('combobox', { name: 'Server' }) as HTMLSelectElement).value).toBe('2');
    expect(screen.queryByRole('heading', { name: 'Hosting account created' })).toBeNull();
  });

  it('puts a taken username and a full server on their fields', async () => {
    let attempt = 0;
    const { user } = renderProvision(() =>
      ++attempt === 1
        ? apiErrorResponse(409, {
            message: 'Username "johndoe" already exists',
            code: 'USERNAME_TAKEN',
          })
        : apiErrorResponse(409, {
            message: 'No available servers: no active, online server has free capacity',
            code: 'NO_AVAILABLE_SERVER',
          }),
    );

    await user.type(await screen.findByLabelText('Password'), 'TempHosting123!');
    await user.click(screen.getByRole('button', { name: 'Provision account' }));
    expect(await screen.findByText('Username "johndoe" already exists')).toBeTruthy();
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');

    await user.clear(screen.getByLabelText('Username'));
    await user.type(screen.getByLabelText('Username'), 'johndoe2');
    await user.click(screen.getByRole('button', { name: 'Provision account' }));
    expect(
      await screen.findByText('No available servers: no active, online server has free capacity'),
    ).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Server' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
  });

  it('still offers automatic placement when the server list fails', async () => {
    renderAdminPage('/customers/2/provision', {
      'GET /api/v1/customers/2': () => jsonResponse(customer),
      'GET /api/v1/nextpanel/servers': () => apiErrorResponse(500, { message: 'boom' }),
    });
    expect(await screen.findByText(/Could not load the server list/)).toBeTruthy();
    expect(screen.getByRole('option', { name: 'Automatic (least used)' })).toBeTruthy();
  });
});
