import { expect, test } from '@playwright/test';
import { adminApi, signIn, snap, uniqueSuffix } from './support';

/**
 * The operations pages against the real API: an API key made through the API shows on the API
 * keys page, its creation on the audit log, and "Run now" on the automation page records a run.
 */
test('API keys, audit log, automation and webhooks pages show what the API did', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(60_000);
  const name = `Browser key ${uniqueSuffix()}`;
  const api = await adminApi(request);
  await api.post('/api-keys', { name, scopes: ['customers:read'] });

  await signIn(page);
  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(page.getByText(name)).toBeVisible();
  await snap(page, testInfo, 'ops-01-api-keys');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'api_key.create' }).first()).toBeVisible();
  await snap(page, testInfo, 'ops-02-audit-log');

  await page.getByRole('link', { name: 'Automation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Automation' })).toBeVisible();
  await page.getByRole('button', { name: 'Run now' }).click();
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: /Manual|Run now|manual/ })
      .first(),
  ).toBeVisible({
    timeout: 20_000,
  });
  await snap(page, testInfo, 'ops-03-automation');

  await page.getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  await snap(page, testInfo, 'ops-04-webhooks');
});
