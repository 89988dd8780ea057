import { expect, test } from '@playwright/test';
import { SIM_CREDENTIALS } from './stack';
import { signIn, simUrl, snap, uniqueSuffix } from './support';

/**
 * The provisioning guide, step by step, in the browser: add a server with Test Connection, add
 * a customer, add a product, provision an account, and see it on the customer's page and in the
 * server's utilisation.
 */
test('walks the provisioning guide from an empty install to a hosting account', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  const suffix = uniqueSuffix();
  const serverName = `Production Server ${suffix}`;
  const customerEmail = `john.${suffix}@example.com`;
  const username = `john${suffix}`.slice(0, 16);

  await test.step('log in and open the dashboard', async () => {
    await signIn(page);
    await page.waitForLoadState('networkidle');
    await snap(page, testInfo, '01-dashboard');
  });

  await test.step('Dashboard → Server → Add Server, with Test Connection', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Servers' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Servers' })).toBeVisible();
    await page.getByRole('link', { name: 'Add server' }).first().click();

    await page.getByLabel('Server name').fill(serverName);
    await page.getByLabel('Description').fill('Main hosting server');
    await page.getByLabel('Base URL').fill(simUrl());
    await page.getByLabel('API key').fill(SIM_CREDENTIALS.apiKey);
    await page.getByLabel('API secret', { exact: true }).fill(SIM_CREDENTIALS.apiSecret);
    await page.getByLabel('Capacity').fill('100');
    await page.getByLabel('Location').fill('US-East');

    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText('Connection successful! Server is online.')).toBeVisible();
    await snap(page, testInfo, '02-add-server-test-connection');

    await page.getByRole('button', { name: 'Add server' }).click();
    await expect(page).toHaveURL(/\/servers$/);
    await expect(page.getByText('Server added')).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: serverName });
    await expect(row.getByText('Online')).toBeVisible();
    await expect(row.getByRole('meter', { name: `${serverName} utilisation` })).toHaveAttribute(
      'aria-valuenow',
      '0',
    );
    await snap(page, testInfo, '03-servers-list');
  });

  await test.step('Customers → Add Customer', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Customers' })
      .click();
    await page.getByRole('link', { name: 'Add customer' }).first().click();
    await page.getByLabel('Full name').fill('John Doe');
    await page.getByLabel('Email').fill(customerEmail);
    await page.getByLabel('Company').fill('Acme Inc');
    await page.getByLabel('Password', { exact: true }).fill('SecurePassword123!');
    await expect(page.getByRole('meter', { name: 'Password strength' })).toHaveAttribute(
      'aria-valuetext',
      'Strong',
    );
    await snap(page, testInfo, '04-add-customer');
    await page.getByRole('button', { name: 'Create customer' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'John Doe' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No products yet' })).toBeVisible();
  });

  await test.step('View Details → Add Product', async () => {
    // Back through the list, the way the guide's option B finds a customer.
    await page
      .getByRole('navigation', { name: 'Breadcrumb' })
      .getByRole('link', { name: 'Customers' })
      .click();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill(customerEmail);
    await page.getByRole('link', { name: 'View details of John Doe' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'John Doe' })).toBeVisible();

    await page.getByRole('button', { name: 'Add product' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add product' });
    await dialog.getByRole('radio', { name: 'Professional Hosting' }).check();
    await dialog.getByRole('radio', { name: 'Monthly' }).check();
    await snap(page, testInfo, '05-add-product', { fullPage: false });
    await dialog.getByRole('button', { name: 'Add product' }).click();

    await expect(dialog).toBeHidden();
    const licenses = page.getByRole('table', { name: 'Licenses of John Doe' });
    await expect(licenses.getByText(/^NP-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)).toBeVisible();
    await expect(licenses.getByText('Professional Hosting')).toBeVisible();
    await expect(licenses.getByText('$14.99 / month')).toBeVisible();
  });

  await test.step('Provision Account (the guide’s missing UI)', async () => {
    await page.getByRole('link', { name: 'Provision account' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Provision account' })).toBeVisible();
    await page.getByLabel('Username').fill(username);
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('meter', { name: 'Password strength' })).toHaveAttribute(
      'aria-valuetext',
      'Strong',
    );
    const server = page.getByRole('combobox', { name: 'Server' });
    await expect(server).toHaveValue('');
    await expect(server.getByRole('option', { name: 'Automatic (least used)' })).toBeAttached();
    // Other tests add servers of their own; choose ours, as the guide's curl does with server_id.
    await server.selectOption({ label: `${serverName} — 100 free slots · US-East` });
    await snap(page, testInfo, '06-provision-form');
    await page.getByRole('button', { name: 'Provision account' }).click();

    const result = page.getByRole('region', { name: 'Hosting account created' });
    await expect(result).toBeVisible();
    const details = result.getByRole('definition');
    await expect(details.filter({ hasText: serverName })).toHaveText(serverName);
    await expect(result.getByRole('link', { name: simUrl() })).toBeVisible();
    await expect(details.filter({ hasText: username })).toHaveText(username);
    // Panel user id and billing account id are numbers.
    await expect(details.filter({ hasText: /^\d+$/ })).toHaveCount(2);
    await snap(page, testInfo, '07-provision-result');
  });

  await test.step('see the account in the customer’s details', async () => {
    await page.getByRole('link', { name: 'Back to customer' }).click();
    const accounts = page.getByRole('table', { name: 'Hosting accounts' });
    const row = accounts.getByRole('row').filter({ hasText: username });
    await expect(row.getByText('Active')).toBeVisible();
    await expect(row.getByText(serverName)).toBeVisible();
    await expect(row.getByText(/^NP-/)).toBeVisible();
    await snap(page, testInfo, '08-customer-details');

    await row.getByRole('button', { name: `Usage of ${username}` }).click();
    const usage = page.getByRole('dialog', { name: `Usage of ${username}` });
    await expect(usage.getByRole('meter', { name: 'Domains used' })).toBeVisible();
    await snap(page, testInfo, '09-account-usage', { fullPage: false });
    await usage.getByRole('button', { name: 'Close' }).first().click();
  });

  await test.step('the server’s utilisation went up', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Servers' })
      .click();
    const row = page.getByRole('row').filter({ hasText: serverName });
    await expect(row.getByRole('meter', { name: `${serverName} utilisation` })).toHaveAttribute(
      'aria-valuenow',
      '1',
    );
    await expect(row.getByText('1 / 100')).toBeVisible();
    await snap(page, testInfo, '10-servers-after');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await expect(
      page
        .getByRole('list', { name: 'Recent provisioning activity' })
        .getByText(`${username} provisioned on ${serverName}`),
    ).toBeVisible();
    await snap(page, testInfo, '11-dashboard-after');
  });
});
