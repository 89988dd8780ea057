import { BillingCycle, BILLING_CYCLES, LicenseStatus, LICENSE_STATUSES } from '@nextpanel/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Plan } from '../plans/plan.entity';
import { User } from '../users/user.entity';
import { Subscription } from './subscription.entity';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** What a customer bought: a key the panel validates, with the plan's quotas copied at purchase. */
@Entity('licenses')
@Unique('uq_licenses_license_key', ['licenseKey'])
@Index('ix_licenses_customer_id', ['customerId'])
@Index('ix_licenses_status', ['status'])
@Check('ck_licenses_status', `status IN (${list(LICENSE_STATUSES)})`)
@Check('ck_licenses_billing_cycle', `billing_cycle IN (${list(BILLING_CYCLES)})`)
export class License {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  licenseKey!: string;

  @Column({ type: 'integer' })
  customerId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_licenses_customer' })
  customer?: User;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_licenses_plan' })
  plan?: Plan;

  @Column({ type: 'varchar', length: 20 })
  status!: LicenseStatus;

  @Column({ type: 'varchar', length: 10 })
  billingCycle!: BillingCycle;

  @Column({ type: 'integer' })
  maxDatabases!: number;

  @Column({ type: 'integer' })
  maxDomains!: number;

  @Column({ type: 'integer' })
  maxEmailAccounts!: number;

  @Column({ type: 'integer' })
  maxDiskGb!: number;

  @OneToOne(() => Subscription, (subscription) => subscription.license)
  subscription?: Subscription | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
