import type { OrderResponse } from '@nextpanel/shared';
import { CellStack, Table } from '@/components/ui/table';
import {
  OrderStatusBadge,
  customerOrderExplanation,
} from '@/features/orders/components/order-status';
import { formatDate, formatDateTime, formatMoney } from '@/lib/format';
import styles from './my-account.module.css';

const cycleLabel = { monthly: 'Monthly', yearly: 'Yearly' } as const;

export function MyOrdersTable({
  orders,
  isStale = false,
}: {
  orders: readonly OrderResponse[];
  isStale?: boolean;
}) {
  return (
    <Table caption="Your orders" isStale={isStale}>
      <thead>
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Plan</th>
          <th scope="col">Amount</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.id}>
            <td>
              <CellStack
                primary={<span className={styles.orderId}>#{order.id}</span>}
                secondary={
                  <span title={formatDateTime(order.created_at)}>
                    {formatDate(order.created_at)}
                  </span>
                }
              />
            </td>
            <td>
              <CellStack primary={order.plan_name} secondary={cycleLabel[order.billing_cycle]} />
            </td>
            <td className={styles.amount}>{formatMoney(order.amount, order.currency)}</td>
            <td>
              <div className={styles.statusCell}>
                <OrderStatusBadge status={order.status} />
                <span className={styles.reason}>{customerOrderExplanation(order)}</span>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
