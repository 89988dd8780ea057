import { useEffect, useState } from 'react';
import { CheckIcon, CopyIcon } from '../icons';
import styles from './copy-button.module.css';

export interface CopyButtonProps {
  value: string;
  /** What is copied, for the accessible name: "Copy license key". */
  label: string;
}

/** Copies a value (license key, panel URL, password) to the clipboard and says so. */
export function CopyButton({ value, label }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <button
      type="button"
      className={styles.copy}
      aria-label={copied ? `${label}: copied` : label}
      title={copied ? 'Copied' : label}
      onClick={() => {
        // The Clipboard API needs a secure context; on plain http it is missing and we stay quiet.
        void navigator.clipboard?.writeText(value).then(
          () => setCopied(true),
          () => undefined,
        );
      }}
    >
      {copied ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
    </button>
  );
}
