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
  Index,
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
@Index('uq_subscriptions_stripe_subscription_id', ['stripeSubscriptionId'], {
  unique: true,
  where: 'stripe_subscription_id IS NOT NULL',
})
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

  /** Set when Stripe bills this subscription; renewals (`invoice.paid`) find it by this id. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  stripeSubscriptionId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
