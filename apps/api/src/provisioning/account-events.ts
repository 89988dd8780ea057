import { EntityManager } from 'typeorm';

/** Records a state change of an account in the caller's transaction (or on its own). */
export async function recordAccountEvent(
  manager: Pick<EntityManager, 'query'>,
  event: {
    accountId: number;
    from: string | null;
    to: string;
    actor: string;
    reason?: string | null;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO account_events (account_id, from_status, to_status, actor, reason) VALUES ($1, $2, $3, $4, $5)`,
    [event.accountId, event.from, event.to, event.actor, event.reason ?? null],
  );
}
