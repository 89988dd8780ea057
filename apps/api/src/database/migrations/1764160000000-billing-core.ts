import { MigrationInterface, QueryRunner } from 'typeorm';

export class BillingCore1764160000000 implements MigrationInterface {
  name = 'BillingCore1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "panel_servers" (
        "id" SERIAL NOT NULL,
        "name" character varying(100) NOT NULL,
        "description" text,
        "base_url" character varying(500) NOT NULL,
        "api_key" character varying(200) NOT NULL,
        "api_secret_encrypted" text NOT NULL,
        "capacity" integer NOT NULL,
        "location" character varying(100),
        "is_active" boolean NOT NULL DEFAULT true,
        "is_online" boolean NOT NULL DEFAULT false,
        "last_checked_at" TIMESTAMP WITH TIME ZONE,
        "last_error" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_panel_servers_name" UNIQUE ("name"),
        CONSTRAINT "ck_panel_servers_capacity" CHECK (capacity >= 1),
        CONSTRAINT "PK_panel_servers" PRIMARY KEY ("id")
      )`);

    await queryRunner.query(`
      CREATE TABLE "licenses" (
        "id" SERIAL NOT NULL,
        "license_key" character varying(20) NOT NULL,
        "customer_id" integer NOT NULL,
        "plan_id" uuid NOT NULL,
        "status" character varying(20) NOT NULL,
        "billing_cycle" character varying(10) NOT NULL,
        "max_databases" integer NOT NULL,
        "max_domains" integer NOT NULL,
        "max_email_accounts" integer NOT NULL,
        "max_disk_gb" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_licenses_license_key" UNIQUE ("license_key"),
        CONSTRAINT "ck_licenses_status" CHECK (status IN ('active', 'suspended', 'expired', 'cancelled')),
        CONSTRAINT "ck_licenses_billing_cycle" CHECK (billing_cycle IN ('monthly', 'yearly')),
        CONSTRAINT "PK_licenses" PRIMARY KEY ("id"),
        CONSTRAINT "fk_licenses_customer" FOREIGN KEY ("customer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_licenses_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "ix_licenses_customer_id" ON "licenses" ("customer_id")`);
    await queryRunner.query(`CREATE INDEX "ix_licenses_status" ON "licenses" ("status")`);

    await queryRunner.query(`
      CREATE TABLE "subscriptions" (
        "id" SERIAL NOT NULL,
        "license_id" integer NOT NULL,
        "status" character varying(20) NOT NULL,
        "billing_cycle" character varying(10) NOT NULL,
        "price_cents" integer NOT NULL,
        "currency" character(3) NOT NULL,
        "current_period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "current_period_end" TIMESTAMP WITH TIME ZONE NOT NULL,
        "cancel_at_period_end" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_subscriptions_license_id" UNIQUE ("license_id"),
        CONSTRAINT "ck_subscriptions_status" CHECK (status IN ('active', 'past_due', 'cancelled')),
        CONSTRAINT "ck_subscriptions_billing_cycle" CHECK (billing_cycle IN ('monthly', 'yearly')),
        CONSTRAINT "ck_subscriptions_period" CHECK (current_period_end > current_period_start),
        CONSTRAINT "PK_subscriptions" PRIMARY KEY ("id"),
        CONSTRAINT "fk_subscriptions_license" FOREIGN KEY ("license_id") REFERENCES "licenses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);

    await queryRunner.query(`
      CREATE TABLE "hosting_accounts" (
        "id" SERIAL NOT NULL,
        "customer_id" integer NOT NULL,
        "server_id" integer NOT NULL,
        "license_id" integer,
        "username" character varying(32) NOT NULL,
        "email" character varying(254) NOT NULL,
        "nextpanel_user_id" integer,
        "package_id" integer,
        "status" character varying(20) NOT NULL,
        "status_reason" text,
        "provisioned_at" TIMESTAMP WITH TIME ZONE,
        "terminated_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_hosting_accounts_status" CHECK (status IN ('provisioning', 'active', 'suspended', 'terminated', 'failed')),
        CONSTRAINT "PK_hosting_accounts" PRIMARY KEY ("id"),
        CONSTRAINT "fk_hosting_accounts_customer" FOREIGN KEY ("customer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_hosting_accounts_server" FOREIGN KEY ("server_id") REFERENCES "panel_servers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_hosting_accounts_license" FOREIGN KEY ("license_id") REFERENCES "licenses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_hosting_accounts_customer_id" ON "hosting_accounts" ("customer_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_hosting_accounts_server_status" ON "hosting_accounts" ("server_id", "status")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_hosting_accounts_license_id" ON "hosting_accounts" ("license_id")`,
    );
    // One live account per username: the database, not a check in code, stops a double provision.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_hosting_accounts_live_username" ON "hosting_accounts" ("username")
       WHERE status IN ('provisioning', 'active', 'suspended')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "hosting_accounts"`);
    await queryRunner.query(`DROP TABLE "subscriptions"`);
    await queryRunner.query(`DROP TABLE "licenses"`);
    await queryRunner.query(`DROP TABLE "panel_servers"`);
  }
}
