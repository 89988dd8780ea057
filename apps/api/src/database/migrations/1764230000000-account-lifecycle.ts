import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountLifecycle1764230000000 implements MigrationInterface {
  name = 'AccountLifecycle1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "hosting_accounts" ADD "suspension_kind" character varying(20)`,
    );
    await queryRunner.query(
      `ALTER TABLE "hosting_accounts" ADD CONSTRAINT "ck_hosting_accounts_suspension_kind" CHECK (suspension_kind IN ('admin', 'non_payment'))`,
    );
    // Accounts suspended before this column existed were suspended by hand.
    await queryRunner.query(
      `UPDATE "hosting_accounts" SET "suspension_kind" = 'admin' WHERE "status" = 'suspended'`,
    );
    await queryRunner.query(`
      CREATE TABLE "account_actions" (
        "id" BIGSERIAL NOT NULL,
        "account_id" integer NOT NULL,
        "action" character varying(20) NOT NULL,
        "status" character varying(20) NOT NULL,
        "params" jsonb NOT NULL,
        "requested_by" character varying(100) NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "error_code" character varying(50),
        "error_status" integer,
        "job_id" bigint,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_account_actions" PRIMARY KEY ("id"),
        CONSTRAINT "ck_account_actions_action" CHECK (action IN ('suspend', 'unsuspend', 'terminate', 'change_plan', 'reset_password')),
        CONSTRAINT "ck_account_actions_status" CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        CONSTRAINT "fk_account_actions_account" FOREIGN KEY ("account_id") REFERENCES "hosting_accounts"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_account_actions_account_id" ON "account_actions" ("account_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_account_actions_open" ON "account_actions" ("account_id") WHERE status IN ('queued', 'running')`,
    );
    await queryRunner.query(`
      CREATE TABLE "license_events" (
        "id" BIGSERIAL NOT NULL,
        "license_id" integer NOT NULL,
        "from_status" character varying(20),
        "to_status" character varying(20) NOT NULL,
        "actor" character varying(100) NOT NULL,
        "reason" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_license_events" PRIMARY KEY ("id"),
        CONSTRAINT "fk_license_events_license" FOREIGN KEY ("license_id") REFERENCES "licenses"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_license_events_license_id" ON "license_events" ("license_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "license_events"`);
    await queryRunner.query(`DROP TABLE "account_actions"`);
    await queryRunner.query(
      `ALTER TABLE "hosting_accounts" DROP CONSTRAINT "ck_hosting_accounts_suspension_kind"`,
    );
    await queryRunner.query(`ALTER TABLE "hosting_accounts" DROP COLUMN "suspension_kind"`);
  }
}
