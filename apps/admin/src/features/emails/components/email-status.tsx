import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { EmailStatus } from '../api/get-emails';

const tones: Record<EmailStatus, BadgeTone> = {
  pending: 'primary',
  held: 'warning',
  sent: 'success',
  failed: 'danger',
};

export const emailStatusLabels: Record<EmailStatus, string> = {
  pending: 'Sending',
  held: 'Held',
  sent: 'Sent',
  failed: 'Failed',
};

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  return <Badge tone={tones[status]}>{emailStatusLabels[status]}</Badge>;
}

const templateLabels: Record<string, string> = {
  welcome: 'Welcome with sign-in details',
  payment_received: 'Payment received',
  payment_failed: 'Payment failed',
  provisioning_failed: 'Provisioning failed (admin alert)',
  awaiting_capacity: 'Awaiting capacity (admin alert)',
};

/** "Welcome with sign-in details"; an unknown template shows its name. */
export function templateLabel(template: string): string {
  return templateLabels[template] ?? template;
}
