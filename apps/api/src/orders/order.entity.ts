import { BillingCycle, BILLING_CYCLES, OrderStatus, ORDER_STATUSES } from '@nextpanel/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { License } from '../licenses/license.entity';
import { Plan } from '../plans/plan.entity';
import { HostingAccount } from '../provisioning/hosting-account.entity';
import { User } from '../users/user.entity';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** A customer's purchase of a plan, from checkout to a working hosting account. */
@Entity('orders')
@Unique('uq_orders_stripe_checkout_session_id', ['stripeCheckoutSessionId'])
@Index('ix_orders_customer_id', ['customerId'])
@Index('ix_orders_status', ['status'])
@Check('ck_orders_status', `status IN (${list(ORDER_STATUSES)})`)
@Check('ck_orders_billing_cycle', `billing_cycle IN (${list(BILLING_CYCLES)})`)
export class Order {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  customerId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_orders_customer' })
  customer?: User;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_orders_plan' })
  plan?: Plan;

  @Column({ type: 'varchar', length: 10 })
  billingCycle!: BillingCycle;

  @Column({ type: 'varchar', length: 30 })
  status!: OrderStatus;

  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'integer' })
  amountCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  stripeCheckoutSessionId!: string | null;

  @Column({ type: 'text', nullable: true })
  checkoutUrl!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  stripeCustomerId!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  stripeSubscriptionId!: string | null;

  @Column({ type: 'integer', nullable: true })
  licenseId!: number | null;

  @ManyToOne(() => License, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'license_id', foreignKeyConstraintName: 'fk_orders_license' })
  license?: License | null;

  @Column({ type: 'integer', nullable: true })
  hostingAccountId!: number | null;

  @ManyToOne(() => HostingAccount, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'hosting_account_id', foreignKeyConstraintName: 'fk_orders_hosting_account' })
  hostingAccount?: HostingAccount | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
