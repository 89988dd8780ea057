import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1764210000000 implements MigrationInterface {
  name = 'AuditLog1764210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "id" BIGSERIAL NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "actor_type" character varying(20) NOT NULL,
        "actor_id" character varying(64),
        "actor_label" character varying(254) NOT NULL,
        "action" character varying(100) NOT NULL,
        "entity_type" character varying(50) NOT NULL,
        "entity_id" character varying(64),
        "before" jsonb,
        "after" jsonb,
        "ip" character varying(64),
        "request_id" character varying(100),
        CONSTRAINT "PK_audit_log" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_log_occurred_at" ON "audit_log" ("occurred_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_log_entity" ON "audit_log" ("entity_type", "entity_id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_log_action" ON "audit_log" ("action")`);
    await queryRunner.query(`
      CREATE TABLE "settings" (
        "key" character varying(50) NOT NULL,
        "value" jsonb NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_settings" PRIMARY KEY ("key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "settings"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
