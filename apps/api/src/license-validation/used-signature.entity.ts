import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Signatures already accepted, kept until their timestamp goes stale, so none can be replayed. */
@Entity('license_validation_signatures')
@Index('ix_license_validation_signatures_expires_at', ['expiresAt'])
export class UsedSignature {
  @PrimaryColumn({ type: 'integer' })
  serverId!: number;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  signature!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
