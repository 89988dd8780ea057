export const BillingCycle = {
  Monthly: 'monthly',
  Yearly: 'yearly',
} as const;
export type BillingCycle = (typeof BillingCycle)[keyof typeof BillingCycle];
export const BILLING_CYCLES: readonly BillingCycle[] = Object.values(BillingCycle);

/** Resource limits a plan grants and a license carries. */
export interface PlanQuotas {
  max_databases: number;
  max_domains: number;
  max_email_accounts: number;
  max_disk_gb: number;
}

/** Prices are decimal amounts in `currency` (e.g. 14.99); stored as integer cents. */
export interface PlanResponse extends PlanQuotas {
  id: string;
  name: string;
  description: string | null;
  price_monthly: number;
  price_yearly: number;
  currency: string;
  nextpanel_package_id: number | null;
  is_active: boolean;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface CreatePlanRequest extends PlanQuotas {
  name: string;
  description?: string | null;
  price_monthly: number;
  price_yearly: number;
  currency?: string;
  nextpanel_package_id?: number | null;
  is_active?: boolean;
  sort_order?: number;
}

export type UpdatePlanRequest = Partial<CreatePlanRequest>;

/** Codes of the plan endpoints' domain errors. */
export const PlanErrorCode = {
  /** 409: another plan already has this name. */
  NameTaken: 'PLAN_NAME_TAKEN',
} as const;

/** GET /api/v1/plans without an admin token: what the storefront shows (active plans only). */
export type PublicPlanResponse = Pick<
  PlanResponse,
  | 'id'
  | 'name'
  | 'description'
  | 'price_monthly'
  | 'price_yearly'
  | 'currency'
  | 'sort_order'
  | keyof PlanQuotas
>;
