import type { ReactNode } from 'react';
import { formatDateTime } from '@/lib/format';
import type { BadgeTone } from '../badge';
import styles from './timeline.module.css';

export interface TimelineEntry {
  id: string;
  /** What happened: "Active → Suspended". */
  title: ReactNode;
  /** ISO time it happened. */
  at: string;
  /** Who or what did it. */
  meta?: ReactNode;
  /** Why, or anything else worth a second line. */
  detail?: ReactNode;
  /** Colours the marker like a badge of the new state. */
  tone?: BadgeTone;
}

/** Events in order (newest first, as the API lists them) on a vertical line. */
export function Timeline({ entries, label }: { entries: readonly TimelineEntry[]; label: string }) {
  return (
    <ol className={styles.timeline} aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.id} className={styles.entry}>
          <span
            className={`${styles.marker} ${styles[entry.tone ?? 'neutral']}`}
            aria-hidden="true"
          />
          <div className={styles.body}>
            <div className={styles.heading}>
              <span className={styles.title}>{entry.title}</span>
              <time className={styles.time} dateTime={entry.at}>
                {formatDateTime(entry.at)}
              </time>
            </div>
            {entry.meta ? <p className={styles.meta}>{entry.meta}</p> : null}
            {entry.detail ? <p className={styles.detail}>{entry.detail}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
