import type { EnqueueOptions } from '../jobs/job-queue.service';

export const PAYMENT_RECEIVED_QUEUE = 'automation.payment-received';

/**
 * The job a recorded renewal payment enqueues in its own transaction: the automation then
 * reactivates the license and lifts the suspensions non-payment caused (never an admin's). Keyed
 * by the payment's cause (the invoice), so a redelivered or reconciled renewal queues it once.
 */
export function paymentReceivedJob(licenseId: number, cause: string): EnqueueOptions {
  return {
    queue: PAYMENT_RECEIVED_QUEUE,
    payload: { license_id: licenseId },
    dedupeKey: `automation:payment:${cause}`,
  };
}
