import { WebhookEventType } from '@nextpanel/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Where an integrator wants events POSTed, and which ones. */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  @Column({ type: 'text', array: true })
  eventTypes!: WebhookEventType[];

  /** The signing secret, sealed with SecretBox (`v1.<iv>.<tag>.<ciphertext>`). */
  @Column({ type: 'text' })
  secretSealed!: string;

  /** After a rotation, the old secret keeps signing too (a second `v1=`) until it expires. */
  @Column({ type: 'text', nullable: true })
  previousSecretSealed!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  consecutiveFailures!: number;

  /**
   * The one `webhooks.deliver` job in charge of this endpoint, null when none is needed. Taken and
   * handed on under the row's lock, so two jobs never send to one endpoint at once: deliveries
   * leave in order, each only after the one before it succeeded or was given up.
   */
  @Column({ type: 'bigint', nullable: true })
  deliveryJobId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastDeliveryAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
