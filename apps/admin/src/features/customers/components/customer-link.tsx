import { Link } from 'react-router';
import { CellStack } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { useCustomer } from '../api/get-customer';

/**
 * A customer's name linking to their page. Given only an id (an order row) it reads the customer's
 * details, cached and shared with their page; rows that carry their customer (licenses) pass it in.
 */
export function CustomerLink({
  customerId,
  known,
}: {
  customerId: number;
  /** Name and email the caller already has (a license carries its customer): no request then. */
  known?: { full_name: string; email: string } | null;
}) {
  const customer = useCustomer({
    customerId,
    queryConfig: { staleTime: 5 * 60_000, retry: false, enabled: !known },
  });
  const person = known ?? customer.data;
  const label = person?.full_name ?? `Customer #${customerId}`;
  return (
    <CellStack
      primary={<Link to={paths.app.customer.getHref(customerId)}>{label}</Link>}
      secondary={person?.email}
    />
  );
}
