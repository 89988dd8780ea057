import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentsAndJobs1764170000000 implements MigrationInterface {
  name = 'PaymentsAndJobs1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "jobs" (
        "id" BIGSERIAL NOT NULL,
        "queue" character varying(100) NOT NULL,
        "payload" jsonb NOT NULL DEFAULT '{}',
        "status" character varying(20) NOT NULL DEFAULT 'queued',
        "attempts" integer NOT NULL DEFAULT 0,
        "max_attempts" integer NOT NULL DEFAULT 10,
        "run_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "locked_until" TIMESTAMP WITH TIME ZONE,
        "locked_by" character varying(100),
        "last_error" text,
        "dedupe_key" character varying(200),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_jobs_status" CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        CONSTRAINT "PK_jobs" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_jobs_claimable" ON "jobs" ("queue", "run_at") WHERE status = 'queued'`,
    );
    await queryRunner.query(`CREATE INDEX "ix_jobs_status" ON "jobs" ("status")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_jobs_dedupe_key" ON "jobs" ("dedupe_key") WHERE dedupe_key IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE "email_outbox" (
        "id" BIGSERIAL NOT NULL,
        "recipient" character varying(254) NOT NULL,
        "subject" character varying(300) NOT NULL,
        "template" character varying(50) NOT NULL,
        "text_body_sealed" text NOT NULL,
        "html_body_sealed" text NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "dedupe_key" character varying(200),
        "message_id" character varying(300) NOT NULL,
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_email_outbox_status" CHECK (status IN ('pending', 'held', 'sent', 'failed')),
        CONSTRAINT "PK_email_outbox" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_email_outbox_status" ON "email_outbox" ("status")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_email_outbox_dedupe_key" ON "email_outbox" ("dedupe_key") WHERE dedupe_key IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE "orders" (
        "id" SERIAL NOT NULL,
        "customer_id" integer NOT NULL,
        "plan_id" uuid NOT NULL,
        "billing_cycle" character varying(10) NOT NULL,
        "status" character varying(30) NOT NULL,
        "status_reason" text,
        "amount_cents" integer NOT NULL,
        "currency" character(3) NOT NULL,
        "stripe_checkout_session_id" character varying(255),
        "checkout_url" text,
        "stripe_customer_id" character varying(255),
        "stripe_subscription_id" character varying(255),
        "license_id" integer,
        "hosting_account_id" integer,
        "paid_at" TIMESTAMP WITH TIME ZONE,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_orders_stripe_checkout_session_id" UNIQUE ("stripe_checkout_session_id"),
        CONSTRAINT "ck_orders_status" CHECK (status IN ('pending', 'paid', 'awaiting_capacity', 'completed', 'failed', 'cancelled')),
        CONSTRAINT "ck_orders_billing_cycle" CHECK (billing_cycle IN ('monthly', 'yearly')),
        CONSTRAINT "PK_orders" PRIMARY KEY ("id"),
        CONSTRAINT "fk_orders_customer" FOREIGN KEY ("customer_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_orders_plan" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_orders_license" FOREIGN KEY ("license_id") REFERENCES "licenses"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_orders_hosting_account" FOREIGN KEY ("hosting_account_id") REFERENCES "hosting_accounts"("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "ix_orders_customer_id" ON "orders" ("customer_id")`);
    await queryRunner.query(`CREATE INDEX "ix_orders_status" ON "orders" ("status")`);

    await queryRunner.query(`
      CREATE TABLE "payments" (
        "id" SERIAL NOT NULL,
        "customer_id" integer NOT NULL,
        "order_id" integer,
        "subscription_id" integer,
        "kind" character varying(20) NOT NULL,
        "status" character varying(20) NOT NULL,
        "amount_cents" integer NOT NULL,
        "currency" character(3) NOT NULL,
        "stripe_invoice_id" character varying(255),
        "stripe_event_id" character varying(255),
        "failure_reason" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_payments_kind" CHECK (kind IN ('checkout', 'renewal', 'manual')),
        CONSTRAINT "ck_payments_status" CHECK (status IN ('succeeded', 'failed')),
        CONSTRAINT "PK_payments" PRIMARY KEY ("id"),
        CONSTRAINT "fk_payments_customer" FOREIGN KEY ("customer_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_payments_order" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_payments_subscription" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "ix_payments_customer_id" ON "payments" ("customer_id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_payments_stripe_invoice_id" ON "payments" ("stripe_invoice_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "stripe_events" (
        "id" character varying(255) NOT NULL,
        "type" character varying(100) NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_stripe_events" PRIMARY KEY ("id")
      )`);

    await queryRunner.query(
      `ALTER TABLE "subscriptions" ADD "stripe_subscription_id" character varying(255)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_subscriptions_stripe_subscription_id" ON "subscriptions" ("stripe_subscription_id")
       WHERE stripe_subscription_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "hosting_accounts" ADD "panel_create_attempted_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "hosting_accounts" DROP COLUMN "panel_create_attempted_at"`,
    );
    await queryRunner.query(`DROP INDEX "uq_subscriptions_stripe_subscription_id"`);
    await queryRunner.query(`ALTER TABLE "subscriptions" DROP COLUMN "stripe_subscription_id"`);
    await queryRunner.query(`DROP TABLE "stripe_events"`);
    await queryRunner.query(`DROP TABLE "payments"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP TABLE "email_outbox"`);
    await queryRunner.query(`DROP TABLE "jobs"`);
  }
}
