import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { UserRole, type CurrentUserResponse } from '@nextpanel/shared';
import { StatusLayout } from '@/components/layouts/status-layout';
import { Button } from '@/components/ui/button';
import { AlertCircleIcon, LogOutIcon, RefreshIcon, ShieldIcon } from '@/components/ui/icons';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { NetworkError } from '@/lib/api-client';
import { describeError } from '@/lib/errors';
import { useSession } from '@/lib/session';
import { useCurrentUser } from '../api/get-current-user';
import { useSignOut } from '../hooks/use-sign-out';

const SignedInUserContext = createContext<CurrentUserResponse | null>(null);

/** The admin behind the session. Only inside <RequireAdmin>, which renders nothing else first. */
export function useSignedInUser(): CurrentUserResponse {
  const user = useContext(SignedInUserContext);
  if (user === null) throw new Error('useSignedInUser() is only available inside <RequireAdmin>');
  return user;
}

/**
 * Guards every page but the login page.
 *
 * - no session, or an expired one, or one the API refused (the API client drops it on a 401):
 *   go to /login?redirect=<this page>, so signing in brings the admin back here;
 * - signed out on purpose: go to /login without a redirect;
 * - signed in but not an administrator: say so, with a way to sign out.
 */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { session, endReason } = useSession();
  const location = useLocation();
  const signOut = useSignOut();
  const currentUser = useCurrentUser({ queryConfig: { enabled: session !== null } });

  if (session === null) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    const to =
      endReason === 'signed-out' ? paths.auth.login.getHref() : paths.auth.login.getHref(here);
    return <Navigate to={to} replace />;
  }

  const user = currentUser.data;
  if (user === undefined) {
    if (currentUser.isError) {
      return (
        <StatusLayout
          tone="danger"
          icon={<AlertCircleIcon size={24} />}
          title={
            currentUser.error instanceof NetworkError
              ? 'Cannot reach the billing API'
              : 'Could not load your account'
          }
          actions={
            <>
              <Button
                icon={<RefreshIcon size={16} />}
                isLoading={currentUser.isFetching}
                onClick={() => void currentUser.refetch()}
              >
                Try again
              </Button>
              <Button variant="secondary" icon={<LogOutIcon size={16} />} onClick={signOut}>
                Sign out
              </Button>
            </>
          }
        >
          <p>
            {currentUser.error instanceof NetworkError
              ? 'The dashboard could not talk to the API. Check that it is running, then try again.'
              : describeError(currentUser.error)}
          </p>
        </StatusLayout>
      );
    }
    return <PageSpinner label="Loading your account" />;
  }

  if (user.role !== UserRole.Admin || !user.is_active) {
    return (
      <StatusLayout
        tone="warning"
        icon={<ShieldIcon size={24} />}
        title="This dashboard is for administrators"
        actions={
          <Button variant="secondary" icon={<LogOutIcon size={16} />} onClick={signOut}>
            Sign out
          </Button>
        }
      >
        <p>
          You are signed in as <strong>{user.email}</strong>
          {user.is_active ? ', which is a customer account.' : ', which has been deactivated.'}
        </p>
        <p>Sign out and use an administrator account, or ask an administrator for access.</p>
      </StatusLayout>
    );
  }

  return <SignedInUserContext value={user}>{children}</SignedInUserContext>;
}
