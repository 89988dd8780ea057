import type { ReactNode, SelectHTMLAttributes } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FormField } from '../input/form-field';
import inputStyles from '../input/input.module.css';
import styles from './select.module.css';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  options: readonly SelectOption[];
  error?: string;
  hint?: ReactNode;
  labelAside?: ReactNode;
  id?: string;
  registration?: UseFormRegisterReturn;
  /** Hide the label visually (toolbars), keeping it for screen readers. */
  hideLabel?: boolean;
}

/** A native select: keyboard, screen readers and mobile pickers work as users expect. */
export function Select({
  label,
  options,
  error,
  hint,
  labelAside,
  id,
  registration,
  hideLabel,
  className,
  ...props
}: SelectProps) {
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
        <div className={`${inputStyles.control} ${error ? inputStyles.invalid : ''}`}>
          <select
            className={`${inputStyles.input} ${styles.select} ${className ?? ''}`}
            {...control}
            {...props}
            {...registration}
          >
            {options.map((option) => (
              <option key={option.value} value={option.value} disabled={option.disabled}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </FormField>
  );
}
