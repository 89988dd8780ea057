import type { LicenseResponse } from '@nextpanel/shared';
import type { ReactNode } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { CellStack, Table } from '@/components/ui/table';
import { formatDate, formatMoney } from '@/lib/format';
import { LicenseStatusBadge } from './license-status-badge';
import styles from './licenses.module.css';
import { QuotaSummary } from './quota-summary';

export interface LicensesTableProps {
  licenses: readonly LicenseResponse[];
  caption?: string;
  /** A "Customer" column (the licenses page); the customer's own page leaves it out. */
  renderCustomer?: (license: LicenseResponse) => ReactNode;
  /** Row buttons (suspend, reactivate, cancel, history); left out where licenses are read-only. */
  renderActions?: (license: LicenseResponse) => ReactNode;
  isStale?: boolean;
}

const cycleLabel = { monthly: 'Monthly', yearly: 'Yearly' } as const;
const perCycle = { monthly: 'month', yearly: 'year' } as const;

export function LicensesTable({
  licenses,
  caption = 'Licenses',
  renderCustomer,
  renderActions,
  isStale = false,
}: LicensesTableProps) {
  return (
    <Table caption={caption} isStale={isStale}>
      <thead>
        <tr>
          <th scope="col">License key</th>
          {renderCustomer ? <th scope="col">Customer</th> : null}
          <th scope="col">Plan</th>
          <th scope="col">Quotas</th>
          <th scope="col">Status</th>
          <th scope="col">Billing</th>
          {renderActions ? (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {licenses.map((license) => (
          <tr key={license.id}>
            <td>
              <span className={styles.key}>
                {license.license_key}
                <CopyButton
                  value={license.license_key}
                  label={`Copy license key ${license.license_key}`}
                />
              </span>
            </td>
            {renderCustomer ? <td>{renderCustomer(license)}</td> : null}
            <td>
              <CellStack
                primary={license.plan.name}
                secondary={`${cycleLabel[license.billing_cycle]} · since ${formatDate(license.created_at)}`}
              />
            </td>
            <td>
              <QuotaSummary quotas={license} />
            </td>
            <td>
              <LicenseStatusBadge status={license.status} />
            </td>
            <td className={styles.nowrap}>
              {license.subscription ? (
                <CellStack
                  primary={
                    <span className={styles.price}>
                      {formatMoney(license.subscription.price, license.subscription.currency)} /{' '}
                      {perCycle[license.subscription.billing_cycle]}
                    </span>
                  }
                  secondary={
                    license.subscription.cancel_at_period_end
                      ? `Ends ${formatDate(license.subscription.current_period_end)}`
                      : `Renews ${formatDate(license.subscription.current_period_end)}`
                  }
                />
              ) : (
                <span className={styles.muted}>No subscription</span>
              )}
            </td>
            {renderActions ? <td>{renderActions(license)}</td> : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
