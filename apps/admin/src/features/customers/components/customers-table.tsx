import type { CustomerResponse } from '@nextpanel/shared';
import { Link } from 'react-router';
import { ButtonLink } from '@/components/ui/button';
import { EyeIcon } from '@/components/ui/icons';
import { CellActions, CellStack, Table } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { formatDate } from '@/lib/format';
import { CustomerStatusBadge } from './customer-status-badge';
import styles from './customers.module.css';

export interface CustomersTableProps {
  customers: readonly CustomerResponse[];
  /** The previous page is still shown while the next one loads. */
  isStale?: boolean;
}

export function CustomersTable({ customers, isStale = false }: CustomersTableProps) {
  return (
    <Table caption="Customers" isStale={isStale}>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Company</th>
          <th scope="col">Phone</th>
          <th scope="col">Status</th>
          <th scope="col">Customer since</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {customers.map((customer) => (
          <tr key={customer.id}>
            <td>
              <CellStack
                primary={
                  <Link to={paths.app.customer.getHref(customer.id)} className={styles.nameLink}>
                    {customer.full_name}
                  </Link>
                }
                secondary={customer.email}
              />
            </td>
            <td>{customer.company_name ?? <span className={styles.muted}>—</span>}</td>
            <td className={styles.nowrap}>
              {customer.phone ?? <span className={styles.muted}>—</span>}
            </td>
            <td>
              <CustomerStatusBadge isActive={customer.is_active} />
            </td>
            <td className={styles.nowrap}>{formatDate(customer.created_at)}</td>
            <td>
              <CellActions>
                <ButtonLink
                  to={paths.app.customer.getHref(customer.id)}
                  variant="ghost"
                  size="sm"
                  icon={<EyeIcon size={14} />}
                  aria-label={`View details of ${customer.full_name}`}
                >
                  View details
                </ButtonLink>
              </CellActions>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
