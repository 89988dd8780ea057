import { Outlet } from 'react-router';
import { AppLayout } from '@/components/layouts/app-layout';
import { RequireAdmin, useSignedInUser } from '@/features/auth/components/require-admin';
import { useSignOut } from '@/features/auth/hooks/use-sign-out';

function AppShell() {
  const user = useSignedInUser();
  const signOut = useSignOut();
  return (
    <AppLayout user={user} onSignOut={signOut}>
      <Outlet />
    </AppLayout>
  );
}

/** Layout route of every page behind sign-in. */
export function Component() {
  return (
    <RequireAdmin>
      <AppShell />
    </RequireAdmin>
  );
}
