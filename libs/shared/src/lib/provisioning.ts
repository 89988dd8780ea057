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
  /** `admin:<user id>`, `customer:<user id>` or `system:<what>`. */
  actor: string;
  reason: string | null;
  created_at: string;
}
