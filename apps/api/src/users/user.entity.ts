import { UserRole, USER_ROLES } from '@nextpanel/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * Everyone who signs in: administrators and customers share one table, so a customer's id is
 * also their user id (the guide's first customer after the seeded admin is customer 2).
 */
@Entity('users')
@Index('uq_users_email_lower', { synchronize: false })
@Index('ix_users_customers_newest_covering', { synchronize: false })
@Index('ix_users_search_text_trgm', { synchronize: false })
@Index('ix_users_role', ['role'])
@Check('ck_users_role', `role IN (${USER_ROLES.map((r) => `'${r}'`).join(', ')})`)
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 200 })
  fullName!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  companyName!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 20 })
  role!: UserRole;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /**
   * What the customer search matches (migration 1764330000000): computed by PostgreSQL on every
   * write, so TypeORM never writes it, and never read into an entity (`select: false`).
   * `asExpression` must equal the migration's text: TypeORM compares the two, not the catalog's.
   */
  @Column({
    type: 'text',
    nullable: true,
    generatedType: 'STORED',
    asExpression: String.raw`lower(email::text || E'\x1f' || full_name::text || E'\x1f' || coalesce(company_name::text, ''))`,
    insert: false,
    update: false,
    select: false,
  })
  readonly searchText?: string | null;
}
