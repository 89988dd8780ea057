import type { HTMLAttributes, ReactNode } from 'react';
import styles from './card.module.css';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  description?: ReactNode;
  /** Right side of the header: buttons, a badge. */
  actions?: ReactNode;
  /** `none` for content that brings its own padding (tables). */
  padding?: 'none' | 'md' | 'lg';
  as?: 'section' | 'div' | 'article';
}

export function Card({
  title,
  description,
  actions,
  padding = 'md',
  as: Tag = 'section',
  className,
  children,
  ...props
}: CardProps) {
  const hasHeader = title !== undefined || description !== undefined || actions !== undefined;
  return (
    <Tag className={`${styles.card} ${className ?? ''}`} {...props}>
      {hasHeader ? (
        <header className={styles.header}>
          <div className={styles.headings}>
            {title !== undefined ? <h2 className={styles.title}>{title}</h2> : null}
            {description !== undefined ? <p className={styles.description}>{description}</p> : null}
          </div>
          {actions !== undefined ? <div className={styles.actions}>{actions}</div> : null}
        </header>
      ) : null}
      <div className={styles[`body-${padding}`]}>{children}</div>
    </Tag>
  );
}
