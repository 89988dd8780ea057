import { Alert } from '@/components/ui/alert';
import { plural } from '@/lib/format';
import { useEmails } from '../api/get-emails';

/**
 * Says so when emails are held: the API keeps emails in the outbox, unsent, while SMTP_URL is
 * not configured. Customers then get no welcome email, which an admin must know about.
 */
export function HeldEmailsBanner() {
  // One row is enough: only the total matters.
  const held = useEmails({ filters: { status: 'held', page_size: 1 } });
  const total = held.data?.total ?? 0;
  if (total === 0) return null;
  return (
    <Alert
      variant="warning"
      title={`${plural(total, 'email is', 'emails are')} held: sending is not configured`}
    >
      <p>
        The billing API has no <code>SMTP_URL</code>, so emails wait in this outbox instead of going
        out. Customers do not receive their welcome emails with sign-in details until it is set. Set{' '}
        <code>SMTP_URL</code> (and the from address) in the API’s environment and restart it: held
        emails are then sent automatically. Until then, pass sign-in details on to customers
        yourself.
      </p>
    </Alert>
  );
}
