import type { PaymentResponse } from '@nextpanel/shared';
import { Badge } from '@/components/ui/badge';
import { Table } from '@/components/ui/table';
import { formatDateTime, formatMoney } from '@/lib/format';
import styles from './my-account.module.css';

const kindLabels: Record<PaymentResponse['kind'], string> = {
  checkout: 'Online payment',
  renewal: 'Subscription renewal',
  manual: 'Payment received by your hosting company',
};

export function MyPaymentsTable({ payments }: { payments: readonly PaymentResponse[] }) {
  return (
    <Table caption="Your payments">
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Description</th>
          <th scope="col">Amount</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {payments.map((payment) => (
          <tr key={payment.id}>
            <td className={styles.nowrap}>{formatDateTime(payment.created_at)}</td>
            <td>
              {kindLabels[payment.kind]}
              {payment.order_id !== null ? (
                <span className={styles.reason}> · order #{payment.order_id}</span>
              ) : null}
            </td>
            <td className={styles.amount}>{formatMoney(payment.amount, payment.currency)}</td>
            <td>
              <div className={styles.statusCell}>
                {payment.status === 'succeeded' ? (
                  <Badge tone="success">Paid</Badge>
                ) : (
                  <Badge tone="danger">Failed</Badge>
                )}
                {payment.failure_reason ? (
                  <span className={styles.reason}>{payment.failure_reason}</span>
                ) : null}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
