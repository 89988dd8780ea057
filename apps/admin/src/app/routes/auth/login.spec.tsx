import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SESSION_STORAGE_KEY, getSession } from '@/lib/session';
import {
  adminUser,
  apiErrorResponse,
  jsonResponse,
  loginResponse,
  mockApi,
  requestOf,
  signIn,
  TEST_TOKEN,
} from '@/testing/api-mocks';
import { currentUrl, renderApp } from '@/testing/test-utils';

async function fillAndSubmit(
  user: ReturnType<typeof renderApp>['user'],
  email: string,
  password: string,
) {
  if (email) await user.type(await screen.findByLabelText('Email'), email);
  if (password) await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('login page', () => {
  it('labels its fields and validates them before calling the API', async () => {
    const fetchMock = mockApi({});
    const { user } = renderApp('/login');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Enter your email address')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');

    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    expect(await screen.findByText(/Enter a valid email address/)).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs in, stores the session and goes to the redirect target', async () => {
    const fetchMock = mockApi({
      'POST /api/v1/auth/login': () => jsonResponse(loginResponse(3600)),
      'GET /api/v1/auth/me': () => jsonResponse(adminUser),
    });
    const { user, router } = renderApp('/login?redirect=%2Fservers%3Fpage%3D2');
    const before = Date.now();

    await fillAndSubmit(user, '  admin@test.com ', 'Admin123!');

    expect(await screen.findByRole('heading', { level: 1, name: 'Servers' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/servers?page=2');
    expect(requestOf(fetchMock, 0).init.body).toBe(
      JSON.stringify({ email: 'admin@test.com', password: 'Admin123!' }),
    );

    const session = getSession();
    expect(session?.accessToken).toBe(TEST_TOKEN);
    expect(session?.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(session?.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toContain(TEST_TOKEN);
  });

  it('goes to the dashboard when there is no redirect', async () => {
    mockApi({
      'POST /api/v1/auth/login': () => jsonResponse(loginResponse()),
      'GET /api/v1/auth/me': () => jsonResponse(adminUser),
    });
    const { user, router } = renderApp('/login');

    await fillAndSubmit(user, 'admin@test.com', 'Admin123!');

    expect(await screen.findByRole('heading', { name: 'Welcome back, Ada Admin' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/');
  });

  it.each(['https://evil.example/phish', '//evil.example', '/\\evil.example'])(
    'ignores the off-site redirect %s',
    async (target) => {
      mockApi({
        'POST /api/v1/auth/login': () => jsonResponse(loginResponse()),
        'GET /api/v1/auth/me': () => jsonResponse(adminUser),
      });
      const { user, router } = renderApp(`/login?redirect=${encodeURIComponent(target)}`);

      await fillAndSubmit(user, 'admin@test.com', 'Admin123!');

      expect(await screen.findByRole('heading', { name: 'Welcome back, Ada Admin' })).toBeTruthy();
      expect(currentUrl(router)).toBe('/');
    },
  );

  it('says "Invalid email or password" on a 401 and stays signed out', async () => {
    mockApi({
      'POST /api/v1/auth/login': () =>
        apiErrorResponse(401, {
          message: 'Invalid email or password',
          code: 'INVALID_CREDENTIALS',
        }),
    });
    const { user, router } = renderApp('/login');

    await fillAndSubmit(user, 'admin@test.com', 'wrong-password');

    expect((await screen.findByRole('alert')).textContent).toContain('Invalid email or password');
    expect(currentUrl(router)).toBe('/login');
    expect(getSession()).toBeNull();
    // The email stays, the password is cleared for a retype.
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('admin@test.com');
    await waitFor(() =>
      expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe(''),
    );
  });

  it('says how long to wait when rate limited', async () => {
    mockApi({
      'POST /api/v1/auth/login': () =>
        apiErrorResponse(
          429,
          { message: 'Too many requests', code: 'RATE_LIMITED' },
          { 'Retry-After': '37' },
        ),
    });
    const { user } = renderApp('/login');

    await fillAndSubmit(user, 'admin@test.com', 'Admin123!');

    expect((await screen.findByRole('alert')).textContent).toContain(
      'Too many attempts, try again in 37 seconds',
    );
  });

  it('says the API cannot be reached on a network failure', async () => {
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const { user } = renderApp('/login');

    await fillAndSubmit(user, 'admin@test.com', 'Admin123!');

    expect((await screen.findByRole('alert')).textContent).toContain(
      'Cannot reach the billing API',
    );
  });

  it('shows server-side validation details on their fields', async () => {
    mockApi({
      'POST /api/v1/auth/login': () =>
        apiErrorResponse(400, {
          message: 'Validation failed',
          code: 'VALIDATION_FAILED',
          details: [{ field: 'email', message: 'email is not allowed on this server' }],
        }),
    });
    const { user } = renderApp('/login');

    await fillAndSubmit(user, 'admin@test.com', 'Admin123!');

    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const errorId = email.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(errorId)?.textContent).toBe(
      'email is not allowed on this server',
    );
    // All details landed on fields: no extra banner.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('disables the submit button while signing in', async () => {
    let answer: (response: Response) => void = () => undefined;
    mockApi({
      'POST /api/v1/auth/login': () => new Promise<Response>((resolve) => (answer = resolve)),
      'GET /api/v1/auth/me': () => jsonResponse(adminUser),
    });
    const { user } = renderApp('/login');

    await fillAndSubmit(user, 'admin@test.com', 'Admin123!');

    const button = await screen.findByRole('button', { name: 'Signing in…' });
    expect((button as HTMLButtonElement).disabled).toBe(true);

    answer(jsonResponse(loginResponse()));
    expect(await screen.findByRole('heading', { name: 'Welcome back, Ada Admin' })).toBeTruthy();
  });

  it('sends an admin who is already signed in straight on', async () => {
    signIn();
    mockApi({ 'GET /api/v1/auth/me': () => jsonResponse(adminUser) });
    const { router } = renderApp('/login?redirect=%2Fplans');

    expect(await screen.findByRole('heading', { level: 1, name: 'Plans' })).toBeTruthy();
    expect(currentUrl(router)).toBe('/plans');
  });
});
