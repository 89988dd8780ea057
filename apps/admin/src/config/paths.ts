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
    newServer: { path: '/servers/new', getHref: () => '/servers/new' },
    editServer: {
      path: '/servers/:serverId/edit',
      getHref: (serverId: number) => `/servers/${serverId}/edit`,
    },
    customers: {
      path: '/customers',
      getHref: (query?: { search?: string; page?: number }) => {
        const params = new URLSearchParams();
        if (query?.search) params.set('search', query.search);
        if (query?.page && query.page > 1) params.set('page', String(query.page));
        const search = params.toString();
        return search ? `/customers?${search}` : '/customers';
      },
    },
    newCustomer: { path: '/customers/new', getHref: () => '/customers/new' },
    customer: {
      path: '/customers/:customerId',
      getHref: (customerId: number) => `/customers/${customerId}`,
    },
    provisionAccount: {
      path: '/customers/:customerId/provision',
      getHref: (customerId: number) => `/customers/${customerId}/provision`,
    },
    plans: { path: '/plans', getHref: () => '/plans' },
    licenses: { path: '/licenses', getHref: () => '/licenses' },
    orders: {
      path: '/orders',
      getHref: (query?: { status?: string }) =>
        query?.status ? `/orders?status=${encodeURIComponent(query.status)}` : '/orders',
    },
    order: { path: '/orders/:orderId', getHref: (orderId: number) => `/orders/${orderId}` },
    provisioningQueue: { path: '/provisioning-queue', getHref: () => '/provisioning-queue' },
    emails: {
      path: '/emails',
      getHref: (query?: { status?: string }) =>
        query?.status ? `/emails?status=${encodeURIComponent(query.status)}` : '/emails',
    },
    auditLog: {
      path: '/audit-log',
      /** With filters, e.g. one entity's history: `{ entity_type: 'customer', entity_id: 7 }`. */
      getHref: (query?: {
        entity_type?: string;
        entity_id?: string | number;
        action?: string;
        actor?: string;
      }) => {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(query ?? {}))
          if (value !== undefined && value !== '') params.set(key, String(value));
        const search = params.toString();
        return search ? `/audit-log?${search}` : '/audit-log';
      },
    },
    /** The billing automation: its runs and its settings. */
    automation: {
      path: '/automation',
      getHref: (query?: { with_items?: boolean }) =>
        query?.with_items ? '/automation?with_items=true' : '/automation',
    },
    /** Settings → API keys: integrators' keys with scopes. */
    apiKeys: { path: '/settings/api-keys', getHref: () => '/settings/api-keys' },
    /** Settings → Webhooks: signed outgoing webhooks, their deliveries and settings. */
    webhooks: { path: '/settings/webhooks', getHref: () => '/settings/webhooks' },
  },
  /** The customer-facing side: the storefront and the customer's own area (no admin session). */
  store: {
    plans: {
      path: '/store',
      getHref: (query?: { order?: number; checkout?: 'cancelled' }) =>
        query?.order !== undefined
          ? `/store?order=${query.order}${query.checkout ? `&checkout=${query.checkout}` : ''}`
          : '/store',
    },
    checkout: {
      path: '/store/checkout',
      getHref: (planId: string, cycle: 'monthly' | 'yearly') =>
        `/store/checkout?plan=${encodeURIComponent(planId)}&cycle=${cycle}`,
    },
    signIn: {
      path: '/store/sign-in',
      getHref: (redirectTo?: string | null) =>
        redirectTo ? `/store/sign-in?redirect=${encodeURIComponent(redirectTo)}` : '/store/sign-in',
    },
  },
  my: {
    account: {
      path: '/my',
      getHref: (query?: { order?: number; checkout?: 'success' | 'recorded' }) => {
        const params = new URLSearchParams();
        if (query?.order !== undefined) params.set('order', String(query.order));
        if (query?.checkout) params.set('checkout', query.checkout);
        const search = params.toString();
        return search ? `/my?${search}` : '/my';
      },
    },
  },
} as const;
