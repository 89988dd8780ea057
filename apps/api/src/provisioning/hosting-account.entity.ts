import {
  HostingAccountStatus,
  HOSTING_ACCOUNT_STATUSES,
  SuspensionKind,
  SUSPENSION_KINDS,
} from '@nextpanel/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { License } from '../licenses/license.entity';
import { PanelServer } from '../servers/panel-server.entity';
import { User } from '../users/user.entity';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A hosting account on a panel server. A row in `provisioning`, `active` or `suspended` holds one
 * of its server's slots; `failed` and `terminated` rows are kept as history and hold none.
 */
@Entity('hosting_accounts')
@Index('ix_hosting_accounts_customer_id', ['customerId'])
@Index('ix_hosting_accounts_server_status', ['serverId', 'status'])
@Index('ix_hosting_accounts_license_id', ['licenseId'])
@Index('uq_hosting_accounts_live_username', { synchronize: false })
@Check('ck_hosting_accounts_status', `status IN (${list(HOSTING_ACCOUNT_STATUSES)})`)
@Check('ck_hosting_accounts_suspension_kind', `suspension_kind IN (${list(SUSPENSION_KINDS)})`)
export class HostingAccount {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  customerId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_hosting_accounts_customer' })
  customer?: User;

  @Column({ type: 'integer' })
  serverId!: number;

  @ManyToOne(() => PanelServer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'server_id', foreignKeyConstraintName: 'fk_hosting_accounts_server' })
  server?: PanelServer;

  @Column({ type: 'integer', nullable: true })
  licenseId!: number | null;

  @ManyToOne(() => License, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'license_id', foreignKeyConstraintName: 'fk_hosting_accounts_license' })
  license?: License | null;

  @Column({ type: 'varchar', length: 32 })
  username!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'integer', nullable: true })
  nextpanelUserId!: number | null;

  @Column({ type: 'integer', nullable: true })
  packageId!: number | null;

  @Column({ type: 'varchar', length: 20 })
  status!: HostingAccountStatus;

  /** Why it failed, was suspended or terminated; shown to admins. */
  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  /** Set while suspended: whether payment lifts it automatically (`non_payment`) or only an admin. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  suspensionKind!: SuspensionKind | null;

  /**
   * When billing first asked the panel to create this account. A retry that then hears "username
   * exists" cannot tell our interrupted attempt from someone else's account, so it stops and asks
   * an admin rather than guess.
   */
  @Column({ type: 'timestamptz', nullable: true })
  panelCreateAttemptedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  provisionedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  terminatedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
