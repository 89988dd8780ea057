import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * A unit of background work, durable in PostgreSQL. Enqueued in the same transaction as the
 * change that calls for it, so the two commit or vanish together; claimed with
 * `FOR UPDATE SKIP LOCKED`, so any number of workers share the queue; a claim is a lease, so a
 * job whose worker died is picked up again when the lease runs out.
 */
@Entity('jobs')
@Index('ix_jobs_claimable', ['queue', 'runAt'], { where: `status = 'queued'` })
@Index('ix_jobs_status', ['status'])
@Index('uq_jobs_dedupe_key', ['dedupeKey'], { unique: true, where: 'dedupe_key IS NOT NULL' })
@Check('ck_jobs_status', `status IN (${JOB_STATUSES.map((s) => `'${s}'`).join(', ')})`)
export class Job {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  queue!: string;

  @Column({ type: 'jsonb', default: {} })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 20, default: 'queued' })
  status!: JobStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'integer', default: 10 })
  maxAttempts!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  runAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  lockedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** Set for work that must happen once per cause (one fulfilment per order, one email per account). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
