import {
  AUTOMATION_ITEM_KINDS,
  AUTOMATION_ITEM_OUTCOMES,
  AutomationItemKind,
  AutomationItemOutcome,
} from '@nextpanel/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AutomationRun } from './automation-run.entity';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * One thing a run did or tried: an email, a license or account state change. Items are history,
 * so they keep the ids they were about without foreign keys. `dedupe_key` (set when the action
 * was taken) makes it happen once per cause, e.g. one 7-day warning per subscription period,
 * however many runs, replicas or crashes there are; an administrator's undo therefore sticks.
 */
@Entity('automation_run_items')
@Index('ix_automation_run_items_run_id', ['runId', 'id'])
@Index('uq_automation_run_items_dedupe_key', ['dedupeKey'], {
  unique: true,
  where: 'dedupe_key IS NOT NULL',
})
@Check('ck_automation_run_items_kind', `kind IN (${list(AUTOMATION_ITEM_KINDS)})`)
@Check('ck_automation_run_items_outcome', `outcome IN (${list(AUTOMATION_ITEM_OUTCOMES)})`)
export class AutomationRunItem {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'bigint' })
  runId!: string;

  @ManyToOne(() => AutomationRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'fk_automation_run_items_run' })
  run?: AutomationRun;

  @Column({ type: 'varchar', length: 30 })
  kind!: AutomationItemKind;

  @Column({ type: 'varchar', length: 20 })
  outcome!: AutomationItemOutcome;

  @Column({ type: 'integer', nullable: true })
  licenseId!: number | null;

  @Column({ type: 'integer', nullable: true })
  accountId!: number | null;

  @Column({ type: 'integer', nullable: true })
  subscriptionId!: number | null;

  @Column({ type: 'integer', nullable: true })
  customerId!: number | null;

  /** The account action behind a `queued` outcome, to show where it stands now. */
  @Column({ type: 'bigint', nullable: true })
  accountActionId!: string | null;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  dedupeKey!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
