import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { HostingAccount } from '../provisioning/hosting-account.entity';

/** How the usage collection last went for an account: a failing panel shows here, not as a gap. */
@Entity('account_usage_state')
export class AccountUsageState {
  @PrimaryColumn({ type: 'integer' })
  accountId!: number;

  @ManyToOne(() => HostingAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_account_usage_state_account' })
  account?: HostingAccount;

  @Column({ type: 'timestamptz' })
  lastAttemptAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'integer', default: 0 })
  consecutiveFailures!: number;
}
