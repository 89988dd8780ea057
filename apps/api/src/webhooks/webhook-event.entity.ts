import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One event, written in the transaction of the change it reports. `payload` is the exact JSON
 * body every delivery sends, so retries and resends are byte-for-byte the same.
 */
@Entity('webhook_events')
@Index('ix_webhook_events_created_at', ['createdAt'])
export class WebhookEvent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 50 })
  type!: string;

  @Column({ type: 'text' })
  payload!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
