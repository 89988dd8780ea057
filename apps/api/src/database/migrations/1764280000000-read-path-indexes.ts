import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes for the admin's busiest reads; figures in docs/performance.md. */
export class ReadPathIndexes1764280000000 implements MigrationInterface {
  name = 'ReadPathIndexes1764280000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // NULLS LAST must match the list's ORDER BY, or the planner sorts instead of using the index.
    await queryRunner.query(
      `CREATE INDEX "ix_users_customers_newest" ON "users" ("created_at" DESC NULLS LAST, "id" DESC) WHERE role = 'customer'`,
    );
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "ix_users_search_trgm" ON "users" USING gin ("email" gin_trgm_ops, "full_name" gin_trgm_ops, "company_name" gin_trgm_ops) WHERE role = 'customer'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_users_search_trgm"`);
    await queryRunner.query(`DROP INDEX "ix_users_customers_newest"`);
  }
}
