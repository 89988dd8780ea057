import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { BillingCycle } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { GlobeIcon, LockIcon, StoreIcon, ZapIcon } from '@/components/ui/icons';
import { Skeleton } from '@/components/ui/skeleton';
import { useStoreConfig } from '@/features/store/api/get-store-config';
import { useStorePlans } from '@/features/store/api/get-store-plans';
import { BillingCycleToggle } from '@/features/store/components/billing-cycle-toggle';
import { PlanCard } from '@/features/store/components/plan-card';
import { isBillingCycle, yearlySavingPercent } from '@/features/store/components/pricing';
import { StorePageError } from '@/features/store/components/store-page-error';
import styles from '@/features/store/components/store.module.css';
import { parseId } from '@/lib/route-params';

export { StorePageError as ErrorBoundary };

const highlights = [
  {
    icon: ZapIcon,
    title: 'Ready in a minute',
    text: 'Your hosting account is created automatically as soon as your payment is confirmed.',
  },
  {
    icon: GlobeIcon,
    title: 'Your own control panel',
    text: 'Manage websites, databases and mailboxes yourself in NextPanel.',
  },
  {
    icon: LockIcon,
    title: 'Secure payments',
    text: 'Card payments are handled on a secure payment page; your card details never reach us.',
  },
] as const;

export function Component() {
  const [searchParams] = useSearchParams();
  const requestedCycle = searchParams.get('cycle');
  const [cycle, setCycle] = useState<BillingCycle>(
    isBillingCycle(requestedCycle) ? requestedCycle : 'monthly',
  );
  const plans = useStorePlans();
  const config = useStoreConfig();
  const cancelledOrder =
    searchParams.get('checkout') === 'cancelled'
      ? parseId(searchParams.get('order') ?? undefined)
      : null;
  const bestSaving = Math.max(0, ...(plans.data ?? []).map(yearlySavingPercent));

  return (
    <>
      <Head title="Hosting plans" />
      <section className={styles.hero}>
        <p className={styles.kicker}>Web hosting</p>
        <h1 className={styles.heroTitle}>Hosting plans that grow with you</h1>
        <p className={styles.heroText}>
          Websites, email and databases on fast NextPanel servers. Pick a plan, pay once a month or
          once a year, and your account is ready minutes later.
        </p>
      </section>

      <div className={styles.notices}>
        {cancelledOrder !== null ? (
          <Alert variant="info" title="Payment cancelled">
            Order #{cancelledOrder} was not paid and you were not charged. Choose a plan below
            whenever you are ready to try again.
          </Alert>
        ) : null}
        {config.data?.payments_enabled === false ? (
          <Alert variant="warning" title="Online payment is not available yet">
            You can still order: your order is recorded, and your hosting company activates it once
            they have received your payment. You can follow it under My account.
          </Alert>
        ) : null}
      </div>

      {plans.isError ? (
        <ErrorState
          title="Could not load our plans"
          error={plans.error}
          onRetry={() => void plans.refetch()}
          isRetrying={plans.isFetching}
        />
      ) : plans.data === undefined ? (
        <div className={styles.plansLoading} role="status" aria-label="Loading plans">
          {[0, 1, 2].map((index) => (
            <div key={index} className={styles.skeletonCard} aria-hidden="true">
              <Skeleton width="45%" height={20} />
              <Skeleton height={14} />
              <Skeleton width="60%" height={40} />
              <Skeleton height={44} />
              <Skeleton width="80%" />
              <Skeleton width="70%" />
              <Skeleton width="75%" />
            </div>
          ))}
        </div>
      ) : plans.data.length === 0 ? (
        <EmptyState
          icon={<StoreIcon size={26} />}
          title="No plans on sale right now"
          description="Our plans are being updated. Please come back a little later."
        />
      ) : (
        <>
          <div className={styles.toggleRow}>
            <BillingCycleToggle value={cycle} onChange={setCycle} yearlySaving={bestSaving} />
          </div>
          <div className={styles.plans}>
            {plans.data.map((plan, index) => (
              <PlanCard
                key={plan.id}
                plan={plan}
                cycle={cycle}
                featured={plans.data.length === 3 && index === 1}
              />
            ))}
          </div>
        </>
      )}

      <section className={styles.highlights} aria-label="Why host with us">
        {highlights.map(({ icon: Icon, title, text }) => (
          <div key={title} className={styles.highlight}>
            <span className={styles.highlightIcon} aria-hidden="true">
              <Icon size={20} />
            </span>
            <div>
              <h2 className={styles.highlightTitle}>{title}</h2>
              <p className={styles.highlightText}>{text}</p>
            </div>
          </div>
        ))}
      </section>
    </>
  );
}
