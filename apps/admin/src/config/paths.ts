/**
 * Every URL of the admin in one place. Links and redirects call `getHref()` instead of typing
 * strings, so renaming a route is a one-line change. `path` is what the router matches.
 */
export const paths = {
  auth: {
    login: {
      path: '/login',
      getHref: (redirectTo?: string | null) =>
        redirectTo ? `/login?redirect=${encodeURIComponent(redirectTo)}` : '/login',
    },
  },
  app: {
    dashboard: { path: '/', getHref: () => '/' },
    servers: { path: '/servers', getHref: () => '/servers' },
    customers: { path: '/customers', getHref: () => '/customers' },
    plans: { path: '/plans', getHref: () => '/plans' },
    licenses: { path: '/licenses', getHref: () => '/licenses' },
  },
} as const;
