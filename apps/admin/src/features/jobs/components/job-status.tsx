import type { JobResponse } from '@nextpanel/shared';
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { paths } from '@/config/paths';
import { JobQueueName, type JobStatus } from '../api/get-jobs';

const tones: Record<JobStatus, BadgeTone> = {
  queued: 'neutral',
  running: 'primary',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

export const jobStatusLabels: Record<JobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function JobStatusBadge({ status }: { status: JobStatus }) {
  return <Badge tone={tones[status]}>{jobStatusLabels[status]}</Badge>;
}

const queueLabels: Record<string, string> = {
  [JobQueueName.OrderFulfilment]: 'Provision order',
  [JobQueueName.EmailSend]: 'Send email',
};

/** "Provision order", "Send email"; an unknown queue shows its name. */
export function queueLabel(queue: string): string {
  return queueLabels[queue] ?? queue;
}

function payloadId(job: JobResponse, key: string): number | null {
  const value = job.payload[key];
  const id =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** What the job works on: a link to its order, or to the outbox for an email. */
export function JobSubject({ job }: { job: JobResponse }) {
  const orderId = payloadId(job, 'order_id');
  if (orderId !== null) return <Link to={paths.app.order.getHref(orderId)}>Order #{orderId}</Link>;
  const emailId = payloadId(job, 'email_id');
  if (emailId !== null) return <Link to={paths.app.emails.getHref()}>Email #{emailId}</Link>;
  return <span>—</span>;
}
