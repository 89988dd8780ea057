import { expect, test } from '@playwright/test';
import type { CustomerResponse, ServerResponse } from '@nextpanel/shared';
import { SIM_CREDENTIALS } from './stack';
import { adminApi, closedPort, signIn, simUrl, snap, uniqueSuffix } from './support';

test('a failed Test Connection says why, before anything is saved', async ({ page }, testInfo) => {
  await signIn(page);
  await page.goto('/servers/new');
  await page.getByLabel('Server name').fill(`Wrong Secret ${uniqueSuffix()}`);
  await page.getByLabel('Base URL').fill(simUrl());
  await page.getByLabel('API key').fill(SIM_CREDENTIALS.apiKey);
  await page.getByLabel('API secret', { exact: true }).fill('nps_not_the_secret');
  await page.getByRole('button', { name: 'Test connection' }).click();

  const alert = page.getByRole('alert');
  await expect(alert.getByText('API key or secret refused')).toBeVisible();
  await expect(alert.getByText(/refused the API key and secret \(HTTP 401\)/)).toBeVisible();
  await expect(page).toHaveURL(/\/servers\/new$/);
  await snap(page, testInfo, 'test-connection-failed');

  // Fixing the secret makes the stale failure go away; the new test passes.
  await page.getByLabel('API secret', { exact: true }).fill(SIM_CREDENTIALS.apiSecret);
  await expect(alert).toBeHidden();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connection successful! Server is online.')).toBeVisible();
});

test('a failed provisioning shows the panel’s reason and keeps the form filled in', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(45_000);
  const suffix = uniqueSuffix();
  const api = await adminApi(request);
  const customer = await api.post<CustomerResponse>('/customers', {
    email: `fail.${suffix}@example.com`,
    full_name: `Failing Customer ${suffix}`,
    company_name: 'Broken Things Ltd',
    password: 'SecurePassword123!',
    is_active: true,
  });
  const deadServer = `Dead Server ${suffix}`;
  const dead = await api.post<ServerResponse>('/nextpanel/servers', {
    name: deadServer,
    base_url: `http://127.0.0.1:${await closedPort()}`,
    api_key: SIM_CREDENTIALS.apiKey,
    api_secret: SIM_CREDENTIALS.apiSecret,
    capacity: 10,
    location: 'Nowhere',
  });
  expect(dead.is_online).toBe(false);

  await signIn(page);

  await test.step('an offline server is shown as such', async () => {
    await page.goto('/servers');
    const row = page.getByRole('row').filter({ hasText: deadServer });
    await expect(row.getByText('Offline')).toBeVisible();
    await expect(row.getByText(/connection refused/)).toBeVisible();
    await snap(page, testInfo, 'servers-offline');
  });

  await test.step('provisioning on the dead server, chosen explicitly, fails with its reason', async () => {
    await page.goto(`/customers/${customer.id}/provision`);
    await page.getByLabel('Username').fill(`dead${suffix}`);
    await page.getByLabel('Password', { exact: true }).fill('TempHosting123!');
    await page
      .getByRole('combobox', { name: 'Server' })
      .selectOption({ label: `${deadServer} — 10 free slots · Nowhere · offline` });
    await page.getByRole('button', { name: 'Provision account' }).click();

    const banner = page
      .getByRole('alert')
      .filter({ hasText: 'The panel could not create the account' });
    await expect(banner).toBeVisible();
    await expect(
      banner.getByText(new RegExp(`Server "${deadServer}" could not be reached`)),
    ).toBeVisible();
    await expect(page.getByLabel('Username')).toHaveValue(`dead${suffix}`);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('TempHosting123!');
    await expect(page.getByRole('combobox', { name: 'Server' })).toHaveValue(String(dead.id));
    await snap(page, testInfo, 'provision-failed-unreachable');
  });

  await test.step('a panel answering 500 (simulator fault) is reported too', async () => {
    // A working server first (its health check must pass), then the panel starts failing.
    await api.post<ServerResponse>('/nextpanel/servers', {
      name: `Faulty Server ${suffix}`,
      base_url: simUrl(),
      api_key: SIM_CREDENTIALS.apiKey,
      api_secret: SIM_CREDENTIALS.apiSecret,
      capacity: 10,
    });
    await request.put(`${simUrl()}/__control/faults`, { data: { failure_rate: 1 } });
    try {
      await page.goto(`/customers/${customer.id}/provision`);
      await page.getByLabel('Username').fill(`err${suffix}`);
      await page.getByLabel('Password', { exact: true }).fill('TempHosting123!');
      await page.getByRole('button', { name: 'Provision account' }).click();
      const banner = page
        .getByRole('alert')
        .filter({ hasText: 'The panel could not create the account' });
      await expect(banner.getByText(/HTTP 500/)).toBeVisible();
      await snap(page, testInfo, 'provision-failed-panel-error');
    } finally {
      await request.delete(`${simUrl()}/__control/faults`);
    }
  });

  await test.step('the failed attempts are listed on the customer’s page and the dashboard', async () => {
    await page
      .getByRole('navigation', { name: 'Breadcrumb' })
      .getByRole('link', { name: customer.full_name })
      .click();
    const accounts = page.getByRole('table', { name: 'Hosting accounts' });
    await expect(
      accounts
        .getByRole('row')
        .filter({ hasText: `dead${suffix}` })
        .getByText('Failed'),
    ).toBeVisible();
    await snap(page, testInfo, 'customer-failed-accounts');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await expect(
      page.getByRole('list', { name: 'Needs attention' }).getByText(`${deadServer} is offline`),
    ).toBeVisible();
    await snap(page, testInfo, 'dashboard-attention');
  });
});
