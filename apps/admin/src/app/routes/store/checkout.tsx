import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { BillingCycle, PublicPlanResponse } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import {
  ArrowLeftIcon,
  CheckIcon,
  CompassIcon,
  CreditCardIcon,
  LockIcon,
  ShoppingCartIcon,
  UsersIcon,
} from '@/components/ui/icons';
import { PageSpinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { useMyAccount } from '@/features/my-account/api/get-my-account';
import { CheckoutErrorCode, useCreateCheckout } from '@/features/store/api/create-checkout';
import { useStoreConfig } from '@/features/store/api/get-store-config';
import { useStorePlans } from '@/features/store/api/get-store-plans';
import { BillingCycleToggle } from '@/features/store/components/billing-cycle-toggle';
import { CustomerSignInForm } from '@/features/store/components/customer-sign-in-form';
import { PlanFeatures } from '@/features/store/components/plan-features';
import {
  isBillingCycle,
  perCycle,
  priceFor,
  yearlySavingPercent,
} from '@/features/store/components/pricing';
import { RegisterForm } from '@/features/store/components/register-form';
import { StorePageError } from '@/features/store/components/store-page-error';
import styles from '@/features/store/components/store.module.css';
import { useCustomerSignOut } from '@/features/store/hooks/use-customer-sign-out';
import { ApiError } from '@/lib/api-client';
import { useCustomerSession } from '@/lib/customer-session';
import { describeError } from '@/lib/errors';
import { externalNavigation, isHttpUrl } from '@/lib/external-navigation';
import { formatMoney } from '@/lib/format';

export { StorePageError as ErrorBoundary };

export function Component() {
  const [params, setParams] = useSearchParams();
  const planId = params.get('plan');
  const rawCycle = params.get('cycle');
  const cycle: BillingCycle = isBillingCycle(rawCycle) ? rawCycle : 'monthly';
  const plans = useStorePlans();

  if (plans.isError) {
    return (
      <ErrorState
        title="Could not load our plans"
        error={plans.error}
        onRetry={() => void plans.refetch()}
        isRetrying={plans.isFetching}
      />
    );
  }
  if (plans.data === undefined) return <PageSpinner inline label="Loading your order" />;
  const plan = plans.data.find((candidate) => candidate.id === planId);
  if (plan === undefined) {
    return (
      <>
        <Head title="Plan not available" />
        <Card padding="none">
          <EmptyState
            headingLevel={1}
            icon={<CompassIcon size={26} />}
            title="This plan is not on sale"
            description="It may have been withdrawn, or the link may be incomplete. Have a look at the plans we offer today."
            action={
              <ButtonLink to={paths.store.plans.getHref()} icon={<ArrowLeftIcon size={16} />}>
                See all plans
              </ButtonLink>
            }
          />
        </Card>
      </>
    );
  }
  return (
    <Checkout
      plan={plan}
      cycle={cycle}
      onCycleChange={(next) =>
        setParams(
          (current) => {
            const updated = new URLSearchParams(current);
            updated.set('cycle', next);
            return updated;
          },
          { replace: true },
        )
      }
    />
  );
}

function Checkout({
  plan,
  cycle,
  onCycleChange,
}: {
  plan: PublicPlanResponse;
  cycle: BillingCycle;
  onCycleChange: (cycle: BillingCycle) => void;
}) {
  const { session } = useCustomerSession();
  const signedIn = session !== null;
  const paymentStep = useRef<HTMLDivElement>(null);
  // Once signed in, the next thing to do is the payment button: move focus there.
  const focusPayment = () =>
    requestAnimationFrame(() => paymentStep.current?.querySelector('button')?.focus());

  return (
    <>
      <Head title={`Order ${plan.name}`} />
      <Link to={paths.store.plans.getHref()} className={styles.back}>
        <ArrowLeftIcon size={14} />
        All plans
      </Link>
      <h1 className={styles.pageTitle}>Complete your order</h1>
      <p className={styles.pageLead}>
        Two steps: your account, then payment. Your hosting account is set up as soon as your
        payment is confirmed.
      </p>

      <div className={styles.checkout}>
        <div className={styles.steps}>
          <Card title={<StepTitle number={1} done={signedIn} label="Your account" />}>
            <AccountStep signedIn={signedIn} onReady={focusPayment} />
          </Card>
          <Card title={<StepTitle number={2} idle={!signedIn} label="Payment" />}>
            <div ref={paymentStep}>
              <PaymentStep plan={plan} cycle={cycle} signedIn={signedIn} />
            </div>
          </Card>
        </div>
        <OrderSummary plan={plan} cycle={cycle} onCycleChange={onCycleChange} />
      </div>
    </>
  );
}

function StepTitle({
  number,
  label,
  done = false,
  idle = false,
}: {
  number: number;
  label: string;
  done?: boolean;
  idle?: boolean;
}) {
  return (
    <span className={styles.stepHeading}>
      <span
        className={`${styles.stepNumber} ${done ? styles.stepNumberDone : ''} ${idle ? styles.stepNumberIdle : ''}`}
        aria-hidden="true"
      >
        {done ? <CheckIcon size={14} /> : number}
      </span>
      <span>
        Step {number}: {label}
      </span>
    </span>
  );
}

function AccountStep({ signedIn, onReady }: { signedIn: boolean; onReady: () => void }) {
  const [mode, setMode] = useState<'register' | 'sign-in'>('register');
  const account = useMyAccount({ queryConfig: { enabled: signedIn } });
  const signOut = useCustomerSignOut();

  if (signedIn) {
    return (
      <div className={styles.signedIn}>
        <div className={styles.signedInWho}>
          <span className={styles.signedInIcon} aria-hidden="true">
            <UsersIcon size={18} />
          </span>
          <div>
            <strong>{account.data ? `Signed in as ${account.data.full_name}` : 'Signed in'}</strong>
            {account.data ? <div className={styles.muted}>{account.data.email}</div> : null}
          </div>
        </div>
        <Button variant="ghost" size="sm" onClick={signOut}>
          Not you? Sign out
        </Button>
      </div>
    );
  }

  return (
    <>
      <div className={styles.tabs} role="tablist" aria-label="Account">
        <button
          type="button"
          role="tab"
          aria-selected={mode === 'register'}
          className={`${styles.tab} ${mode === 'register' ? styles.tabActive : ''}`}
          onClick={() => setMode('register')}
        >
          New customer
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={mode === 'sign-in'}
          className={`${styles.tab} ${mode === 'sign-in' ? styles.tabActive : ''}`}
          onClick={() => setMode('sign-in')}
        >
          I already have an account
        </button>
      </div>
      <div role="tabpanel">
        {mode === 'register' ? (
          <RegisterForm
            onRegistered={() => {
              toast.success('Account created', 'You are signed in. One step to go: payment.');
              onReady();
            }}
          />
        ) : (
          <CustomerSignInForm onSignedIn={onReady} />
        )}
      </div>
    </>
  );
}

function PaymentStep({
  plan,
  cycle,
  signedIn,
}: {
  plan: PublicPlanResponse;
  cycle: BillingCycle;
  signedIn: boolean;
}) {
  const navigate = useNavigate();
  const config = useStoreConfig();
  const checkout = useCreateCheckout();
  const [redirecting, setRedirecting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const paymentsEnabled = config.data?.payments_enabled;
  const amount = formatMoney(priceFor(plan, cycle), plan.currency);

  const placeOrder = () => {
    setProblem(null);
    checkout.mutate(
      { plan_id: plan.id, billing_cycle: cycle },
      {
        onSuccess: (result) => {
          if (!isHttpUrl(result.checkout_url)) {
            setProblem('The payment page could not be opened. Please try again in a moment.');
            return;
          }
          setRedirecting(true);
          externalNavigation.assign(result.checkout_url);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === CheckoutErrorCode.PaymentsNotConfigured) {
            // The order is recorded as pending; the hosting company marks it paid.
            toast.info(
              'Order received',
              'Your hosting company activates it once they have received your payment.',
            );
            void navigate(paths.my.account.getHref({ checkout: 'recorded' }));
            return;
          }
          setProblem(describeCheckoutError(error));
        },
      },
    );
  };

  if (!signedIn) {
    return (
      <p className={styles.muted}>
        Create your account or sign in first. You can review everything before you pay.
      </p>
    );
  }

  return (
    <div className={styles.paymentBody}>
      {problem ? (
        <Alert variant="error" title="Your order was not placed">
          {problem}
        </Alert>
      ) : null}
      {paymentsEnabled === false ? (
        <>
          <Alert variant="warning" title="Online payment is not available yet">
            Place your order now: it is recorded straight away, and your hosting company activates
            it once they have received your payment of <strong>{amount}</strong>. You can follow it
            under My account.
          </Alert>
          <Button
            size="lg"
            icon={<ShoppingCartIcon size={18} />}
            isLoading={checkout.isPending}
            onClick={placeOrder}
          >
            Place order
          </Button>
        </>
      ) : (
        <>
          <p>
            You pay <strong>{amount}</strong> per {perCycle[cycle]} on our secure payment page, then
            come straight back here while we set up your hosting account.
          </p>
          <Button
            size="lg"
            icon={<CreditCardIcon size={18} />}
            isLoading={checkout.isPending || redirecting || config.isPending}
            onClick={placeOrder}
          >
            {redirecting ? 'Opening the payment page…' : 'Continue to payment'}
          </Button>
          <p className={styles.paymentNote}>
            <LockIcon size={14} />
            Payments are processed by Stripe. Your card details never reach us.
          </p>
        </>
      )}
    </div>
  );
}

function describeCheckoutError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401)
      return 'Your session has expired. Sign in again above, then place your order.';
    if (error.code === CheckoutErrorCode.PlanInactive)
      return 'This plan was just withdrawn from sale. Please choose another plan.';
    if (error.code === CheckoutErrorCode.PaymentProviderError)
      return 'The payment page could not be opened. Nothing was charged; please try again in a moment.';
  }
  return describeError(error);
}

function OrderSummary({
  plan,
  cycle,
  onCycleChange,
}: {
  plan: PublicPlanResponse;
  cycle: BillingCycle;
  onCycleChange: (cycle: BillingCycle) => void;
}) {
  const amount = formatMoney(priceFor(plan, cycle), plan.currency);
  return (
    <aside className={styles.summary} aria-label="Order summary">
      <Card title="Order summary">
        <div className={styles.summaryPlan}>
          <span className={styles.summaryName}>{plan.name}</span>
          <span className={styles.summaryPrice}>
            {amount} / {perCycle[cycle]}
          </span>
        </div>
        {plan.description ? <p className={styles.muted}>{plan.description}</p> : null}
        <div className={styles.summaryCycle}>
          <BillingCycleToggle
            value={cycle}
            onChange={onCycleChange}
            yearlySaving={yearlySavingPercent(plan)}
          />
        </div>
        <div className={styles.summaryFeatures}>
          <PlanFeatures quotas={plan} />
        </div>
        <div className={styles.summaryTotal}>
          <span>Total {cycle === 'yearly' ? 'per year' : 'per month'}</span>
          <span className={styles.summaryAmount}>{amount}</span>
        </div>
      </Card>
    </aside>
  );
}
