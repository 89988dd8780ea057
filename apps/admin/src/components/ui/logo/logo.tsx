import { useId } from 'react';
import styles from './logo.module.css';

interface LogoProps {
  /** `light` on dark backgrounds (sidebar, auth panel). */
  tone?: 'light' | 'dark';
  size?: 'md' | 'lg';
}

/** The NextPanel Billing mark and word mark. */
export function Logo({ tone = 'dark', size = 'md' }: LogoProps) {
  return (
    <span className={`${styles.logo} ${styles[tone]} ${styles[size]}`}>
      <LogoMark />
      <span className={styles.wordmark}>
        NextPanel <span className={styles.product}>Billing</span>
      </span>
    </span>
  );
}

export function LogoMark({ size = 32 }: { size?: number }) {
  // Several marks can share a page (sidebar + dialog); SVG ids are document-global.
  const gradientId = useId();
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient
          id={gradientId}
          x1="0"
          y1="0"
          x2="32"
          y2="32"
          gradientUnits="userSpaceOnUse"
        >
          <stop offset="0" stopColor="#3b82f6" />
          <stop offset="1" stopColor="#1d4ed8" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill={`url(#${gradientId})`} />
      <rect x="8" y="8" width="16" height="6" rx="2" fill="#fff" />
      <rect x="8" y="18" width="16" height="6" rx="2" fill="#fff" fillOpacity=".7" />
      <circle cx="11.5" cy="11" r="1.3" fill="#2563eb" />
      <circle cx="11.5" cy="21" r="1.3" fill="#2563eb" />
    </svg>
  );
}
