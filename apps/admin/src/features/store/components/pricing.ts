import type { BillingCycle, PublicPlanResponse } from '@nextpanel/shared';
import { formatMoney } from '@/lib/format';

type Priced = Pick<PublicPlanResponse, 'price_monthly' | 'price_yearly' | 'currency'>;

export function priceFor(plan: Priced, cycle: BillingCycle): number {
  return cycle === 'yearly' ? plan.price_yearly : plan.price_monthly;
}

/** Whole percent saved by paying yearly instead of twelve months; 0 when there is no saving. */
export function yearlySavingPercent(plan: Priced): number {
  const fullYear = plan.price_monthly * 12;
  if (fullYear <= 0 || plan.price_yearly >= fullYear) return 0;
  return Math.round((1 - plan.price_yearly / fullYear) * 100);
}

/** "$12.49" a month when paid yearly. */
export function monthlyEquivalent(plan: Priced): string {
  return formatMoney(Math.floor((plan.price_yearly / 12) * 100) / 100, plan.currency);
}

export const perCycle: Record<BillingCycle, string> = { monthly: 'month', yearly: 'year' };

export function isBillingCycle(value: string | null): value is BillingCycle {
  return value === 'monthly' || value === 'yearly';
}
