import { MigrationInterface, QueryRunner } from 'typeorm';

export class LicenseValidation1764180000000 implements MigrationInterface {
  name = 'LicenseValidation1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "license_validation_signatures" (
        "server_id" integer NOT NULL,
        "signature" character varying(64) NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_license_validation_signatures" PRIMARY KEY ("server_id", "signature")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_license_validation_signatures_expires_at" ON "license_validation_signatures" ("expires_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "license_validation_signatures"`);
  }
}
