import type { EmailResponse } from '@nextpanel/shared';
import { Button } from '@/components/ui/button';
import { SendIcon } from '@/components/ui/icons';
import {
  ACTIONS_COLUMN,
  CellActions,
  CellStack,
  Table,
  TableHead,
  type TableColumn,
} from '@/components/ui/table';
import { formatDateTime, formatRelativeTime, plural } from '@/lib/format';
import { EmailStatusBadge, templateLabel } from './email-status';
import styles from './emails.module.css';

export const EMAILS_TABLE_COLUMNS: readonly TableColumn[] = [
  'Recipient',
  'Subject',
  'Status',
  'Queued',
  ACTIONS_COLUMN,
];

export interface EmailsTableProps {
  emails: readonly EmailResponse[];
  isStale?: boolean;
  onResend: (email: EmailResponse) => void;
  resendingId?: string | null;
}

export function isEmailResendable(email: EmailResponse): boolean {
  return email.status === 'failed' || email.status === 'held';
}

export function EmailsTable({
  emails,
  isStale = false,
  onResend,
  resendingId = null,
}: EmailsTableProps) {
  return (
    <Table caption="Emails" isStale={isStale}>
      <TableHead columns={EMAILS_TABLE_COLUMNS} />
      <tbody>
        {emails.map((email) => (
          <tr key={email.id}>
            <td>
              <a href={`mailto:${email.recipient}`} className={styles.recipient}>
                {email.recipient}
              </a>
            </td>
            <td className={styles.subject}>
              <CellStack primary={email.subject} secondary={templateLabel(email.template)} />
            </td>
            <td>
              <div className={styles.statusCell}>
                <EmailStatusBadge status={email.status} />
                {email.status === 'sent' && email.sent_at ? (
                  <span className={styles.meta}>{formatDateTime(email.sent_at)}</span>
                ) : email.attempts > 0 && email.status !== 'held' ? (
                  <span className={styles.meta}>{plural(email.attempts, 'attempt')}</span>
                ) : null}
                {email.last_error && email.status !== 'sent' ? (
                  <span className={styles.error}>{email.last_error}</span>
                ) : null}
              </div>
            </td>
            <td className={styles.nowrap}>
              <CellStack
                primary={formatRelativeTime(email.created_at)}
                secondary={formatDateTime(email.created_at)}
              />
            </td>
            <td>
              <CellActions>
                {isEmailResendable(email) ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    icon={<SendIcon size={14} />}
                    isLoading={resendingId === email.id}
                    onClick={() => onResend(email)}
                    aria-label={`Resend “${email.subject}” to ${email.recipient}`}
                  >
                    Resend
                  </Button>
                ) : null}
              </CellActions>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
