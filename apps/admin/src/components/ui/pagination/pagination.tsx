import { Button } from '../button';
import { ChevronLeftIcon, ChevronRightIcon } from '../icons';
import styles from './pagination.module.css';

export interface PaginationProps {
  page: number;
  pages: number;
  total: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  /** "customers", "licenses": the range text says what is counted. */
  noun: string;
  isFetching?: boolean;
}

const numberFormat = new Intl.NumberFormat('en-US');

/** "Showing 21–40 of 10,000 customers", with previous/next. */
export function Pagination({
  page,
  pages,
  total,
  pageSize,
  onPageChange,
  noun,
  isFetching = false,
}: PaginationProps) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className={styles.pagination} aria-label={`Pages of ${noun}`}>
      <p className={styles.range} aria-live="polite">
        Showing <strong>{numberFormat.format(first)}</strong>–
        <strong>{numberFormat.format(last)}</strong> of{' '}
        <strong>{numberFormat.format(total)}</strong> {noun}
      </p>
      <div className={styles.controls}>
        <span className={styles.page}>
          Page {numberFormat.format(page)} of {numberFormat.format(Math.max(pages, 1))}
        </span>
        <Button
          variant="secondary"
          size="sm"
          icon={<ChevronLeftIcon size={16} />}
          disabled={page <= 1 || isFetching}
          onClick={() => onPageChange(page - 1)}
        >
          Previous
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={page >= pages || isFetching}
          onClick={() => onPageChange(page + 1)}
        >
          Next
          <ChevronRightIcon size={16} />
        </Button>
      </div>
    </nav>
  );
}
