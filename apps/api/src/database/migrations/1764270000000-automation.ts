import { MigrationInterface, QueryRunner } from 'typeorm';

export class Automation1764270000000 implements MigrationInterface {
  name = 'Automation1764270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "automation_runs" (
        "id" BIGSERIAL NOT NULL,
        "trigger" character varying(20) NOT NULL,
        "status" character varying(20) NOT NULL,
        "as_of" TIMESTAMP WITH TIME ZONE NOT NULL,
        "requested_by" character varying(100),
        "job_id" bigint,
        "started_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "counts" jsonb NOT NULL DEFAULT '{}',
        "total_items" integer NOT NULL DEFAULT 0,
        "failed_items" integer NOT NULL DEFAULT 0,
        "skipped_items" integer NOT NULL DEFAULT 0,
        "error" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_automation_runs" PRIMARY KEY ("id"),
        CONSTRAINT "ck_automation_runs_trigger" CHECK (trigger IN ('schedule', 'manual', 'payment')),
        CONSTRAINT "ck_automation_runs_status" CHECK (status IN ('queued', 'running', 'succeeded', 'partial', 'failed'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_automation_runs_open" ON "automation_runs" ("status") WHERE status IN ('queued', 'running')`,
    );
    await queryRunner.query(`
      CREATE TABLE "automation_run_items" (
        "id" BIGSERIAL NOT NULL,
        "run_id" bigint NOT NULL,
        "kind" character varying(30) NOT NULL,
        "outcome" character varying(20) NOT NULL,
        "license_id" integer,
        "account_id" integer,
        "subscription_id" integer,
        "customer_id" integer,
        "account_action_id" bigint,
        "detail" text,
        "dedupe_key" character varying(200),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_automation_run_items" PRIMARY KEY ("id"),
        CONSTRAINT "ck_automation_run_items_kind" CHECK (kind IN ('expiry_warning', 'renewal_reminder', 'suspend_license', 'suspend_account', 'expire_license', 'reactivate_license', 'unsuspend_account', 'cancel_license', 'terminate_account')),
        CONSTRAINT "ck_automation_run_items_outcome" CHECK (outcome IN ('done', 'queued', 'skipped', 'failed')),
        CONSTRAINT "fk_automation_run_items_run" FOREIGN KEY ("run_id") REFERENCES "automation_runs"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_automation_run_items_run_id" ON "automation_run_items" ("run_id", "id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_automation_run_items_dedupe_key" ON "automation_run_items" ("dedupe_key") WHERE dedupe_key IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "automation_run_items"`);
    await queryRunner.query(`DROP TABLE "automation_runs"`);
  }
}
