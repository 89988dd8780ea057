import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { Head } from '@/components/seo/head';
import { Alert } from '@/components/ui/alert';
import { LoginForm } from '@/features/auth/components/login-form';
import { safeRedirectPath } from '@/lib/safe-redirect';
import { getSession, useSession } from '@/lib/session';

export function Component() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  // Untrusted input: only same-app paths survive, anything else means the dashboard.
  const redirectTo = safeRedirectPath(searchParams.get('redirect'));
  const { endReason } = useSession();
  // Checked once on arrival: an admin who is already signed in has nothing to do here. After a
  // successful sign-in the form's onSuccess navigates instead.
  const [wasSignedInOnArrival] = useState(() => getSession() !== null);

  if (wasSignedInOnArrival) return <Navigate to={redirectTo} replace />;

  return (
    <AuthLayout title="Sign in" description="Manage servers, customers, plans and provisioning.">
      <Head title="Sign in" />
      <LoginForm
        onSuccess={() => void navigate(redirectTo, { replace: true })}
        notice={
          endReason === 'expired' ? (
            <Alert variant="warning" title="Your session has expired">
              Sign in again to continue where you left off.
            </Alert>
          ) : endReason === 'signed-out' ? (
            <Alert variant="success" title="You have been signed out" />
          ) : null
        }
      />
    </AuthLayout>
  );
}
