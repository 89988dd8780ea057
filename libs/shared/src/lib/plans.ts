export const BillingCycle = {
  Monthly: 'monthly',
  Yearly: 'yearly',
} as const;
export type BillingCycle = (typeof BillingCycle)[keyof typeof BillingCycle];
export const BILLING_CYCLES: readonly BillingCycle[] = Object.values(BillingCycle);

/** Resource limits a plan grants; `-1` would be unlimited but seeded plans are finite. */
export interface PlanQuotas {
  max_databases: number;
  max_domains: number;
  max_email_accounts: number;
  max_disk_gb: number;
}
