import type { ReactNode } from 'react';
import { Alert } from '../alert';
import { Button } from '../button';
import { CopyButton } from '../copy-button';
import { DialogActions } from '../dialog';
import styles from './one-time-secret.module.css';

export interface OneTimeSecretProps {
  /** The secret itself, shown in full with a copy button. */
  secret: string;
  /** Accessible name of the shown secret: "API key Billing sync". */
  secretLabel: string;
  /** Accessible name of the copy button: "Copy API key". */
  copyLabel: string;
  /** The warning's title: "Copy the key now". */
  warningTitle: string;
  /** The warning's text: why it is shown only once and what to do if it is lost. */
  warning: ReactNode;
  /** How to use the secret, in a line or two under it. */
  children?: ReactNode;
  /** A code sample under the hint (curl call, signature check). */
  example?: string;
  /** The button that closes the view: "I have copied the key". */
  doneLabel: string;
  onDone: () => void;
}

/**
 * A secret the server returns once and keeps only hashed or sealed (API key, webhook signing
 * secret): a warning, the value with a copy button, how to use it, and an explicit "copied" step
 * so the dialog is not closed by accident.
 */
export function OneTimeSecret({
  secret,
  secretLabel,
  copyLabel,
  warningTitle,
  warning,
  children,
  example,
  doneLabel,
  onDone,
}: OneTimeSecretProps) {
  return (
    <div className={styles.secret}>
      <Alert variant="warning" title={warningTitle}>
        {warning}
      </Alert>
      <div className={styles.value}>
        <code aria-label={secretLabel}>{secret}</code>
        <CopyButton value={secret} label={copyLabel} />
      </div>
      {children || example ? (
        <div>
          {children ? <p className={styles.hint}>{children}</p> : null}
          {example ? <pre className={styles.example}>{example}</pre> : null}
        </div>
      ) : null}
      <DialogActions>
        <Button onClick={onDone}>{doneLabel}</Button>
      </DialogActions>
    </div>
  );
}
