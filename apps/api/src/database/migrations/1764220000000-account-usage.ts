import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountUsage1764220000000 implements MigrationInterface {
  name = 'AccountUsage1764220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "account_usage_samples" (
        "id" BIGSERIAL NOT NULL,
        "account_id" integer NOT NULL,
        "sampled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "disk_used_mb" double precision NOT NULL,
        "databases" integer NOT NULL,
        "domains" integer NOT NULL,
        "email_accounts" integer NOT NULL,
        "ssl_certificates" integer NOT NULL,
        CONSTRAINT "PK_account_usage_samples" PRIMARY KEY ("id"),
        CONSTRAINT "fk_account_usage_samples_account" FOREIGN KEY ("account_id") REFERENCES "hosting_accounts"("id") ON DELETE CASCADE
      )`);
    // (account_id, sampled_at) serves "latest sample" and range reads (scanned backwards for DESC);
    // sampled_at alone serves the retention delete.
    await queryRunner.query(
      `CREATE INDEX "ix_account_usage_samples_account_sampled_at" ON "account_usage_samples" ("account_id", "sampled_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_usage_samples_sampled_at" ON "account_usage_samples" ("sampled_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "account_usage_state" (
        "account_id" integer NOT NULL,
        "last_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_success_at" TIMESTAMP WITH TIME ZONE,
        "last_error" text,
        "consecutive_failures" integer NOT NULL DEFAULT 0,
        CONSTRAINT "PK_account_usage_state" PRIMARY KEY ("account_id"),
        CONSTRAINT "fk_account_usage_state_account" FOREIGN KEY ("account_id") REFERENCES "hosting_accounts"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "account_usage_warnings" (
        "account_id" integer NOT NULL,
        "metric" character varying(20) NOT NULL,
        "percent" double precision NOT NULL,
        "warned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_account_usage_warnings" PRIMARY KEY ("account_id", "metric"),
        CONSTRAINT "ck_account_usage_warnings_metric" CHECK (metric IN ('disk', 'databases', 'domains', 'email_accounts')),
        CONSTRAINT "fk_account_usage_warnings_account" FOREIGN KEY ("account_id") REFERENCES "hosting_accounts"("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "account_usage_warnings"`);
    await queryRunner.query(`DROP TABLE "account_usage_state"`);
    await queryRunner.query(`DROP TABLE "account_usage_samples"`);
  }
}
