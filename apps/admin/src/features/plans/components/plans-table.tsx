import type { PlanResponse } from '@nextpanel/shared';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { PencilIcon } from '@/components/ui/icons';
import { CellActions, CellStack, Table } from '@/components/ui/table';
import { QuotaSummary } from '@/features/licenses/components/quota-summary';
import { formatMoney } from '@/lib/format';
import styles from './plans.module.css';

export function PlansTable({
  plans,
  onEdit,
}: {
  plans: readonly PlanResponse[];
  onEdit: (plan: PlanResponse) => void;
}) {
  return (
    <Table caption="Plans">
      <thead>
        <tr>
          <th scope="col">Plan</th>
          <th scope="col" className="numeric">
            Monthly
          </th>
          <th scope="col" className="numeric">
            Yearly
          </th>
          <th scope="col">Quotas</th>
          <th scope="col">Package</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {plans.map((plan) => (
          <tr key={plan.id}>
            <td className={styles.description}>
              <CellStack primary={plan.name} secondary={plan.description ?? undefined} />
            </td>
            <td className="numeric">
              <span className={styles.price}>{formatMoney(plan.price_monthly, plan.currency)}</span>
            </td>
            <td className="numeric">
              <span className={styles.price}>{formatMoney(plan.price_yearly, plan.currency)}</span>
            </td>
            <td>
              <QuotaSummary quotas={plan} />
            </td>
            <td>{plan.nextpanel_package_id ?? <span className={styles.muted}>—</span>}</td>
            <td>
              {plan.is_active ? (
                <Badge tone="success">On sale</Badge>
              ) : (
                <Badge tone="neutral">Not sold</Badge>
              )}
            </td>
            <td>
              <CellActions>
                <Button
                  variant="ghost"
                  size="sm"
                  icon={<PencilIcon size={14} />}
                  aria-label={`Edit ${plan.name}`}
                  onClick={() => onEdit(plan)}
                >
                  Edit
                </Button>
              </CellActions>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
