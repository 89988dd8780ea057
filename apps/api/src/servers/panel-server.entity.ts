import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/** A NextPanel control-panel server that hosting accounts are provisioned on. */
@Entity('panel_servers')
@Unique('uq_panel_servers_name', ['name'])
@Check('ck_panel_servers_capacity', 'capacity >= 1')
export class PanelServer {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 500 })
  baseUrl!: string;

  @Column({ type: 'varchar', length: 200 })
  apiKey!: string;

  /** AES-256-GCM ciphertext (see SecretBox); the plaintext secret is never stored. */
  @Column({ type: 'text' })
  apiSecretEncrypted!: string;

  @Column({ type: 'integer' })
  capacity!: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  location!: string | null;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ type: 'boolean', default: false })
  isOnline!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastCheckedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'integer', nullable: true })
  responseTimeMs!: number | null;

  /** Failed health checks in a row; the server is marked offline at two. */
  @Column({ type: 'integer', default: 0 })
  consecutiveFailures!: number;

  /** Set while utilisation is above the alert threshold, so each crossing alerts once. */
  @Column({ type: 'boolean', default: false })
  capacityAlerted!: boolean;

  /**
   * Accounts holding a slot, maintained by triggers on `hosting_accounts` (migration
   * 1764290000000). Never written by the app: `save()` must not put a stale count back.
   */
  @Column({ type: 'integer', default: 0, insert: false, update: false })
  liveAccounts!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
