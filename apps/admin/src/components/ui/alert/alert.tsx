import type { ReactNode } from 'react';
import { AlertCircleIcon, AlertTriangleIcon, CheckCircleIcon, InfoIcon } from '../icons';
import styles from './alert.module.css';

export type AlertVariant = 'error' | 'warning' | 'info' | 'success';

export interface AlertProps {
  variant?: AlertVariant;
  title?: ReactNode;
  children?: ReactNode;
  /** A button or link under the text, e.g. "Try again". */
  action?: ReactNode;
}

const icons = {
  error: AlertCircleIcon,
  warning: AlertTriangleIcon,
  info: InfoIcon,
  success: CheckCircleIcon,
} as const;

/**
 * A message about the page or form. Errors use role="alert" so screen readers announce them the
 * moment they appear; the others are polite status messages.
 */
export function Alert({ variant = 'info', title, children, action }: AlertProps) {
  const Icon = icons[variant];
  return (
    <div
      role={variant === 'error' ? 'alert' : 'status'}
      className={`${styles.alert} ${styles[variant]}`}
    >
      <Icon size={18} className={styles.icon} />
      <div className={styles.content}>
        {title ? <p className={styles.title}>{title}</p> : null}
        {children ? <div className={styles.body}>{children}</div> : null}
        {action ? <div className={styles.action}>{action}</div> : null}
      </div>
    </div>
  );
}
