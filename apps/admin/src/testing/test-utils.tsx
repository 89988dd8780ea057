import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
// Not `react-router/dom`: under Node that entry is CommonJS and would load a second copy of the
// router (and its contexts) next to the ESM one the app's modules get.
import { RouterProvider, createMemoryRouter } from 'react-router';
import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import { createQueryClient } from '@/lib/react-query';

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
