export const HostingAccountStatus = {
  Provisioning: 'provisioning',
  Active: 'active',
  Suspended: 'suspended',
  Terminated: 'terminated',
  Failed: 'failed',
} as const;
export type HostingAccountStatus = (typeof HostingAccountStatus)[keyof typeof HostingAccountStatus];
export const HOSTING_ACCOUNT_STATUSES: readonly HostingAccountStatus[] =
  Object.values(HostingAccountStatus);
/** States that occupy a slot on their server. */
export const LIVE_ACCOUNT_STATUSES: readonly HostingAccountStatus[] = [
  'provisioning',
  'active',
  'suspended',
];

/** POST /api/v1/nextpanel/provision, the guide's body (plus `license_id`). */
export interface ProvisionAccountRequest {
  customer_id: number;
  username: string;
  email?: string;
  password: string;
  full_name?: string;
  phone?: string | null;
  company?: string | null;
  package_id?: number | null;
  /** Omit to let billing choose the least-used active, online server with room. */
  server_id?: number | null;
  license_id?: number | null;
}

/** The guide's answer to a successful provision. */
export interface ProvisionAccountResponse {
  success: true;
  account_id: number;
  server_name: string;
  server_url: string;
  nextpanel_user_id: number;
  username: string;
}

/** A provisioned account as listed in customer details. */
export interface HostingAccountSummary {
  id: number;
  customer_id: number;
  server_id: number;
  server_name: string;
  server_url: string;
  license_id: number | null;
  username: string;
  email: string;
  nextpanel_user_id: number | null;
  package_id: number | null;
  status: HostingAccountStatus;
  status_reason: string | null;
  /** Why a suspended account is suspended; only `non_payment` is lifted automatically on payment. */
  suspension_kind: SuspensionKind | null;
  created_at: string;
  updated_at: string;
}

/** GET /api/v1/nextpanel/accounts/{id}: the stored account plus what the panel says now. */
export interface HostingAccountResponse extends HostingAccountSummary {
  panel: { reachable: boolean; status: string | null; error?: string };
}

/** GET /api/v1/nextpanel/accounts/{id}/stats: the panel's usage figures. */
export interface HostingAccountStatsResponse {
  account_id: number;
  user_id: number;
  username: string;
  email: string;
  total_domains: number;
  total_databases: number;
  total_email_accounts: number;
  total_ssl_certificates: number;
  storage_used: number;
  last_login: string | null;
  account_age_days: number;
}

export interface SuspendAccountRequest {
  reason: string;
  /** Default `admin`. */
  suspension_kind?: SuspensionKind;
  /** Email the customer about it (default true). */
  notify_customer?: boolean;
}

/** POST /api/v1/nextpanel/accounts/{id}/unsuspend */
export interface UnsuspendAccountRequest {
  /** Email the customer about it (default true). */
  notify_customer?: boolean;
}

/** GET /api/v1/nextpanel/accounts: every hosting account, most recently changed first. */
export interface HostingAccountListQuery {
  status?: HostingAccountStatus;
  customer_id?: number;
  server_id?: number;
  page?: number;
  page_size?: number;
}

/** GET /api/v1/nextpanel/accounts/{id}/events: one state change and who or what caused it. */
export interface AccountEventResponse {
  id: string;
  from_status: string | null;
  to_status: string;
  /** `admin:<user id>`, `api_key:<key id>`, `customer:<user id>` or `system:<what>`. */
  actor: string;
  reason: string | null;
  created_at: string;
}

/**
 * The account state machine: the states each state may move to. Everything else is refused with
 * 409 INVALID_ACCOUNT_STATE (e.g. unsuspending a terminated account).
 */
export const ACCOUNT_TRANSITIONS: Readonly<
  Record<HostingAccountStatus, readonly HostingAccountStatus[]>
> = {
  provisioning: ['active', 'failed'],
  active: ['suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  failed: ['provisioning'],
  terminated: [],
};

export const SuspensionKind = {
  /** Suspended by an administrator by hand: only an administrator lifts it. */
  Admin: 'admin',
  /** Suspended by the automation for an overdue invoice: lifted automatically when payment arrives. */
  NonPayment: 'non_payment',
} as const;
export type SuspensionKind = (typeof SuspensionKind)[keyof typeof SuspensionKind];
export const SUSPENSION_KINDS: readonly SuspensionKind[] = Object.values(SuspensionKind);

export const AccountActionType = {
  Suspend: 'suspend',
  Unsuspend: 'unsuspend',
  Terminate: 'terminate',
  ChangePlan: 'change_plan',
  ResetPassword: 'reset_password',
} as const;
export type AccountActionType = (typeof AccountActionType)[keyof typeof AccountActionType];
export const ACCOUNT_ACTION_TYPES: readonly AccountActionType[] = Object.values(AccountActionType);

export type AccountActionStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export const ACCOUNT_ACTION_STATUSES: readonly AccountActionStatus[] = [
  'queued',
  'running',
  'succeeded',
  'failed',
];

/** One requested lifecycle action, run through the durable job queue. */
export interface AccountActionResponse {
  id: string;
  account_id: number;
  action: AccountActionType;
  status: AccountActionStatus;
  /** What was asked: `reason`, `suspension_kind`, `plan_id`. Never a password. */
  params: Record<string, unknown>;
  requested_by: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/**
 * The answer to a lifecycle request: the account as it is now, and the action. 200 when the action
 * is done; 202 when the panel did not answer yet and the queue retries it.
 */
export interface AccountActionResult extends HostingAccountSummary {
  /** Null when the account already was in the requested state: nothing had to run. */
  action: AccountActionResponse | null;
}

export interface ChangePlanRequest {
  plan_id: string;
  /** Email the customer about it (default true). */
  notify_customer?: boolean;
}

export interface ResetPanelPasswordRequest {
  /** Email the new password to the customer (default true). */
  notify_customer?: boolean;
}
