import { useId, type ReactNode } from 'react';
import styles from './input.module.css';

export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

export interface FormFieldProps {
  label: string;
  /** Validation message; also marks the control `aria-invalid`. */
  error?: string;
  /** Help text under the control. */
  hint?: ReactNode;
  /** Shown right of the label (e.g. "Optional"). */
  labelAside?: ReactNode;
  id?: string;
  /** Keep the label for screen readers only (search boxes in toolbars). */
  hideLabel?: boolean;
  /** Renders the control with the ids that tie it to its label, hint and error. */
  children: (control: FieldControlProps) => ReactNode;
}

/** Label + control + hint + error, wired for screen readers. Any control fits (input, select). */
export function FormField({
  label,
  error,
  hint,
  labelAside,
  id,
  hideLabel = false,
  children,
}: FormFieldProps) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy =
    [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;

  return (
    <div className={styles.field}>
      {hideLabel ? (
        <label htmlFor={controlId} className="visually-hidden">
          {label}
        </label>
      ) : (
        <div className={styles.labelRow}>
          <label htmlFor={controlId} className={styles.label}>
            {label}
          </label>
          {labelAside}
        </div>
      )}
      {children({
        id: controlId,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
      })}
      {error ? (
        <p id={errorId} className={styles.error}>
          {error}
        </p>
      ) : null}
      {hint && !error ? (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
