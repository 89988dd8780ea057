import type { OrderResponse } from '@nextpanel/shared';
import { ConfirmDialog } from '@/components/ui/dialog';
import { toast } from '@/components/ui/toast';
import { describeError } from '@/lib/errors';
import { formatMoney } from '@/lib/format';
import { useMarkOrderPaid } from '../api/mark-order-paid';

export interface MarkPaidDialogProps {
  /** The order to confirm, or null when the dialog is closed. */
  order: OrderResponse | null;
  onClose: () => void;
}

/** "Mark order #12 as paid?": spells out that this starts the whole automated flow. */
export function MarkPaidDialog({ order, onClose }: MarkPaidDialogProps) {
  const markPaid = useMarkOrderPaid();
  const close = () => {
    markPaid.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={order !== null}
      onClose={close}
      title={order ? `Mark order #${order.id} as paid?` : 'Mark as paid?'}
      confirmLabel="Mark as paid"
      isPending={markPaid.isPending}
      error={markPaid.error ? describeError(markPaid.error) : null}
      onConfirm={() => {
        if (order === null) return;
        markPaid.mutate(
          { orderId: order.id },
          {
            onSuccess: (saved) => {
              toast.success(
                `Order #${saved.id} marked as paid`,
                'The license is created and the hosting account is being set up.',
              );
              close();
            },
          },
        );
      }}
    >
      {order ? (
        <p>
          Record that <strong>{formatMoney(order.amount, order.currency)}</strong> for{' '}
          {order.plan_name} ({order.billing_cycle}) was paid outside online checkout, for example by
          bank transfer. This creates the license, provisions the hosting account and emails the
          customer their sign-in details, exactly as an online payment would.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
