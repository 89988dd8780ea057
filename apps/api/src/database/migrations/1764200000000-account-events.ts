import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountEvents1764200000000 implements MigrationInterface {
  name = 'AccountEvents1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "account_events" (
        "id" BIGSERIAL NOT NULL,
        "account_id" integer NOT NULL,
        "from_status" character varying(20),
        "to_status" character varying(20) NOT NULL,
        "actor" character varying(100) NOT NULL,
        "reason" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_account_events" PRIMARY KEY ("id"),
        CONSTRAINT "fk_account_events_account" FOREIGN KEY ("account_id") REFERENCES "hosting_accounts"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_account_events_account_id" ON "account_events" ("account_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "account_events"`);
  }
}
