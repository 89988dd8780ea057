import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { HostingAccount } from '../provisioning/hosting-account.entity';

/** One reading of a hosting account's usage, as its panel reported it; kept `USAGE_RETENTION_DAYS`. */
@Entity('account_usage_samples')
@Index('ix_account_usage_samples_account_sampled_at', ['accountId', 'sampledAt'])
@Index('ix_account_usage_samples_sampled_at', ['sampledAt'])
export class AccountUsageSample {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'integer' })
  accountId!: number;

  @ManyToOne(() => HostingAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_account_usage_samples_account' })
  account?: HostingAccount;

  @CreateDateColumn({ type: 'timestamptz' })
  sampledAt!: Date;

  /** The panel's `storage_used`: megabytes, fractional on real panels. */
  @Column({ type: 'double precision' })
  diskUsedMb!: number;

  @Column({ type: 'integer' })
  databases!: number;

  @Column({ type: 'integer' })
  domains!: number;

  @Column({ type: 'integer' })
  emailAccounts!: number;

  @Column({ type: 'integer' })
  sslCertificates!: number;
}
