import type { ReactNode, TextareaHTMLAttributes } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FormField } from '../input/form-field';
import inputStyles from '../input/input.module.css';
import styles from './textarea.module.css';

export interface TextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  error?: string;
  hint?: ReactNode;
  labelAside?: ReactNode;
  id?: string;
  registration?: UseFormRegisterReturn;
}

export function Textarea({
  label,
  error,
  hint,
  labelAside,
  id,
  registration,
  className,
  rows = 3,
  ...props
}: TextareaProps) {
  return (
    <FormField label={label} error={error} hint={hint} labelAside={labelAside} id={id}>
      {(control) => (
        <div className={`${inputStyles.control} ${error ? inputStyles.invalid : ''}`}>
          <textarea
            className={`${inputStyles.input} ${styles.textarea} ${className ?? ''}`}
            rows={rows}
            {...control}
            {...props}
            {...registration}
          />
        </div>
      )}
    </FormField>
  );
}
