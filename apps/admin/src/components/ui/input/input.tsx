import type { InputHTMLAttributes, ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FormField } from './form-field';
import styles from './input.module.css';

export interface InputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  error?: string;
  hint?: ReactNode;
  labelAside?: ReactNode;
  id?: string;
  /** `register('field')` from react-hook-form. */
  registration?: UseFormRegisterReturn;
  /** Inside the box, right-aligned: a unit, a show-password button. */
  trailing?: ReactNode;
  /** Inside the box, left-aligned: a search icon, a currency. */
  leading?: ReactNode;
  hideLabel?: boolean;
}

export function Input({
  label,
  error,
  hint,
  labelAside,
  id,
  registration,
  trailing,
  leading,
  hideLabel,
  className,
  ...props
}: InputProps) {
  return (
    <FormField
      label={label}
      error={error}
      hint={hint}
      labelAside={labelAside}
      id={id}
      hideLabel={hideLabel}
    >
      {(control) => (
        <div
          className={`${styles.control} ${error ? styles.invalid : ''} ${trailing ? styles.hasTrailing : ''} ${leading ? styles.hasLeading : ''}`}
        >
          {leading ? <div className={styles.leading}>{leading}</div> : null}
          <input
            className={`${styles.input} ${className ?? ''}`}
            {...control}
            {...props}
            {...registration}
          />
          {trailing ? <div className={styles.trailing}>{trailing}</div> : null}
        </div>
      )}
    </FormField>
  );
}
