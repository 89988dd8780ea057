import type { ApiKeyScope } from '@nextpanel/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { User } from '../users/user.entity';

/**
 * An integrator's credential. Only the SHA-256 of the secret is stored: the secret has 256 bits
 * of randomness, so a fast hash is enough (nothing to brute-force) and lets a request find its
 * key by an index lookup on the hash. Revoked keys stay, so the audit log keeps its referent.
 */
@Entity('api_keys')
@Unique('uq_api_keys_secret_hash', ['secretHash'])
@Index('ix_api_keys_created_at', ['createdAt'])
export class ApiKey {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The secret's first characters (`nbk_` and 8 more), shown in lists; not enough to use it. */
  @Column({ type: 'varchar', length: 20 })
  keyPrefix!: string;

  /** Hex SHA-256 of the whole secret. */
  @Column({ type: 'character', length: 64 })
  secretHash!: string;

  @Column({ type: 'text', array: true })
  scopes!: ApiKeyScope[];

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lastUsedIp!: string | null;

  @Column({ type: 'integer', nullable: true })
  createdById!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_api_keys_created_by' })
  createdBy?: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
