import type { ReactNode } from 'react';
import { Alert } from '../alert';
import { Button } from '../button';
import { Dialog } from './dialog';

export interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** `danger` for what cannot be undone (terminate, delete). */
  tone?: 'primary' | 'danger';
  isPending?: boolean;
  /** Why the last attempt failed, shown in the dialog so the admin can decide what next. */
  error?: ReactNode;
  /** Extra buttons left of Cancel, e.g. "Deactivate instead". */
  extraActions?: ReactNode;
}

/** "Are you sure?" with the consequences spelled out, and the API's refusal shown in place. */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  children,
  confirmLabel,
  tone = 'primary',
  isPending = false,
  error,
  extraActions,
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      size="sm"
      dismissible={!isPending}
      footer={
        <>
          {extraActions}
          <Button variant="secondary" onClick={onClose} disabled={isPending}>
            Cancel
          </Button>
          <Button
            variant={tone === 'danger' ? 'danger' : 'primary'}
            onClick={onConfirm}
            isLoading={isPending}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children ? <div>{children}</div> : null}
      {error ? <Alert variant="error">{error}</Alert> : null}
    </Dialog>
  );
}
