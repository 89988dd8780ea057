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

export interface CustomerListQuery extends PageQuery {
  /** Matches email, full name or company, case-insensitively. */
  search?: string;
  is_active?: boolean;
}

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
