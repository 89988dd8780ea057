import type { ReactNode } from 'react';
import styles from './description-list.module.css';

export interface DescriptionItem {
  term: string;
  description: ReactNode;
}

/** Label/value pairs (a profile, a result), in a responsive grid. */
export function DescriptionList({
  items,
  columns = 2,
}: {
  items: readonly DescriptionItem[];
  columns?: 1 | 2 | 3;
}) {
  return (
    <dl className={`${styles.list} ${styles[`columns${columns}`]}`}>
      {items.map(({ term, description }) => (
        <div key={term} className={styles.item}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.description}>{description}</dd>
        </div>
      ))}
    </dl>
  );
}
