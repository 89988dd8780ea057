/** One job of the durable queue, as the Provisioning queue page shows it. */
export interface JobResponse {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  run_at: string;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One email of the outbox, without its body (a welcome email carries a password). */
export interface EmailResponse {
  id: string;
  recipient: string;
  subject: string;
  template: string;
  status: 'pending' | 'held' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}
