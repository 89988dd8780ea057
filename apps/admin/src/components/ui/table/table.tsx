import type { HTMLAttributes, ReactNode, TableHTMLAttributes } from 'react';
import styles from './table.module.css';

export interface TableProps extends TableHTMLAttributes<HTMLTableElement> {
  /** Names the table for screen readers ("Servers"); shown visually only when `showCaption`. */
  caption: string;
  showCaption?: boolean;
  /** While a new page loads the old rows stay, dimmed, instead of a flash of spinner. */
  isStale?: boolean;
}

/**
 * A data table: header row, zebra-free rows with hover, numbers in tabular figures. Scrolls
 * sideways inside its card on narrow screens instead of breaking the layout.
 */
export function Table({
  caption,
  showCaption = false,
  isStale = false,
  className,
  children,
  ...props
}: TableProps) {
  return (
    <div className={styles.scroll}>
      <table
        className={`${styles.table} ${isStale ? styles.stale : ''} ${className ?? ''}`}
        aria-busy={isStale || undefined}
        {...props}
      >
        <caption className={showCaption ? styles.caption : 'visually-hidden'}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** Right-aligned cell content for numbers and row actions. */
export function CellActions({ children }: { children: ReactNode }) {
  return <div className={styles.actions}>{children}</div>;
}

/** Primary line and a muted second line inside one cell ("Acme Inc" / "john@acme.com"). */
export function CellStack({
  primary,
  secondary,
  ...props
}: { primary: ReactNode; secondary?: ReactNode } & HTMLAttributes<HTMLDivElement>) {
  return (
    <div className={styles.stack} {...props}>
      <span className={styles.primary}>{primary}</span>
      {secondary ? <span className={styles.secondary}>{secondary}</span> : null}
    </div>
  );
}

export const tableStyles = styles;
