import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import styles from './checkbox.module.css';

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id'> {
  label: string;
  /** A line under the label: what ticking it does. */
  description?: ReactNode;
  id?: string;
  registration?: UseFormRegisterReturn;
  /** Render as an on/off switch (settings) rather than a tick box. */
  variant?: 'checkbox' | 'switch';
}

export function Checkbox({
  label,
  description,
  id,
  registration,
  variant = 'checkbox',
  className,
  ...props
}: CheckboxProps) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const descriptionId = `${controlId}-description`;
  return (
    <div className={`${styles.row} ${className ?? ''}`}>
      <input
        id={controlId}
        type="checkbox"
        role={variant === 'switch' ? 'switch' : undefined}
        className={variant === 'switch' ? styles.switch : styles.checkbox}
        aria-describedby={description ? descriptionId : undefined}
        {...props}
        {...registration}
      />
      <div className={styles.text}>
        <label htmlFor={controlId} className={styles.label}>
          {label}
        </label>
        {description ? (
          <p id={descriptionId} className={styles.description}>
            {description}
          </p>
        ) : null}
      </div>
    </div>
  );
}
