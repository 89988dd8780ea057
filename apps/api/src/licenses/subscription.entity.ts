import {
  BillingCycle,
  BILLING_CYCLES,
  SubscriptionStatus,
  SUBSCRIPTION_STATUSES,
} from '@nextpanel/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { License } from './license.entity';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** The recurring billing behind a license: what is charged, every how often, and the period paid for. */
@Entity('subscriptions')
@Unique('uq_subscriptions_license_id', ['licenseId'])
@Check('ck_subscriptions_status', `status IN (${list(SUBSCRIPTION_STATUSES)})`)
@Check('ck_subscriptions_billing_cycle', `billing_cycle IN (${list(BILLING_CYCLES)})`)
@Check('ck_subscriptions_period', 'current_period_end > current_period_start')
export class Subscription {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  licenseId!: number;

  @OneToOne(() => License, (license) => license.subscription, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'license_id', foreignKeyConstraintName: 'fk_subscriptions_license' })
  license?: License;

  @Column({ type: 'varchar', length: 20 })
  status!: SubscriptionStatus;

  @Column({ type: 'varchar', length: 10 })
  billingCycle!: BillingCycle;

  @Column({ type: 'integer' })
  priceCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'timestamptz' })
  currentPeriodStart!: Date;

  @Column({ type: 'timestamptz' })
  currentPeriodEnd!: Date;

  @Column({ type: 'boolean', default: false })
  cancelAtPeriodEnd!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
