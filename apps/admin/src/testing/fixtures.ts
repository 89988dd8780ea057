import type {
  CustomerDetailsResponse,
  CustomerResponse,
  HostingAccountSummary,
  LicenseResponse,
  Page,
  PlanResponse,
  ServerResponse,
} from '@nextpanel/shared';
import { jsonResponse, type MockHandler } from './api-mocks';

const CREATED = '2026-11-20T10:00:00.000Z';

export function makeServer(overrides: Partial<ServerResponse> = {}): ServerResponse {
  const capacity = overrides.capacity ?? 100;
  const current = overrides.current_accounts ?? 5;
  return {
    id: 1,
    name: 'Production Server 1',
    description: 'Main hosting server',
    base_url: 'http://localhost:3000',
    api_key: 'npk_…4b60',
    is_active: true,
    is_online: true,
    capacity,
    current_accounts: current,
    utilization_percent: Math.round((current / capacity) * 1000) / 10,
    available_slots: capacity - current,
    location: 'US-East',
    last_checked_at: CREATED,
    last_error: null,
    created_at: CREATED,
    updated_at: CREATED,
    ...overrides,
  };
}

export function makePlan(overrides: Partial<PlanResponse> = {}): PlanResponse {
  return {
    id: '250ffe49-4c80-4299-be22-00e4906e8c85',
    name: 'Professional Hosting',
    description: 'Several sites, more databases and mailboxes, for growing businesses.',
    max_databases: 10,
    max_domains: 5,
    max_email_accounts: 25,
    max_disk_gb: 50,
    price_monthly: 14.99,
    price_yearly: 149.9,
    currency: 'USD',
    nextpanel_package_id: 2,
    is_active: true,
    sort_order: 2,
    created_at: CREATED,
    updated_at: CREATED,
    ...overrides,
  };
}

export function makeCustomer(overrides: Partial<CustomerResponse> = {}): CustomerResponse {
  return {
    id: 2,
    email: 'john@acme.com',
    full_name: 'John Doe',
    company_name: 'Acme Inc',
    phone: '+1234567890',
    is_active: true,
    last_login_at: null,
    created_at: CREATED,
    updated_at: CREATED,
    ...overrides,
  };
}

export function makeLicense(overrides: Partial<LicenseResponse> = {}): LicenseResponse {
  const plan = makePlan();
  return {
    id: 7,
    license_key: 'NP-7KQ2-M9XH-T4WC',
    customer_id: 2,
    customer: { id: 2, email: 'john@acme.com', full_name: 'John Doe' },
    plan_id: plan.id,
    plan: { id: plan.id, name: plan.name },
    status: 'active',
    billing_cycle: 'monthly',
    max_databases: plan.max_databases,
    max_domains: plan.max_domains,
    max_email_accounts: plan.max_email_accounts,
    max_disk_gb: plan.max_disk_gb,
    subscription: {
      id: 3,
      status: 'active',
      billing_cycle: 'monthly',
      price: 14.99,
      currency: 'USD',
      current_period_start: CREATED,
      current_period_end: '2026-12-20T10:00:00.000Z',
      cancel_at_period_end: false,
      created_at: CREATED,
    },
    created_at: CREATED,
    updated_at: CREATED,
    ...overrides,
  };
}

export function makeAccount(overrides: Partial<HostingAccountSummary> = {}): HostingAccountSummary {
  return {
    id: 11,
    customer_id: 2,
    server_id: 1,
    server_name: 'Production Server 1',
    server_url: 'http://localhost:3000',
    license_id: 7,
    username: 'johndoe',
    email: 'john@acme.com',
    nextpanel_user_id: 456,
    package_id: 2,
    status: 'active',
    status_reason: null,
    suspension_kind: null,
    created_at: CREATED,
    updated_at: CREATED,
    ...overrides,
  };
}

export function makeCustomerDetails(
  overrides: Partial<CustomerDetailsResponse> = {},
): CustomerDetailsResponse {
  return { ...makeCustomer(), licenses: [makeLicense()], accounts: [makeAccount()], ...overrides };
}

export function page<T>(items: T[], overrides: Partial<Page<T>> = {}): Page<T> {
  const pageSize = overrides.page_size ?? 20;
  const total = overrides.total ?? items.length;
  return {
    items,
    total,
    page: 1,
    page_size: pageSize,
    pages: Math.ceil(total / pageSize),
    ...overrides,
  };
}

/** What a fresh install answers: no servers, customers or licenses yet, but the seeded plans. */
export function emptyInstallHandlers(): Record<string, MockHandler> {
  return {
    'GET /api/v1/nextpanel/servers': () => jsonResponse([]),
    'GET /api/v1/plans': () => jsonResponse([makePlan()]),
    'GET /api/v1/customers': () => jsonResponse(page([])),
    'GET /api/v1/licenses': () => jsonResponse(page([])),
    'GET /api/v1/nextpanel/accounts': () => jsonResponse(page([])),
  };
}
