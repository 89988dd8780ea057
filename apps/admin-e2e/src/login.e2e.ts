import { expect, test } from '@playwright/test';
import { ADMIN } from './stack';

test.describe('signing in to the admin dashboard', () => {
  test('sends a visitor to the login page and back where they were going', async ({ page }) => {
    await page.goto('/customers');
    await expect(page).toHaveURL(/\/login\?redirect=%2Fcustomers/);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  });

  test('shows the API’s refusal of a wrong password and keeps the email', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('Not-the-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Invalid email or password')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue(ADMIN.email);
  });

  test('signs the seeded admin in to the dashboard shell and out again', async ({
    page,
  }, testInfo) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome back, Administrator' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('dashboard.png') });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });

  test('treats a token the API no longer accepts as signed out', async ({ page }) => {
    await page.goto('/login');
    await page.evaluate(() => {
      localStorage.setItem(
        'nextpanel.admin.session',
        JSON.stringify({ accessToken: 'forged.token.value', expiresAt: Date.now() + 3_600_000 }),
      );
    });
    await page.goto('/plans');
    await expect(page).toHaveURL(/\/login\?redirect=%2Fplans/);
  });
});
