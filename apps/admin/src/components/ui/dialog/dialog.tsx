import { useCallback, useId, type ReactNode } from 'react';
import { XIcon } from '../icons';
import styles from './dialog.module.css';

export interface DialogProps {
  /** Rendered (and shown modally) only while true. */
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons, right-aligned under the content. */
  footer?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  /** `false` while a request runs: Escape, the backdrop and the close button then do nothing. */
  dismissible?: boolean;
}

/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus, puts it in the top
 * layer, makes the page behind it inert and hands focus back to whatever opened it on close.
 */
export function Dialog(props: DialogProps) {
  if (!props.open) return null;
  return <OpenDialog {...props} />;
}

function OpenDialog({
  onClose,
  title,
  description,
  children,
  footer,
  size = 'md',
  dismissible = true,
}: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  // Stable, so React attaches it once: a new callback each render would close and reopen the dialog.
  const showModally = useCallback((node: HTMLDialogElement | null) => {
    if (node === null) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!node.open) node.showModal();
    return () => {
      // close() restores focus to the opener in browsers; do it ourselves for the others.
      if (node.open) node.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={showModally}
      className={`${styles.dialog} ${styles[size]}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // Escape: we decide, so the element never closes behind React's back.
        event.preventDefault();
        if (dismissible) onClose();
      }}
      onClose={(event) => {
        // The browser may still close it (Chrome does on a repeated Escape): keep React in step.
        // Our own close() (StrictMode re-attaching the ref) is followed by showModal() before
        // this event arrives, so an open dialog here means there is nothing to report.
        if (!event.currentTarget.open) onClose();
      }}
      onMouseDown={(event) => {
        // A press on the backdrop lands on the <dialog> itself, outside the panel.
        if (event.target === event.currentTarget && dismissible) onClose();
      }}
    >
      <div className={styles.panel}>
        <header className={styles.header}>
          <div className={styles.headings}>
            <h2 id={titleId} className={styles.title}>
              {title}
            </h2>
            {description ? (
              <p id={descriptionId} className={styles.description}>
                {description}
              </p>
            ) : null}
          </div>
          <button
            type="button"
            className={styles.close}
            aria-label="Close"
            onClick={onClose}
            disabled={!dismissible}
          >
            <XIcon size={18} />
          </button>
        </header>
        {children ? <div className={styles.body}>{children}</div> : null}
        {footer ? <footer className={styles.footer}>{footer}</footer> : null}
      </div>
    </dialog>
  );
}

/**
 * The button row of a form inside a dialog's body: looks like the dialog footer and stays in
 * view (sticky) while a long form scrolls, so "Save" is never below the fold.
 */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className={styles.formActions}>{children}</div>;
}
