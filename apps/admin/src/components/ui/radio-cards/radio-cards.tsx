import { useId, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import styles from './radio-cards.module.css';

export interface RadioCardOption {
  value: string;
  /** The accessible name of the radio button. */
  label: string;
  /** Extra lines inside the card (price, quotas). */
  description?: ReactNode;
  /** Top-right of the card (a price, a badge). */
  aside?: ReactNode;
  disabled?: boolean;
}

export interface RadioCardsProps {
  legend: string;
  options: readonly RadioCardOption[];
  registration: UseFormRegisterReturn;
  error?: string;
  columns?: 1 | 2 | 3;
}

/** A choice among a few rich options (a plan, a billing cycle): radio buttons drawn as cards. */
export function RadioCards({ legend, options, registration, error, columns = 1 }: RadioCardsProps) {
  const baseId = useId();
  return (
    <fieldset className={styles.fieldset} aria-invalid={error ? true : undefined}>
      <legend className={styles.legend}>{legend}</legend>
      <div className={`${styles.grid} ${styles[`columns${columns}`]}`}>
        {options.map((option, index) => {
          // The radio is named by its label alone; price and details describe it.
          const labelId = `${baseId}-${index}-label`;
          const asideId = `${baseId}-${index}-aside`;
          const descriptionId = `${baseId}-${index}-description`;
          const describedBy = [
            option.aside ? asideId : null,
            option.description ? descriptionId : null,
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <label
              key={option.value}
              className={`${styles.card} ${option.disabled ? styles.disabled : ''}`}
            >
              <input
                type="radio"
                value={option.value}
                disabled={option.disabled}
                className={styles.radio}
                aria-labelledby={labelId}
                aria-describedby={describedBy || undefined}
                {...registration}
              />
              <span className={styles.content}>
                <span className={styles.head}>
                  <span id={labelId} className={styles.label}>
                    {option.label}
                  </span>
                  {option.aside ? (
                    <span id={asideId} className={styles.aside}>
                      {option.aside}
                    </span>
                  ) : null}
                </span>
                {option.description ? (
                  <span id={descriptionId} className={styles.description}>
                    {option.description}
                  </span>
                ) : null}
              </span>
            </label>
          );
        })}
      </div>
      {error ? <p className={styles.error}>{error}</p> : null}
    </fieldset>
  );
}
