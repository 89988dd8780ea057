import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Head } from '@/components/seo/head';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { paths } from '@/config/paths';
import { CustomerSignInForm } from '@/features/store/components/customer-sign-in-form';
import { StorePageError } from '@/features/store/components/store-page-error';
import styles from '@/features/store/components/store.module.css';
import { getCustomerSession, useCustomerSession } from '@/lib/customer-session';
import { safeRedirectPath } from '@/lib/safe-redirect';

export { StorePageError as ErrorBoundary };

export function Component() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Untrusted input: only same-app paths survive; anything else means the customer area.
  const redirectTo = safeRedirectPath(params.get('redirect'), paths.my.account.getHref());
  const { endReason } = useCustomerSession();
  const [wasSignedInOnArrival] = useState(() => getCustomerSession() !== null);

  if (wasSignedInOnArrival) return <Navigate to={redirectTo} replace />;

  return (
    <div className={styles.narrow}>
      <Head title="Sign in" />
      <div className={styles.narrowHeading}>
        <h1 className={styles.pageTitle}>Sign in to your account</h1>
        <p className={styles.pageLead}>Your hosting accounts, license keys, orders and payments.</p>
      </div>
      <Card padding="lg">
        <CustomerSignInForm
          onSignedIn={() => void navigate(redirectTo, { replace: true })}
          notice={
            endReason === 'expired' ? (
              <Alert variant="warning" title="Your session has expired">
                Sign in again to continue.
              </Alert>
            ) : null
          }
        />
      </Card>
      <p className={styles.narrowFooter}>
        New here? <Link to={paths.store.plans.getHref()}>Choose a hosting plan</Link> and create
        your account as you order.
      </p>
    </div>
  );
}
