import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const EMAIL_STATUSES = ['pending', 'held', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * The outbox: every email is written here first (in the transaction that calls for it) and sent
 * by a job, so an SMTP outage delays mail but never loses it. Bodies are sealed with the
 * encryption key because a welcome email carries a temporary password; once sent, the stored
 * copy has the password blanked.
 */
@Entity('email_outbox')
@Index('ix_email_outbox_status', ['status'])
@Index('uq_email_outbox_dedupe_key', ['dedupeKey'], {
  unique: true,
  where: 'dedupe_key IS NOT NULL',
})
@Check('ck_email_outbox_status', `status IN (${EMAIL_STATUSES.map((s) => `'${s}'`).join(', ')})`)
export class EmailMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: 'varchar', length: 50 })
  template!: string;

  @Column({ type: 'text' })
  textBodySealed!: string;

  @Column({ type: 'text' })
  htmlBodySealed!: string;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status!: EmailStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'varchar', length: 300 })
  messageId!: string;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
