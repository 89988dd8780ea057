import type { OrderResponse } from '@nextpanel/shared';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { BanknoteIcon, RefreshIcon } from '@/components/ui/icons';
import {
  ACTIONS_COLUMN,
  CellActions,
  CellStack,
  Table,
  TableHead,
  type TableColumn,
} from '@/components/ui/table';
import { paths } from '@/config/paths';
import { CustomerLink } from '@/features/customers/components/customer-link';
import { formatDateTime, formatMoney, formatRelativeTime } from '@/lib/format';
import { OrderStatusBadge, adminOrderExplanation } from './order-status';
import styles from './orders.module.css';

const cycleLabel = { monthly: 'Monthly', yearly: 'Yearly' } as const;

export const ORDERS_TABLE_COLUMNS: readonly TableColumn[] = [
  'Order',
  'Customer',
  'Plan',
  'Amount',
  'Status',
  ACTIONS_COLUMN,
];

export interface OrdersTableProps {
  orders: readonly OrderResponse[];
  isStale?: boolean;
  onMarkPaid: (order: OrderResponse) => void;
  onRetry: (order: OrderResponse) => void;
  /** The order whose retry is in flight (its button spins). */
  retryingId?: number | null;
}

export function OrdersTable({
  orders,
  isStale = false,
  onMarkPaid,
  onRetry,
  retryingId = null,
}: OrdersTableProps) {
  return (
    <Table caption="Orders" isStale={isStale}>
      <TableHead columns={ORDERS_TABLE_COLUMNS} />
      <tbody>
        {orders.map((order) => (
          <tr key={order.id}>
            <td>
              <CellStack
                primary={
                  <Link
                    to={paths.app.order.getHref(order.id)}
                    className={styles.orderId}
                    aria-label={`Order #${order.id}`}
                  >
                    #{order.id}
                  </Link>
                }
                secondary={
                  <span title={formatDateTime(order.created_at)}>
                    {formatRelativeTime(order.created_at)}
                  </span>
                }
              />
            </td>
            <td>
              <CustomerLink customerId={order.customer_id} />
            </td>
            <td>
              <CellStack primary={order.plan_name} secondary={cycleLabel[order.billing_cycle]} />
            </td>
            <td className={styles.amount}>{formatMoney(order.amount, order.currency)}</td>
            <td>
              <div className={styles.statusCell}>
                <OrderStatusBadge status={order.status} />
                {order.status === 'completed' ? null : (
                  <span className={styles.reason}>{adminOrderExplanation(order)}</span>
                )}
              </div>
            </td>
            <td>
              <CellActions>
                {order.status === 'pending' ? (
                  <Button
                    size="sm"
                    icon={<BanknoteIcon size={14} />}
                    onClick={() => onMarkPaid(order)}
                    aria-label={`Mark order #${order.id} as paid`}
                  >
                    Mark as paid
                  </Button>
                ) : null}
                {order.status === 'failed' || order.status === 'awaiting_capacity' ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    icon={<RefreshIcon size={14} />}
                    isLoading={retryingId === order.id}
                    onClick={() => onRetry(order)}
                    aria-label={`Retry order #${order.id}`}
                  >
                    Retry
                  </Button>
                ) : null}
              </CellActions>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
