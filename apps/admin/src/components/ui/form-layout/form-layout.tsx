import type { ReactNode } from 'react';
import styles from './form-layout.module.css';

/** A titled group of fields inside a form ("Connection", "Quotas"), with a line of explanation. */
export function FormSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className={styles.section}>
      <div className={styles.sectionHeading}>
        <h3 className={styles.sectionTitle}>{title}</h3>
        {description ? <p className={styles.sectionDescription}>{description}</p> : null}
      </div>
      <div className={styles.sectionBody}>{children}</div>
    </section>
  );
}

/** Fields side by side on wide screens, stacked on narrow ones. */
export function FormGrid({ columns = 2, children }: { columns?: 2 | 3 | 4; children: ReactNode }) {
  return <div className={`${styles.grid} ${styles[`columns${columns}`]}`}>{children}</div>;
}

/** The row of buttons at the end of a form: secondary actions left, the primary one last. */
export function FormActions({
  children,
  align = 'end',
}: {
  children: ReactNode;
  align?: 'end' | 'between';
}) {
  return (
    <div className={`${styles.actions} ${align === 'between' ? styles.between : ''}`}>
      {children}
    </div>
  );
}

export const formLayoutStyles = styles;
