import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764150000000 implements MigrationInterface {
  name = 'InitialSchema1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" SERIAL NOT NULL,
        "email" character varying(254) NOT NULL,
        "password_hash" character varying(255) NOT NULL,
        "full_name" character varying(200) NOT NULL,
        "company_name" character varying(200),
        "phone" character varying(40),
        "role" character varying(20) NOT NULL,
        "is_active" boolean NOT NULL DEFAULT true,
        "last_login_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_users_role" CHECK (role IN ('admin', 'customer')),
        CONSTRAINT "PK_users" PRIMARY KEY ("id")
      )`);
    // Emails are compared case-insensitively: one account per mailbox, whatever the casing.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_users_email_lower" ON "users" (lower("email"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_users_role" ON "users" ("role")`);

    await queryRunner.query(`
      CREATE TABLE "plans" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(100) NOT NULL,
        "description" text,
        "max_databases" integer NOT NULL,
        "max_domains" integer NOT NULL,
        "max_email_accounts" integer NOT NULL,
        "max_disk_gb" integer NOT NULL,
        "price_monthly_cents" integer NOT NULL,
        "price_yearly_cents" integer NOT NULL,
        "currency" character(3) NOT NULL DEFAULT 'USD',
        "nextpanel_package_id" integer,
        "is_active" boolean NOT NULL DEFAULT true,
        "sort_order" integer NOT NULL DEFAULT 0,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_plans_name" UNIQUE ("name"),
        CONSTRAINT "ck_plans_quotas" CHECK (max_databases >= 0 AND max_domains >= 0 AND max_email_accounts >= 0 AND max_disk_gb >= 0),
        CONSTRAINT "ck_plans_prices" CHECK (price_monthly_cents >= 0 AND price_yearly_cents >= 0),
        CONSTRAINT "PK_plans" PRIMARY KEY ("id")
      )`);

    // Fixed-window counters for rate limits, shared by every API instance.
    await queryRunner.query(`
      CREATE UNLOGGED TABLE "rate_limit_buckets" (
        "key" character varying(300) NOT NULL,
        "hits" integer NOT NULL,
        "reset_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_rate_limit_buckets" PRIMARY KEY ("key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_buckets"`);
    await queryRunner.query(`DROP TABLE "plans"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
