import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { paths } from '@/config/paths';
import { useCustomerSession } from '@/lib/customer-session';

/**
 * Guards the customer area. Without a customer session (never signed in, expired, or refused by
 * the API) the visitor goes to the store's sign-in, and back here afterwards; after signing out
 * on purpose, to the plans. The admin's session plays no part: it is a different account.
 */
export function RequireCustomer({ children }: { children: ReactNode }) {
  const { session, endReason } = useCustomerSession();
  const location = useLocation();
  if (session === null) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    const to =
      endReason === 'signed-out' ? paths.store.plans.getHref() : paths.store.signIn.getHref(here);
    return <Navigate to={to} replace />;
  }
  return children;
}
