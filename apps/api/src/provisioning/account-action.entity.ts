import {
  ACCOUNT_ACTION_STATUSES,
  ACCOUNT_ACTION_TYPES,
  AccountActionStatus,
  AccountActionType,
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
  UpdateDateColumn,
} from 'typeorm';
import { HostingAccount } from './hosting-account.entity';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A lifecycle action an admin or the automation asked for, run by the job queue. At most one
 * action per account is open at a time (`uq_account_actions_open`), so two actions never race on
 * the panel.
 */
@Entity('account_actions')
@Index('ix_account_actions_account_id', ['accountId'])
@Index('uq_account_actions_open', { synchronize: false })
@Check('ck_account_actions_action', `action IN (${list(ACCOUNT_ACTION_TYPES)})`)
@Check('ck_account_actions_status', `status IN (${list(ACCOUNT_ACTION_STATUSES)})`)
export class AccountAction {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'integer' })
  accountId!: number;

  @ManyToOne(() => HostingAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_account_actions_account' })
  account?: HostingAccount;

  @Column({ type: 'varchar', length: 20 })
  action!: AccountActionType;

  @Column({ type: 'varchar', length: 20 })
  status!: AccountActionStatus;

  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  /** `admin:<id>`, `api_key:<id>` or `system:<job>`: the same form as account events. */
  @Column({ type: 'varchar', length: 100 })
  requestedBy!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** The error's stable code and HTTP status, so the request that waited can answer with it. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  errorCode!: string | null;

  @Column({ type: 'integer', nullable: true })
  errorStatus!: number | null;

  @Column({ type: 'bigint', nullable: true })
  jobId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
