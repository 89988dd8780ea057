import { PageQuery } from './pagination';
import { HostingAccountSummary } from './provisioning';
import { LicenseResponse } from './licenses';

/** POST /api/v1/customers */
export interface CreateCustomerRequest {
  email: string;
  full_name: string;
  company_name?: string | null;
  password: string;
  phone?: string | null;
  is_active?: boolean;
}

/** PATCH /api/v1/customers/{id}; `is_active: false` deactivates (customers are never deleted). */
export type UpdateCustomerRequest = Partial<CreateCustomerRequest>;

/** List orders: a field sorts ascending, a leading `-` descending; newest first by default. */
export const CUSTOMER_SORTS = [
  '-created_at',
  'created_at',
  'email',
  '-email',
  'full_name',
  '-full_name',
  'company_name',
  '-company_name',
] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const DEFAULT_CUSTOMER_SORT: CustomerSort = '-created_at';

export interface CustomerListQuery extends PageQuery {
  /** Matches email, full name or company, case-insensitively. */
  search?: string;
  is_active?: boolean;
  sort?: CustomerSort;
}

/** Codes of the customer endpoints' domain errors. */
export const CustomerErrorCode = {
  /** 409: another user (customer or admin) already has this email, in any letter case. */
  EmailTaken: 'CUSTOMER_EMAIL_TAKEN',
} as const;

export interface CustomerResponse {
  id: number;
  email: string;
  full_name: string;
  company_name: string | null;
  phone: string | null;
  is_active: boolean;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

/** GET /api/v1/customers/{id}: the customer with every license and provisioned account. */
export interface CustomerDetailsResponse extends CustomerResponse {
  licenses: LicenseResponse[];
  accounts: HostingAccountSummary[];
}
