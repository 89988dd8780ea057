import { MigrationInterface, QueryRunner } from 'typeorm';

export class ServerMonitoring1764190000000 implements MigrationInterface {
  name = 'ServerMonitoring1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "panel_servers" ADD "response_time_ms" integer`);
    await queryRunner.query(
      `ALTER TABLE "panel_servers" ADD "consecutive_failures" integer NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `ALTER TABLE "panel_servers" ADD "capacity_alerted" boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "panel_servers" DROP COLUMN "capacity_alerted"`);
    await queryRunner.query(`ALTER TABLE "panel_servers" DROP COLUMN "consecutive_failures"`);
    await queryRunner.query(`ALTER TABLE "panel_servers" DROP COLUMN "response_time_ms"`);
  }
}
