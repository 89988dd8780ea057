import type { HostingAccountSummary } from '@nextpanel/shared';
import { useCustomer } from '@/features/customers/api/get-customer';

/**
 * The name of an account's customer. The account list carries only `customer_id`, so this reads
 * the customer's details, cached and shared with their page (and with `CustomerLink`); until they
 * arrive, or if they cannot be read, the account's own email stands in.
 */
export function AccountCustomer({
  account,
}: {
  account: Pick<HostingAccountSummary, 'customer_id' | 'email'>;
}) {
  const customer = useCustomer({
    customerId: account.customer_id,
    queryConfig: { staleTime: 5 * 60_000, retry: false },
  });
  return <>{customer.data?.full_name.trim() || account.email}</>;
}
