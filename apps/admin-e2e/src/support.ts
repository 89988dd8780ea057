import { createServer } from 'node:net';
import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { ADMIN } from './stack';

/** Signs the seeded admin in through the login page and waits for the dashboard. */
export async function signIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Welcome back/ })).toBeVisible();
}

/**
 * A screenshot in the test's output folder (dist/test-results/admin-e2e/...): the whole page,
 * or only the viewport while a modal dialog is open (a dialog belongs to the viewport).
 */
export async function snap(
  page: Page,
  testInfo: TestInfo,
  name: string,
  { fullPage = true }: { fullPage?: boolean } = {},
): Promise<void> {
  // Toasts and dialogs animate in; let them settle so the picture shows the final state.
  await page.waitForTimeout(250);
  // Full-page captures of a scrolled page draw the sticky top bar mid-page.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage });
}

function apiUrl(path: string): string {
  const base = process.env.E2E_API_URL;
  if (!base) throw new Error('E2E_API_URL is not set; run through playwright.config.ts');
  return `${base}/api/v1${path}`;
}

/** The billing API as the admin, for arranging what a test does not walk through in the UI. */
export async function adminApi(request: APIRequestContext) {
  const login = await request.post(apiUrl('/auth/login'), { data: ADMIN });
  expect(login.ok()).toBe(true);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${token}` };
  return {
    post: async <T>(path: string, data: unknown): Promise<T> => {
      const response = await request.post(apiUrl(path), { data, headers });
      expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
      return (await response.json()) as T;
    },
    get: async <T>(path: string): Promise<T> => {
      const response = await request.get(apiUrl(path), { headers });
      expect(response.ok()).toBe(true);
      return (await response.json()) as T;
    },
  };
}

/** A loopback port nobody listens on: a "server" there is down for certain. */
export function closedPort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

export function simUrl(): string {
  const url = process.env.E2E_SIM_URL;
  if (!url) throw new Error('E2E_SIM_URL is not set; run through playwright.config.ts');
  return url;
}

/** Unique per run, so reruns against the same database never collide on names. */
export function uniqueSuffix(): string {
  return Date.now().toString(36).slice(-5);
}
