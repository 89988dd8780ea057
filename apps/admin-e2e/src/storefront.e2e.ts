import { expect, test } from '@playwright/test';
import type { ServerResponse } from '@nextpanel/shared';
import { SIM_CREDENTIALS } from './stack';
import { adminApi, signIn, simUrl, snap, uniqueSuffix } from './support';

/**
 * The automated flow without Stripe keys (the embedded default): a visitor buys a plan on the
 * storefront, the order waits as pending, an admin marks it paid, the API's job worker creates
 * the license and the hosting account on the simulator, the customer sees both in /my, and the
 * welcome email waits in the outbox as held (no SMTP_URL).
 */
test('a visitor buys a plan, an admin marks it paid, and the customer gets a license and a hosting account', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const suffix = uniqueSuffix();
  const customerName = `Jane Store ${suffix}`;
  const customerEmail = `jane.store.${suffix}@example.com`;

  await test.step('an admin adds the simulator as a server (API)', async () => {
    const api = await adminApi(request);
    const server = await api.post<ServerResponse>('/nextpanel/servers', {
      name: `Store Server ${suffix}`,
      description: 'Simulator for storefront orders',
      base_url: simUrl(),
      api_key: SIM_CREDENTIALS.apiKey,
      api_secret: SIM_CREDENTIALS.apiSecret,
      capacity: 50,
      location: 'EU-West',
    });
    expect(server.is_online).toBe(true);
  });

  // Two browsers' worth of storage: the customer and the admin never share a session.
  const customerContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const shop = await customerContext.newPage();
  const admin = await adminContext.newPage();
  let orderId = '';

  try {
    await test.step('the visitor opens the store: plans, prices and the payments-off notice', async () => {
      await shop.goto('/store');
      await expect(
        shop.getByRole('heading', { level: 1, name: 'Hosting plans that grow with you' }),
      ).toBeVisible();
      await expect(shop.getByText('Online payment is not available yet')).toBeVisible();
      const professional = shop.getByRole('article', { name: 'Professional Hosting' });
      await expect(professional.getByText('$14.99')).toBeVisible();
      await snap(shop, testInfo, '01-store-monthly');

      await shop.getByRole('radio', { name: /Yearly/ }).check({ force: true });
      await expect(professional.getByText('$149.90')).toBeVisible();
      await snap(shop, testInfo, '02-store-yearly');
      await shop.getByRole('radio', { name: 'Monthly' }).check({ force: true });
      await professional
        .getByRole('link', { name: 'Buy now: Professional Hosting, monthly' })
        .click();
    });

    await test.step('registers on the checkout page (a field error first), then places the order', async () => {
      await expect(
        shop.getByRole('heading', { level: 1, name: 'Complete your order' }),
      ).toBeVisible();
      const form = shop.getByRole('form', { name: 'Create your account' });
      await form.getByLabel('Full name').fill(customerName);
      await form.getByLabel('Email').fill(customerEmail);
      await form.getByLabel('Company').fill('Store Test Ltd');
      await form.getByLabel('Password', { exact: true }).fill('weak');
      await form.getByRole('button', { name: 'Create account' }).click();
      await expect(form.getByText(/^Password must be 8 to 128 characters/)).toBeVisible();
      await snap(shop, testInfo, '03-checkout-register-error');

      await form.getByLabel('Password', { exact: true }).fill('StoreSecret123');
      await form.getByRole('button', { name: 'Create account' }).click();
      await expect(shop.getByText(`Signed in as ${customerName}`)).toBeVisible();
      await expect(shop.getByRole('button', { name: 'Place order' })).toBeFocused();
      await snap(shop, testInfo, '04-checkout-signed-in');

      await shop.getByRole('button', { name: 'Place order' }).click();
      await expect(shop).toHaveURL(/\/my\?checkout=recorded$/);
      await expect(shop.getByText('Order received — waiting for payment')).toBeVisible();
      const orders = shop.getByRole('table', { name: 'Your orders' });
      await expect(orders.getByText('Pending payment')).toBeVisible();
      orderId = (
        (await orders
          .getByText(/^#\d+$/)
          .first()
          .textContent()) ?? ''
      ).replace('#', '');
      expect(orderId).toMatch(/^\d+$/);
      await expect(shop.getByRole('heading', { name: 'No hosting accounts yet' })).toBeVisible();
      await snap(shop, testInfo, '05-my-pending');
    });

    await test.step('the admin opens Orders and marks the order as paid; it completes', async () => {
      await signIn(admin);
      await admin
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Orders' })
        .click();
      await expect(admin.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
      const row = admin
        .getByRole('row')
        .filter({ has: admin.getByRole('link', { name: `Order #${orderId}`, exact: true }) });
      await expect(row.getByText('Pending payment')).toBeVisible();
      await expect(row.getByRole('link', { name: customerName })).toBeVisible();
      await snap(admin, testInfo, '06-admin-orders-pending');

      await row.getByRole('button', { name: `Mark order #${orderId} as paid` }).click();
      const dialog = admin.getByRole('dialog', { name: `Mark order #${orderId} as paid?` });
      await expect(dialog).toBeVisible();
      await snap(admin, testInfo, '07-admin-mark-paid-confirm', { fullPage: false });
      await dialog.getByRole('button', { name: 'Mark as paid' }).click();
      await expect(admin.getByText(`Order #${orderId} marked as paid`)).toBeVisible();

      // The page follows orders being set up until the job worker finishes.
      await expect(row.getByText('Completed')).toBeVisible({ timeout: 30_000 });
      await snap(admin, testInfo, '08-admin-orders-completed');

      await row.getByRole('link', { name: `Order #${orderId}`, exact: true }).click();
      await expect(
        admin.getByRole('heading', { level: 1, name: `Order #${orderId}` }),
      ).toBeVisible();
      await expect(
        admin.getByText('License created, hosting account active, welcome email queued.'),
      ).toBeVisible();
      await expect(admin.getByText('Hosting account ready')).toBeVisible();
      await snap(admin, testInfo, '08b-admin-order-details');
    });

    await test.step('the customer signs out, signs in again, and /my shows the license key and the hosting account with its panel URL', async () => {
      await shop.goto('/my');
      await shop.getByRole('button', { name: 'Sign out' }).click();
      await expect(shop).toHaveURL(/\/store$/);
      await shop.getByRole('link', { name: 'Sign in' }).click();
      await expect(
        shop.getByRole('heading', { level: 1, name: 'Sign in to your account' }),
      ).toBeVisible();
      await shop.getByLabel('Email').fill(customerEmail);
      await shop.getByLabel('Password', { exact: true }).fill('StoreSecret123');
      await snap(shop, testInfo, '09a-store-sign-in');
      await shop.getByRole('button', { name: 'Sign in' }).click();
      await expect(shop).toHaveURL(/\/my$/);

      const account = shop
        .getByRole('listitem')
        .filter({ has: shop.getByRole('link', { name: simUrl() }) });
      await expect(account).toBeVisible();
      await expect(account.getByText('Active')).toBeVisible();
      await expect(shop.getByRole('link', { name: simUrl() })).toHaveAttribute('href', simUrl());
      const licenses = shop.getByRole('table', { name: 'Your licenses' });
      await expect(licenses.getByText(/^NP-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)).toBeVisible();
      await expect(
        shop.getByRole('table', { name: 'Your orders' }).getByText('Completed'),
      ).toBeVisible();
      await expect(
        shop
          .getByRole('table', { name: 'Your payments' })
          .getByText('Payment received by your hosting company'),
      ).toBeVisible();
      await snap(shop, testInfo, '09b-my-completed');
    });

    await test.step('the admin’s Emails page lists the welcome email as held, and says why', async () => {
      await admin
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Emails' })
        .click();
      await expect(admin.getByRole('heading', { level: 1, name: 'Emails' })).toBeVisible();
      await expect(admin.getByText(/held: sending is not configured/)).toBeVisible();
      const welcome = admin
        .getByRole('row')
        .filter({ hasText: customerEmail })
        .filter({ hasText: 'Your hosting account is ready' });
      await expect(welcome.getByText('Held')).toBeVisible();
      await expect(welcome.getByRole('button', { name: /^Resend/ })).toBeVisible();
      await snap(admin, testInfo, '10-admin-emails-held');

      await admin
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Provisioning queue' })
        .click();
      await expect(
        admin.getByRole('heading', { level: 1, name: 'Provisioning queue' }),
      ).toBeVisible();
      await expect(admin.getByRole('heading', { name: /^Failed/ })).toBeVisible();
      await snap(admin, testInfo, '11-admin-provisioning-queue');
    });
  } finally {
    await customerContext.close();
    await adminContext.close();
  }
});
