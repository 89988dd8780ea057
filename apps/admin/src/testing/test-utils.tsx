import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
// Not `react-router/dom`: under Node that entry is CommonJS and would load a second copy of the
// router (and its contexts) next to the ESM one the app's modules get.
import { RouterProvider, createMemoryRouter } from 'react-router';
import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import { createQueryClient } from '@/lib/react-query';
import type { Mock } from 'vitest';
import { adminUser, jsonResponse, mockApi, signIn, type MockHandler } from './api-mocks';

/**
 * Renders the whole app (real routes, providers and lazy pages) at `url`, in memory.
 * Mock the API with `mockApi()` first. Returns the router to assert where navigation ended.
 */
export function renderApp(url = '/') {
  const queryClient = createQueryClient({ queries: { retry: false } });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const user = userEvent.setup();
  const view = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, router, user, queryClient };
}

/** `pathname?search#hash` of where the router is now. */
export function currentUrl(router: ReturnType<typeof createMemoryRouter>): string {
  const { pathname, search, hash } = router.state.location;
  return `${pathname}${search}${hash}`;
}

/**
 * Signs an administrator in, mocks the API with `handlers` (plus GET /auth/me) and renders the
 * app at `url`. Returns what renderApp returns, plus the fetch mock to inspect requests.
 */
export function renderAdminPage(url: string, handlers: Record<string, MockHandler>) {
  signIn();
  const fetchMock = mockApi({ 'GET /api/v1/auth/me': () => jsonResponse(adminUser), ...handlers });
  return { ...renderApp(url), fetchMock };
}

/** The requests a fetch mock saw for one "METHOD /path", with parsed JSON bodies and query. */
export function requestsTo(
  fetchMock: Mock<typeof fetch>,
  route: string,
): Array<{ body: unknown; query: URLSearchParams }> {
  return fetchMock.mock.calls
    .map(([input, init]) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = (init?.method ?? 'GET').toUpperCase();
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      return { key: `${method} ${url.pathname}`, body, query: url.searchParams };
    })
    .filter((request) => request.key === route)
    .map(({ body, query }) => ({ body, query }));
}
