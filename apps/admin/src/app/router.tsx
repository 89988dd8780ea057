import { useState } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { PageErrorBoundary } from './routes/app/page-error';
import { RootErrorBoundary } from './routes/root-error';

/**
 * Every page is its own chunk (`lazy`), so the login page does not download the dashboard.
 * A route module exports `Component` (and optionally `ErrorBoundary`); React Router picks them up.
 *
 * To add a page: a module in `routes/app/`, a path in `config/paths.ts`, an entry below and,
 * if it belongs in the sidebar, one in `components/layouts/app-layout.tsx`.
 */
export const routes: RouteObject[] = [
  {
    // Shown while the first route's code loads and when anything below fails to render.
    HydrateFallback: () => <PageSpinner />,
    ErrorBoundary: RootErrorBoundary,
    children: [
      { path: paths.auth.login.path, lazy: () => import('./routes/auth/login') },
      {
        // The customer-facing side: its own layout and its own (customer) session, no admin sign-in.
        lazy: () => import('./routes/store/root'),
        children: [
          { path: paths.store.plans.path, lazy: () => import('./routes/store/plans') },
          { path: paths.store.checkout.path, lazy: () => import('./routes/store/checkout') },
          { path: paths.store.signIn.path, lazy: () => import('./routes/store/sign-in') },
          { path: paths.my.account.path, lazy: () => import('./routes/my/account') },
        ],
      },
      {
        // Everything else needs a signed-in administrator.
        lazy: () => import('./routes/app/root'),
        children: [
          {
            // Page errors render inside the layout, so the sidebar stays usable.
            ErrorBoundary: PageErrorBoundary,
            children: [
              { index: true, lazy: () => import('./routes/app/dashboard') },
              { path: paths.app.servers.path, lazy: () => import('./routes/app/servers/servers') },
              {
                path: paths.app.newServer.path,
                lazy: () => import('./routes/app/servers/new-server'),
              },
              {
                path: paths.app.editServer.path,
                lazy: () => import('./routes/app/servers/edit-server'),
              },
              {
                path: paths.app.customers.path,
                lazy: () => import('./routes/app/customers/customers'),
              },
              {
                path: paths.app.newCustomer.path,
                lazy: () => import('./routes/app/customers/new-customer'),
              },
              {
                path: paths.app.customer.path,
                lazy: () => import('./routes/app/customers/customer'),
              },
              {
                path: paths.app.provisionAccount.path,
                lazy: () => import('./routes/app/customers/provision-account'),
              },
              { path: paths.app.plans.path, lazy: () => import('./routes/app/plans') },
              { path: paths.app.licenses.path, lazy: () => import('./routes/app/licenses') },
              { path: paths.app.orders.path, lazy: () => import('./routes/app/orders') },
              { path: paths.app.order.path, lazy: () => import('./routes/app/order') },
              {
                path: paths.app.provisioningQueue.path,
                lazy: () => import('./routes/app/provisioning-queue'),
              },
              { path: paths.app.emails.path, lazy: () => import('./routes/app/emails') },
              { path: paths.app.auditLog.path, lazy: () => import('./routes/app/audit-log') },
              { path: paths.app.automation.path, lazy: () => import('./routes/app/automation') },
              { path: paths.app.apiKeys.path, lazy: () => import('./routes/app/api-keys') },
              { path: paths.app.webhooks.path, lazy: () => import('./routes/app/webhooks') },
              { path: '*', lazy: () => import('./routes/app/not-found') },
            ],
          },
        ],
      },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
