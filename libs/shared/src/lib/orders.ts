import { BillingCycle } from './plans';

export const OrderStatus = {
  Pending: 'pending',
  Paid: 'paid',
  AwaitingCapacity: 'awaiting_capacity',
  Completed: 'completed',
  Failed: 'failed',
  Cancelled: 'cancelled',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];
export const ORDER_STATUSES: readonly OrderStatus[] = Object.values(OrderStatus);

export const PaymentKind = { Checkout: 'checkout', Renewal: 'renewal', Manual: 'manual' } as const;
export type PaymentKind = (typeof PaymentKind)[keyof typeof PaymentKind];
export const PAYMENT_KINDS: readonly PaymentKind[] = Object.values(PaymentKind);

export const PaymentStatus = { Succeeded: 'succeeded', Failed: 'failed' } as const;
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus];
export const PAYMENT_STATUSES: readonly PaymentStatus[] = Object.values(PaymentStatus);

/** POST /api/v1/checkout (customer) */
export interface CheckoutRequest {
  plan_id: string;
  billing_cycle: BillingCycle;
}

export interface CheckoutResponse {
  order_id: number;
  checkout_url: string;
  session_id: string;
}

export interface OrderResponse {
  id: number;
  customer_id: number;
  plan_id: string;
  plan_name: string;
  billing_cycle: BillingCycle;
  status: OrderStatus;
  status_reason: string | null;
  amount: number;
  currency: string;
  license_id: number | null;
  hosting_account_id: number | null;
  checkout_url: string | null;
  paid_at: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PaymentResponse {
  id: number;
  customer_id: number;
  order_id: number | null;
  kind: PaymentKind;
  status: PaymentStatus;
  amount: number;
  currency: string;
  failure_reason: string | null;
  created_at: string;
}

/** POST /api/v1/auth/register: a customer signs up on the storefront. */
export interface RegisterRequest {
  email: string;
  password: string;
  full_name: string;
  company_name?: string | null;
  phone?: string | null;
}

/** GET /api/v1/store/config: what the storefront needs to know before it sells. */
export interface StoreConfigResponse {
  payments_enabled: boolean;
}
