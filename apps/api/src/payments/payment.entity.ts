import { PaymentKind, PAYMENT_KINDS, PaymentStatus, PAYMENT_STATUSES } from '@nextpanel/shared';
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
import { Subscription } from '../licenses/subscription.entity';
import { Order } from '../orders/order.entity';
import { User } from '../users/user.entity';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Money that came in (or failed to): one row per checkout, renewal invoice or manual payment. */
@Entity('payments')
@Index('ix_payments_customer_id', ['customerId'])
@Index('ix_payments_stripe_invoice_id', ['stripeInvoiceId'])
@Check('ck_payments_kind', `kind IN (${list(PAYMENT_KINDS)})`)
@Check('ck_payments_status', `status IN (${list(PAYMENT_STATUSES)})`)
export class Payment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  customerId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_payments_customer' })
  customer?: User;

  @Column({ type: 'integer', nullable: true })
  orderId!: number | null;

  @ManyToOne(() => Order, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_payments_order' })
  order?: Order | null;

  @Column({ type: 'integer', nullable: true })
  subscriptionId!: number | null;

  @ManyToOne(() => Subscription, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'fk_payments_subscription' })
  subscription?: Subscription | null;

  @Column({ type: 'varchar', length: 20 })
  kind!: PaymentKind;

  @Column({ type: 'varchar', length: 20 })
  status!: PaymentStatus;

  @Column({ type: 'integer' })
  amountCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  stripeInvoiceId!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  stripeEventId!: string | null;

  @Column({ type: 'text', nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
