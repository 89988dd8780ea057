import { USAGE_METRICS, UsageMetric } from '@nextpanel/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { HostingAccount } from '../provisioning/hosting-account.entity';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A metric of an account that is above the warning threshold and whose customer was warned. The
 * row is the memory that makes the warning once per crossing: inserting it (primary key) is what
 * sends the email, and it is deleted when usage drops back below the threshold minus the
 * hysteresis, so a later crossing warns again.
 */
@Entity('account_usage_warnings')
@Check('ck_account_usage_warnings_metric', `metric IN (${list(USAGE_METRICS)})`)
export class AccountUsageWarning {
  @PrimaryColumn({ type: 'integer' })
  accountId!: number;

  @ManyToOne(() => HostingAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_account_usage_warnings_account' })
  account?: HostingAccount;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  metric!: UsageMetric;

  /** The percentage that crossed the threshold. */
  @Column({ type: 'double precision' })
  percent!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  warnedAt!: Date;
}
