import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SESSION_STORAGE_KEY, getSession } from '@/lib/session';
import {
  adminUser,
  apiErrorResponse,
  customerUser,
  jsonResponse,
  mockApi,
  signIn,
} from '@/testing/api-mocks';
import { emptyInstallHandlers } from '@/testing/fixtures';
import { currentUrl, renderApp } from '@/testing/test-utils';

describe('protected routes', () => {
  it('send a visitor without a session to /login?redirect=<where they were>', async () => {
    const fetchMock = mockApi({});
    const { router } = renderApp('/customers?page=3#list');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(currentUrl(router)).toBe(
      `/login?redirect=${encodeURIComponent('/customers?page=3#list')}`,
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('treat an expired session as signed out', async () => {
    window.localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 'stale', expiresAt: Date.now() - 1000 }),
    );
    const fetchMock = mockApi({});
    const { router } = renderApp('/servers');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/login?redirect=%2Fservers');
    expect(screen.getByText('Your session has expired')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('show the app shell with the signed-in admin', async () => {
    signIn();
    mockApi({ ...emptyInstallHandlers(), 'GET /api/v1/auth/me': () => jsonResponse(adminUser) });
    renderApp('/');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Welcome back, Ada Admin' }),
    ).toBeTruthy();
    expect(await screen.findByText('No data yet — add a server to get started')).toBeTruthy();
    expect(screen.getByText('admin@test.com')).toBeTruthy();

    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const item of ['Dashboard', 'Servers', 'Customers', 'Plans', 'Licenses']) {
      expect(within(nav).getByRole('link', { name: item })).toBeTruthy();
    }
    expect(within(nav).getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe(
      'page',
    );
  });

  it('navigate between sections from the sidebar', async () => {
    signIn();
    mockApi({ ...emptyInstallHandlers(), 'GET /api/v1/auth/me': () => jsonResponse(adminUser) });
    const { user, router } = renderApp('/');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Licenses' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Licenses' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'No licenses yet' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/licenses');
  });

  it('send the admin to sign in again, back to this page, when the API refuses the token', async () => {
    signIn();
    mockApi({
      'GET /api/v1/auth/me': () =>
        apiErrorResponse(401, { message: 'Token expired', code: 'UNAUTHENTICATED' }),
    });
    const { router } = renderApp('/plans');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/login?redirect=%2Fplans');
    expect(screen.getByText('Your session has expired')).toBeTruthy();
    expect(getSession()).toBeNull();
  });

  it('turn away a signed-in customer', async () => {
    signIn();
    mockApi({ 'GET /api/v1/auth/me': () => jsonResponse(customerUser) });
    const { user, router } = renderApp('/');

    expect(
      await screen.findByRole('heading', { name: 'This dashboard is for administrators' }),
    ).toBeTruthy();
    expect(screen.getByText('customer@example.com')).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/login');
    expect(getSession()).toBeNull();
  });

  it('sign out to the login page without a redirect', async () => {
    signIn();
    mockApi({ ...emptyInstallHandlers(), 'GET /api/v1/auth/me': () => jsonResponse(adminUser) });
    const { user, router } = renderApp('/servers');

    await screen.findByRole('heading', { level: 1, name: 'Servers' });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/login');
    expect(screen.getByText('You have been signed out')).toBeTruthy();
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('say so when the API cannot be reached, and recover on retry', async () => {
    signIn();
    let reachable = false;
    mockApi({ ...emptyInstallHandlers(), 'GET /api/v1/auth/me': () => jsonResponse(adminUser) });
    const answer = globalThis.fetch;
    globalThis.fetch = (input, init) =>
      reachable ? answer(input, init) : Promise.reject(new TypeError('Failed to fetch'));
    const { user } = renderApp('/');

    expect(
      await screen.findByRole('heading', { name: 'Cannot reach the billing API' }),
    ).toBeTruthy();

    reachable = true;
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { name: 'Welcome back, Ada Admin' })).toBeTruthy();
  });

  it('show a 404 page inside the app for unknown routes', async () => {
    signIn();
    mockApi({ 'GET /api/v1/auth/me': () => jsonResponse(adminUser) });
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('/no/such/page')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to dashboard' }).getAttribute('href')).toBe('/');
  });
});
