import { expect, test } from '@playwright/test';
import type {
  CustomerResponse,
  LicenseResponse,
  PlanResponse,
  ProvisionAccountResponse,
  ServerResponse,
} from '@nextpanel/shared';
import { SIM_CREDENTIALS } from './stack';
import { adminApi, signIn, simUrl, snap, uniqueSuffix } from './support';

/**
 * The account lifecycle in the browser, against the real API and simulator: suspend an account
 * with a reason, see it in the account's history (state change and lifecycle action), unsuspend.
 */
test('suspending an account shows in its history, and unsuspending brings it back', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(60_000);
  const suffix = uniqueSuffix();
  const username = `life${suffix}`.slice(0, 16);
  const api = await adminApi(request);
  const server = await api.post<ServerResponse>('/nextpanel/servers', {
    name: `Lifecycle Server ${suffix}`,
    base_url: simUrl(),
    api_key: SIM_CREDENTIALS.apiKey,
    api_secret: SIM_CREDENTIALS.apiSecret,
    capacity: 10,
  });
  const customer = await api.post<CustomerResponse>('/customers', {
    email: `life.${suffix}@example.com`,
    full_name: `Lifecycle Customer ${suffix}`,
    password: 'SecurePassword123!',
    is_active: true,
  });
  const plans = await api.get<PlanResponse[]>('/plans');
  const plan = plans.find((candidate) => candidate.is_active && candidate.nextpanel_package_id);
  expect(plan, 'a seeded plan on sale').toBeTruthy();
  const license = await api.post<LicenseResponse>(`/customers/${customer.id}/licenses`, {
    plan_id: plan?.id,
    billing_cycle: 'monthly',
  });
  await api.post<ProvisionAccountResponse>('/nextpanel/provision', {
    customer_id: customer.id,
    username,
    password: 'TempHosting123!',
    server_id: server.id,
    license_id: license.id,
  });

  await signIn(page);
  await page.goto(`/customers/${customer.id}`);
  const accounts = page.getByRole('table', { name: 'Hosting accounts' });
  const row = accounts.getByRole('row').filter({ hasText: username }).first();
  await expect(row.getByText('Active')).toBeVisible();

  await test.step('suspend with a reason, as an admin hold', async () => {
    await row.getByRole('button', { name: `Suspend ${username}` }).click();
    const dialog = page.getByRole('dialog', { name: `Suspend ${username}?` });
    await dialog.getByLabel('Reason', { exact: true }).fill('Abuse report #42');
    await expect(dialog.getByRole('combobox', { name: 'Reason kind' })).toHaveValue('admin');
    await dialog.getByRole('checkbox', { name: 'Notify customer' }).uncheck();
    await snap(page, testInfo, 'lifecycle-01-suspend-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Suspend account' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Account suspended')).toBeVisible();
    await expect(row.getByText('Suspended')).toBeVisible();
    await expect(row.getByText('Admin hold')).toBeVisible();
  });

  await test.step('the history shows who suspended it, why, and the action', async () => {
    await row.getByRole('button', { name: `Details of ${username}` }).click();
    const timeline = page.getByRole('list', { name: `State history of ${username}` });
    const latest = timeline.getByRole('listitem').first();
    await expect(latest.getByText('Active → Suspended')).toBeVisible();
    await expect(latest.getByText(/^By Admin #\d+$/)).toBeVisible();
    await expect(latest.getByText('Abuse report #42')).toBeVisible();
    const actions = page.getByRole('table', { name: 'Lifecycle actions' });
    const suspend = actions.getByRole('row').filter({ hasText: 'Suspend' }).first();
    await expect(suspend.getByText('Succeeded')).toBeVisible();
    await snap(page, testInfo, 'lifecycle-02-history');
  });

  await test.step('change plan shows the new quotas next to the current ones', async () => {
    const other = plans.find((candidate) => candidate.is_active && candidate.id !== plan?.id);
    expect(other, 'a second plan on sale').toBeTruthy();
    await page.getByRole('button', { name: `Change the plan of ${username}` }).click();
    const dialog = page.getByRole('dialog', { name: `Change the plan of ${username}` });
    await dialog.getByRole('combobox', { name: 'New plan' }).selectOption({ label: other?.name });
    const databases = dialog.getByRole('row', { name: /Databases/ });
    await expect(databases.getByRole('cell').first()).toHaveText(String(plan?.max_databases));
    await expect(databases.getByRole('cell').nth(1)).toContainText(String(other?.max_databases));
    await snap(page, testInfo, 'lifecycle-03-change-plan', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('unsuspend: active again, and the history grows', async () => {
    await row.getByRole('button', { name: `Unsuspend ${username}` }).click();
    const dialog = page.getByRole('dialog', { name: `Unsuspend ${username}?` });
    await dialog.getByRole('button', { name: 'Unsuspend account' }).click();
    await expect(page.getByText('Account unsuspended')).toBeVisible();
    await expect(row.getByText('Active')).toBeVisible();
    const timeline = page.getByRole('list', { name: `State history of ${username}` });
    await expect(
      timeline.getByRole('listitem').first().getByText('Suspended → Active'),
    ).toBeVisible();
    await snap(page, testInfo, 'lifecycle-04-unsuspended');
  });
});
