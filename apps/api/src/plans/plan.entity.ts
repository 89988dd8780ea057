import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/** A hosting product customers buy: quotas the panel enforces and what it costs per cycle. */
@Entity('plans')
@Unique('uq_plans_name', ['name'])
@Check(
  'ck_plans_quotas',
  'max_databases >= 0 AND max_domains >= 0 AND max_email_accounts >= 0 AND max_disk_gb >= 0',
)
@Check('ck_plans_prices', 'price_monthly_cents >= 0 AND price_yearly_cents >= 0')
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'integer' })
  maxDatabases!: number;

  @Column({ type: 'integer' })
  maxDomains!: number;

  @Column({ type: 'integer' })
  maxEmailAccounts!: number;

  @Column({ type: 'integer' })
  maxDiskGb!: number;

  /** Money is kept in minor units (cents) so no price is ever a rounded float. */
  @Column({ type: 'integer' })
  priceMonthlyCents!: number;

  @Column({ type: 'integer' })
  priceYearlyCents!: number;

  @Column({ type: 'char', length: 3, default: 'USD' })
  currency!: string;

  /** The package id the NextPanel panels know this plan by. */
  @Column({ type: 'integer', nullable: true })
  nextpanelPackageId!: number | null;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
