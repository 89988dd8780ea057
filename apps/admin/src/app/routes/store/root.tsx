import { Outlet } from 'react-router';
import { StoreLayout } from '@/components/layouts/store-layout';
import { useMyAccount } from '@/features/my-account/api/get-my-account';
import { useCustomerSignOut } from '@/features/store/hooks/use-customer-sign-out';
import { useCustomerSession } from '@/lib/customer-session';

/** Layout route of the customer-facing pages: /store, /store/checkout, /store/sign-in, /my. */
export function Component() {
  const { session } = useCustomerSession();
  const account = useMyAccount({ queryConfig: { enabled: session !== null } });
  const signOut = useCustomerSignOut();
  const customer =
    session === null
      ? null
      : account.data
        ? { name: account.data.full_name, email: account.data.email }
        : undefined;
  return (
    <StoreLayout customer={customer} onSignOut={signOut}>
      <Outlet />
    </StoreLayout>
  );
}
