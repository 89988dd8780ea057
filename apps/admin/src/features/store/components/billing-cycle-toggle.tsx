import { useId } from 'react';
import type { BillingCycle } from '@nextpanel/shared';
import styles from './store.module.css';

export interface BillingCycleToggleProps {
  value: BillingCycle;
  onChange: (cycle: BillingCycle) => void;
  /** "Save 17%" next to Yearly, when paying yearly is cheaper. */
  yearlySaving?: number;
}

/** Monthly or yearly prices: two native radio buttons drawn as a segmented control. */
export function BillingCycleToggle({ value, onChange, yearlySaving = 0 }: BillingCycleToggleProps) {
  const name = useId();
  return (
    <fieldset className={styles.toggle}>
      <legend className="visually-hidden">Billing cycle</legend>
      {(['monthly', 'yearly'] as const).map((cycle) => (
        <label
          key={cycle}
          className={`${styles.toggleOption} ${value === cycle ? styles.toggleOptionActive : ''}`}
        >
          <input
            type="radio"
            name={name}
            value={cycle}
            checked={value === cycle}
            onChange={() => onChange(cycle)}
            className={styles.toggleInput}
          />
          {cycle === 'monthly' ? 'Monthly' : 'Yearly'}
          {cycle === 'yearly' && yearlySaving > 0 ? (
            <span className={styles.saving}>Save {yearlySaving}%</span>
          ) : null}
        </label>
      ))}
    </fieldset>
  );
}
