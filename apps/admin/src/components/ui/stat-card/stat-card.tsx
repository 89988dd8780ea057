import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Skeleton } from '../skeleton';
import styles from './stat-card.module.css';

export interface StatCardProps {
  label: string;
  /** `undefined` while loading. */
  value: ReactNode;
  /** A line under the number: "3 deactivated", "of 4 servers". */
  hint?: ReactNode;
  icon: ReactNode;
  to?: string;
  tone?: 'primary' | 'success' | 'warning' | 'danger';
  isError?: boolean;
}

/** One headline number on the dashboard, linking to the page behind it. */
export function StatCard({
  label,
  value,
  hint,
  icon,
  to,
  tone = 'primary',
  isError = false,
}: StatCardProps) {
  const body = (
    <>
      <div className={styles.top}>
        <span className={styles.label}>{label}</span>
        <span className={`${styles.icon} ${styles[tone]}`} aria-hidden="true">
          {icon}
        </span>
      </div>
      <div className={styles.value}>
        {isError ? (
          <span className={styles.unavailable}>Unavailable</span>
        ) : value === undefined ? (
          <Skeleton width={72} height={30} />
        ) : (
          value
        )}
      </div>
      {hint ? <div className={styles.hint}>{hint}</div> : null}
    </>
  );
  return to ? (
    <Link to={to} className={`${styles.card} ${styles.link}`}>
      {body}
    </Link>
  ) : (
    <div className={styles.card}>{body}</div>
  );
}
