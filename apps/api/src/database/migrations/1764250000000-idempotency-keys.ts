import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1764250000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "idempotency_keys" (
        "id" BIGSERIAL NOT NULL,
        "principal" character varying(200) NOT NULL,
        "idempotency_key" character varying(255) NOT NULL,
        "request_method" character varying(10) NOT NULL,
        "request_path" character varying(2048) NOT NULL,
        "request_hash" character varying(64) NOT NULL,
        "state" character varying(20) NOT NULL,
        "lock_token" uuid,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        "response_status" integer,
        "response_body" json,
        "response_headers" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_idempotency_keys" PRIMARY KEY ("id"),
        CONSTRAINT "ck_idempotency_keys_state" CHECK (state IN ('in_progress', 'completed'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_idempotency_keys_principal_key" ON "idempotency_keys" ("principal", "idempotency_key")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_idempotency_keys_expires_at" ON "idempotency_keys" ("expires_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
