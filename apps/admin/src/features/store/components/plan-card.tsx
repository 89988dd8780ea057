import { useId } from 'react';
import type { BillingCycle, PublicPlanResponse } from '@nextpanel/shared';
import { ButtonLink } from '@/components/ui/button';
import { ArrowRightIcon } from '@/components/ui/icons';
import { paths } from '@/config/paths';
import { formatMoney } from '@/lib/format';
import { PlanFeatures } from './plan-features';
import { monthlyEquivalent, perCycle, priceFor, yearlySavingPercent } from './pricing';
import styles from './store.module.css';

export interface PlanCardProps {
  plan: PublicPlanResponse;
  cycle: BillingCycle;
  /** Drawn a little forward (the middle of three plans, as a recommendation). */
  featured?: boolean;
}

export function PlanCard({ plan, cycle, featured = false }: PlanCardProps) {
  const headingId = useId();
  const saving = yearlySavingPercent(plan);
  return (
    <article
      className={`${styles.planCard} ${featured ? styles.planCardFeatured : ''}`}
      aria-labelledby={headingId}
    >
      {featured ? <span className={styles.ribbon}>Recommended</span> : null}
      <h2 id={headingId} className={styles.planName}>
        {plan.name}
      </h2>
      {plan.description ? <p className={styles.planDescription}>{plan.description}</p> : null}
      <p className={styles.price}>
        <span className={styles.priceAmount}>
          {formatMoney(priceFor(plan, cycle), plan.currency)}
        </span>
        <span className={styles.pricePer}>/ {perCycle[cycle]}</span>
      </p>
      <p className={styles.priceNote}>
        {cycle === 'yearly'
          ? `${monthlyEquivalent(plan)} a month, billed yearly${saving > 0 ? ` · save ${saving}%` : ''}`
          : `Billed monthly · or ${formatMoney(plan.price_yearly, plan.currency)} a year`}
      </p>
      <ButtonLink
        to={paths.store.checkout.getHref(plan.id, cycle)}
        variant={featured ? 'primary' : 'secondary'}
        size="lg"
        fullWidth
        aria-label={`Buy now: ${plan.name}, ${cycle}`}
      >
        Buy now
        <ArrowRightIcon size={16} />
      </ButtonLink>
      <PlanFeatures quotas={plan} />
    </article>
  );
}
