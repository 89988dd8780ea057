import type { ReactNode } from 'react';
import styles from './empty-state.module.css';

export interface EmptyStateProps {
  icon?: ReactNode;
  title: string;
  description?: ReactNode;
  /** Primary next step, usually a Button or ButtonLink. */
  action?: ReactNode;
  /** Above the title, e.g. a "Coming soon" badge. */
  eyebrow?: ReactNode;
  /** Heading level inside the page outline (default h2; h1 when it is the whole page). */
  headingLevel?: 1 | 2 | 3;
}

/** What a list or page shows when there is nothing yet: what it is for and what to do next. */
export function EmptyState({
  icon,
  title,
  description,
  action,
  eyebrow,
  headingLevel = 2,
}: EmptyStateProps) {
  const Heading = (['h1', 'h2', 'h3'] as const)[headingLevel - 1] ?? 'h2';
  return (
    <div className={styles.empty}>
      {icon ? (
        <div className={styles.icon} aria-hidden="true">
          {icon}
        </div>
      ) : null}
      {eyebrow ? <div className={styles.eyebrow}>{eyebrow}</div> : null}
      <Heading className={styles.title}>{title}</Heading>
      {description ? <p className={styles.description}>{description}</p> : null}
      {action ? <div className={styles.action}>{action}</div> : null}
    </div>
  );
}
