import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { HostingAccount } from './hosting-account.entity';

/** One change of a hosting account's state, with who or what caused it. */
@Entity('account_events')
@Index('ix_account_events_account_id', ['accountId'])
export class AccountEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'integer' })
  accountId!: number;

  @ManyToOne(() => HostingAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_account_events_account' })
  account?: HostingAccount;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus!: string | null;

  @Column({ type: 'varchar', length: 20 })
  toStatus!: string;

  /** `admin:<user id>`, `customer:<user id>` or `system:<what>` (e.g. `system:orders.fulfil`). */
  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
