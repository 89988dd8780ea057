import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const IDEMPOTENCY_KEY_STATES = ['in_progress', 'completed'] as const;
export type IdempotencyKeyState = (typeof IDEMPOTENCY_KEY_STATES)[number];

/**
 * One `Idempotency-Key` a caller sent with a create request, and what it was answered with.
 * Keys are scoped per principal (`admin:1`, `api_key:7`, `anonymous`): the unique index is the
 * claim, so of two parallel requests with one key exactly one inserts the row and runs.
 * While `in_progress` the row is leased to one request (`lock_token`, `locked_until`, renewed
 * while it runs); once `completed` it holds the response to replay until `expires_at`.
 * Only the service reads and writes it, with SQL; the entity describes the schema.
 */
@Entity('idempotency_keys')
@Index('uq_idempotency_keys_principal_key', ['principal', 'idempotencyKey'], { unique: true })
@Index('ix_idempotency_keys_expires_at', ['expiresAt'])
@Check(
  'ck_idempotency_keys_state',
  `state IN (${IDEMPOTENCY_KEY_STATES.map((s) => `'${s}'`).join(', ')})`,
)
export class IdempotencyKey {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** `<actor type>:<actor id>` of who sent the request, or `anonymous` on public routes. */
  @Column({ type: 'varchar', length: 200 })
  principal!: string;

  @Column({ type: 'varchar', length: 255 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 10 })
  requestMethod!: string;

  @Column({ type: 'varchar', length: 2048 })
  requestPath!: string;

  /** HMAC-SHA-256 (hex) of the canonical JSON body; keyed, because bodies carry passwords. */
  @Column({ type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ type: 'varchar', length: 20 })
  state!: IdempotencyKeyState;

  @Column({ type: 'uuid', nullable: true })
  lockToken!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'integer', nullable: true })
  responseStatus!: number | null;

  /** `json`, not `jsonb`: it keeps the text as sent, so a replay is byte-for-byte the same. */
  @Column({ type: 'json', nullable: true })
  responseBody!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  responseHeaders!: Record<string, string> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
