import {
  AUTOMATION_RUN_STATUSES,
  AUTOMATION_TRIGGERS,
  AutomationItemKind,
  AutomationRunStatus,
  AutomationTrigger,
} from '@nextpanel/shared';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** One pass of the billing automation: when, why, how it ended and what it did, in counts. */
@Entity('automation_runs')
@Index('ix_automation_runs_open', ['status'], { where: `status IN ('queued', 'running')` })
@Check('ck_automation_runs_trigger', `trigger IN (${list(AUTOMATION_TRIGGERS)})`)
@Check('ck_automation_runs_status', `status IN (${list(AUTOMATION_RUN_STATUSES)})`)
export class AutomationRun {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  trigger!: AutomationTrigger;

  @Column({ type: 'varchar', length: 20 })
  status!: AutomationRunStatus;

  /** The moment dates were judged against: a scheduled run's time slot, not its start. */
  @Column({ type: 'timestamptz' })
  asOf!: Date;

  /** `admin:1` for a manual run; null otherwise. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  requestedBy!: string | null;

  @Column({ type: 'bigint', nullable: true })
  jobId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Actions taken (done or queued) per kind. */
  @Column({ type: 'jsonb', default: {} })
  counts!: Partial<Record<AutomationItemKind, number>>;

  @Column({ type: 'integer', default: 0 })
  totalItems!: number;

  @Column({ type: 'integer', default: 0 })
  failedItems!: number;

  @Column({ type: 'integer', default: 0 })
  skippedItems!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
