import { PlanQuotas } from '@nextpanel/shared';

export interface SeedPlan extends PlanQuotas {
  name: string;
  description: string;
  price_monthly_cents: number;
  price_yearly_cents: number;
  nextpanel_package_id: number;
  sort_order: number;
}

/** The three plans a fresh installation offers; prices in cents, yearly at two months free. */
export const SEED_PLANS: readonly SeedPlan[] = [
  {
    name: 'Starter',
    description: 'One website with email, for personal sites and small projects.',
    max_databases: 2,
    max_domains: 1,
    max_email_accounts: 5,
    max_disk_gb: 10,
    price_monthly_cents: 499,
    price_yearly_cents: 4990,
    nextpanel_package_id: 1,
    sort_order: 1,
  },
  {
    name: 'Professional Hosting',
    description: 'Several sites, more databases and mailboxes, for growing businesses.',
    max_databases: 10,
    max_domains: 5,
    max_email_accounts: 25,
    max_disk_gb: 50,
    price_monthly_cents: 1499,
    price_yearly_cents: 14990,
    nextpanel_package_id: 2,
    sort_order: 2,
  },
  {
    name: 'Enterprise',
    description: 'Room for agencies and busy shops: many sites, databases and mailboxes.',
    max_databases: 50,
    max_domains: 25,
    max_email_accounts: 100,
    max_disk_gb: 200,
    price_monthly_cents: 4999,
    price_yearly_cents: 49990,
    nextpanel_package_id: 3,
    sort_order: 3,
  },
];
