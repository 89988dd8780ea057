import { NetworkError } from '@/lib/api-client';
import { describeError } from '@/lib/errors';
import { Button } from '../button';
import { AlertTriangleIcon, RefreshIcon } from '../icons';
import styles from './error-state.module.css';

export interface ErrorStateProps {
  /** "Could not load servers". */
  title: string;
  error: unknown;
  onRetry?: () => void;
  isRetrying?: boolean;
  /** `compact` inside a card next to other content; `page` fills a card on its own. */
  size?: 'compact' | 'page';
}

/** A request failed: say what, why in one sentence, and offer to try again. Never a blank page. */
export function ErrorState({
  title,
  error,
  onRetry,
  isRetrying = false,
  size = 'page',
}: ErrorStateProps) {
  const reason =
    error instanceof NetworkError
      ? 'The dashboard could not reach the billing API. Check that it is running.'
      : describeError(error);
  return (
    <div className={`${styles.error} ${styles[size]}`} role="alert">
      <div className={styles.icon} aria-hidden="true">
        <AlertTriangleIcon size={size === 'page' ? 24 : 18} />
      </div>
      <div className={styles.text}>
        <p className={styles.title}>{title}</p>
        <p className={styles.reason}>{reason}</p>
      </div>
      {onRetry ? (
        <Button
          variant="secondary"
          size="sm"
          icon={<RefreshIcon size={14} />}
          onClick={onRetry}
          isLoading={isRetrying}
        >
          Try again
        </Button>
      ) : null}
    </div>
  );
}
