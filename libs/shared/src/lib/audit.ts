/** Who caused a change: a signed-in admin or customer, an integrator's API key, or the system. */
export type AuditActorType = 'admin' | 'customer' | 'api_key' | 'system';

export const AUDIT_ACTOR_TYPES: readonly AuditActorType[] = [
  'admin',
  'customer',
  'api_key',
  'system',
];

/** One recorded change, as the Audit log page shows it. Secrets are replaced by `[redacted]`. */
export interface AuditEntryResponse {
  id: string;
  occurred_at: string;
  actor_type: AuditActorType;
  actor_id: string | null;
  /** The admin's email, the key's name, or the job that acted (`orders.fulfil`). */
  actor_label: string;
  /** `<entity>.<verb>`, e.g. `customer.update`, `account.suspend`. */
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  request_id: string | null;
}

export interface AuditListQuery {
  page?: number;
  page_size?: number;
  actor_type?: AuditActorType;
  /** Matches the actor's label (email, key name, job) case-insensitively. */
  actor?: string;
  /** An exact action, or a prefix ending in `.` (e.g. `account.`). */
  action?: string;
  entity_type?: string;
  entity_id?: string;
  /** ISO timestamps bounding `occurred_at` (from inclusive, to exclusive). */
  from?: string;
  to?: string;
}
