import { PageQuery } from './pagination';
import { BillingCycle, PlanQuotas } from './plans';

export const LicenseStatus = {
  Active: 'active',
  Suspended: 'suspended',
  Expired: 'expired',
  Cancelled: 'cancelled',
} as const;
export type LicenseStatus = (typeof LicenseStatus)[keyof typeof LicenseStatus];
export const LICENSE_STATUSES: readonly LicenseStatus[] = Object.values(LicenseStatus);

export const SubscriptionStatus = {
  Active: 'active',
  PastDue: 'past_due',
  Cancelled: 'cancelled',
} as const;
export type SubscriptionStatus = (typeof SubscriptionStatus)[keyof typeof SubscriptionStatus];
export const SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] =
  Object.values(SubscriptionStatus);

/** POST /api/v1/customers/{id}/licenses */
export interface CreateLicenseRequest {
  plan_id: string;
  billing_cycle: BillingCycle;
  create_subscription?: boolean;
}

export interface LicenseListQuery extends PageQuery {
  status?: LicenseStatus;
  customer_id?: number;
  /** Part of a license key. */
  search?: string;
}

export interface SubscriptionResponse {
  id: number;
  status: SubscriptionStatus;
  billing_cycle: BillingCycle;
  price: number;
  currency: string;
  current_period_start: string;
  current_period_end: string;
  cancel_at_period_end: boolean;
  created_at: string;
}

export interface LicenseResponse extends PlanQuotas {
  id: number;
  license_key: string;
  customer_id: number;
  /** Who holds it, so lists can name the customer without a second request. */
  customer: { id: number; email: string; full_name: string } | null;
  plan_id: string;
  plan: { id: string; name: string };
  status: LicenseStatus;
  billing_cycle: BillingCycle;
  subscription: SubscriptionResponse | null;
  created_at: string;
  updated_at: string;
}

/** Codes of the license endpoints' domain errors. */
export const LicenseErrorCode = {
  /** 409: a deactivated customer cannot be sold a license. */
  CustomerInactive: 'CUSTOMER_INACTIVE',
  /** 409: the plan is no longer sold. */
  PlanInactive: 'PLAN_INACTIVE',
  /** 409: the license is suspended, expired or cancelled, so no account may use it. */
  LicenseNotActive: 'LICENSE_NOT_ACTIVE',
} as const;

/** What a panel may ask the billing system to allow (POST /api/v1/licenses/validate). */
export const QUOTA_FEATURES = [
  'create_database',
  'create_domain',
  'create_email_account',
  'use_disk',
] as const;
export type QuotaFeature = (typeof QUOTA_FEATURES)[number];

export interface ValidateLicenseRequest {
  license_key: string;
  feature: QuotaFeature;
  /** Unix seconds. */
  timestamp: number;
  /** Optional: signed as a fourth part, so the same question may be asked twice in one second. */
  nonce?: string;
  /** Lower-case hex HMAC-SHA256 of `<timestamp>.<license_key>.<feature>[.<nonce>]` keyed with the panel's API secret. */
  signature: string;
}

export type ValidateLicenseResponse =
  { valid: true; remaining_quota: number } | { valid: false; error: string };

/** The license state machine: the states each state may move to; others are 409 INVALID_LICENSE_STATE. */
export const LICENSE_TRANSITIONS: Readonly<Record<LicenseStatus, readonly LicenseStatus[]>> = {
  active: ['suspended', 'expired', 'cancelled'],
  suspended: ['active', 'expired', 'cancelled'],
  expired: ['active', 'cancelled'],
  cancelled: [],
};

/** POST /api/v1/licenses/{id}/suspend | /cancel */
export interface LicenseStatusChangeRequest {
  reason?: string;
  /**
   * Carry the change to the license's hosting accounts: suspend → suspend them, reactivate →
   * unsuspend them, cancel → terminate them. Default true for suspend and reactivate, false for cancel.
   */
  include_accounts?: boolean;
  /**
   * Suspend only: how the carried account suspensions count. `non_payment` ones are lifted by the
   * next payment; `admin` (default) only by an administrator.
   */
  suspension_kind?: 'admin' | 'non_payment';
}

/** GET /api/v1/licenses/{id}/events: one status change and who or what caused it. */
export interface LicenseEventResponse {
  id: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  reason: string | null;
  created_at: string;
}

/** The license after a status change, and what happened to its accounts. */
export interface LicenseStatusChangeResponse {
  license_id: number;
  status: LicenseStatus;
  accounts: Array<{
    account_id: number;
    outcome: 'done' | 'queued' | 'skipped';
    detail: string | null;
  }>;
}

/** POST /api/v1/licenses/{id}/renew: a renewal paid outside Stripe, recorded by an admin. */
export interface LicenseRenewalRequest {
  /** The bank transfer's or receipt's reference, kept in the audit log. */
  reference?: string;
}

export interface LicenseRenewalResponse {
  license_id: number;
  payment_id: number;
  current_period_start: string;
  current_period_end: string;
}
