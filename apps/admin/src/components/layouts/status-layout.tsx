import type { ReactNode } from 'react';
import { Logo } from '@/components/ui/logo';
import styles from './status-layout.module.css';

export interface StatusLayoutProps {
  icon?: ReactNode;
  /** Colours the icon: `danger` for failures, `warning` for refusals. */
  tone?: 'neutral' | 'warning' | 'danger';
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}

/**
 * A full-screen message outside the app shell: the app failed to load, the API is unreachable,
 * the account may not use this dashboard. Always says what happened and offers a way forward.
 */
export function StatusLayout({
  icon,
  tone = 'neutral',
  title,
  children,
  actions,
}: StatusLayoutProps) {
  return (
    <div className={styles.page}>
      <div className={styles.logo}>
        <Logo />
      </div>
      <main className={styles.card}>
        {icon ? (
          <div className={`${styles.icon} ${styles[tone]}`} aria-hidden="true">
            {icon}
          </div>
        ) : null}
        <h1 className={styles.title}>{title}</h1>
        {children ? <div className={styles.body}>{children}</div> : null}
        {actions ? <div className={styles.actions}>{actions}</div> : null}
      </main>
    </div>
  );
}
