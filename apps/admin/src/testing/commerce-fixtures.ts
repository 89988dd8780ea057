import type {
  EmailResponse,
  JobResponse,
  OrderResponse,
  PaymentResponse,
  PublicPlanResponse,
} from '@nextpanel/shared';
import { saveCustomerSession } from '@/lib/customer-session';
import { loginResponse } from './api-mocks';
import { makePlan } from './fixtures';

/** Answers of the storefront, orders, jobs and outbox endpoints, for the specs of those pages. */

const CREATED = '2026-11-20T10:00:00.000Z';

export const CUSTOMER_TOKEN = 'test-customer-token';

/** Starts a customer session (the store's, not the admin's), as if the customer had signed in. */
export function signInCustomer(expiresIn = 86_400): void {
  saveCustomerSession({ ...loginResponse(expiresIn), access_token: CUSTOMER_TOKEN });
}

export function makePublicPlan(overrides: Partial<PublicPlanResponse> = {}): PublicPlanResponse {
  const {
    id,
    name,
    description,
    price_monthly,
    price_yearly,
    currency,
    sort_order,
    max_databases,
    max_domains,
    max_email_accounts,
    max_disk_gb,
  } = makePlan();
  return {
    id,
    name,
    description,
    price_monthly,
    price_yearly,
    currency,
    sort_order,
    max_databases,
    max_domains,
    max_email_accounts,
    max_disk_gb,
    ...overrides,
  };
}

/** The three plans of a fresh installation, as the storefront gets them. */
export function seededPublicPlans(): PublicPlanResponse[] {
  return [
    makePublicPlan({
      id: '11111111-1111-4111-8111-111111111111',
      name: 'Starter',
      description: 'One website with email, for personal sites and small projects.',
      price_monthly: 4.99,
      price_yearly: 49.9,
      max_databases: 1,
      max_domains: 1,
      max_email_accounts: 5,
      max_disk_gb: 10,
      sort_order: 1,
    }),
    makePublicPlan({ id: '22222222-2222-4222-8222-222222222222', sort_order: 2 }),
    makePublicPlan({
      id: '33333333-3333-4333-8333-333333333333',
      name: 'Enterprise',
      description: 'Room for agencies and busy shops: many sites, databases and mailboxes.',
      price_monthly: 49.99,
      price_yearly: 499.9,
      max_databases: 100,
      max_domains: 50,
      max_email_accounts: 250,
      max_disk_gb: 500,
      sort_order: 3,
    }),
  ];
}

export function makeOrder(overrides: Partial<OrderResponse> = {}): OrderResponse {
  return {
    id: 12,
    customer_id: 2,
    plan_id: '22222222-2222-4222-8222-222222222222',
    plan_name: 'Professional Hosting',
    billing_cycle: 'monthly',
    status: 'pending',
    status_reason: null,
    amount: 14.99,
    currency: 'USD',
    license_id: null,
    hosting_account_id: null,
    checkout_url: null,
    paid_at: null,
    completed_at: null,
    created_at: CREATED,
    updated_at: CREATED,
    ...overrides,
  };
}

export function makePayment(overrides: Partial<PaymentResponse> = {}): PaymentResponse {
  return {
    id: 3,
    customer_id: 2,
    order_id: 12,
    kind: 'manual',
    status: 'succeeded',
    amount: 14.99,
    currency: 'USD',
    failure_reason: null,
    created_at: CREATED,
    ...overrides,
  };
}

export function makeJob(overrides: Partial<JobResponse> = {}): JobResponse {
  return {
    id: '42',
    queue: 'orders.fulfil',
    payload: { order_id: 12 },
    status: 'failed',
    attempts: 8,
    max_attempts: 8,
    last_error: 'Server "Production Server 1" could not be reached (connection refused)',
    run_at: CREATED,
    finished_at: CREATED,
    created_at: CREATED,
    updated_at: CREATED,
    ...overrides,
  };
}

export function makeEmail(overrides: Partial<EmailResponse> = {}): EmailResponse {
  return {
    id: '7',
    recipient: 'john@acme.com',
    subject: 'Your hosting account is ready',
    template: 'welcome',
    status: 'held',
    attempts: 1,
    last_error: null,
    sent_at: null,
    created_at: CREATED,
    ...overrides,
  };
}
