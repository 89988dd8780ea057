import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `customer_stats.rows_version`: moves whenever any customer row changes in any column (phone,
 * last_login_at, updated_at and password hash included), or a customer appears or disappears.
 * `version` (migration 1764310000000) moves only on what a filter or total can see, so it keys
 * totals; a search page also shows the other columns, so a page cache needs this one.
 *
 * The triggers bump it in the writer's own transaction, under the `customer_stats` row lock that
 * orders all such writers: the value a snapshot sees therefore counts exactly the customer-changing
 * transactions visible to it, and two snapshots seeing the same value see the same customers.
 *
 * The price: every write to a customer row (a login's last_login_at too) now updates the single
 * stats row, so concurrent customer writers queue on its lock from their write to their commit.
 * `version` and `customers` behave exactly as before.
 */
export class CustomerRowsVersion1764340000000 implements MigrationInterface {
  name = 'CustomerRowsVersion1764340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "customer_stats" ADD "rows_version" bigint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION users_customer_stats() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta bigint;
        changed boolean;
        rows_changed boolean;
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          UPDATE customer_stats
            SET customers = 0, version = version + 1, rows_version = rows_version + 1 WHERE id = 1;
          RETURN NULL;
        ELSIF TG_OP = 'INSERT' THEN
          SELECT count(*) INTO delta FROM new_rows WHERE role = 'customer';
          changed := delta <> 0;
          rows_changed := changed;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT -count(*) INTO delta FROM old_rows WHERE role = 'customer';
          changed := delta <> 0;
          rows_changed := changed;
        ELSE
          SELECT (SELECT count(*) FROM new_rows WHERE role = 'customer')
               - (SELECT count(*) FROM old_rows WHERE role = 'customer')
            INTO delta;
          SELECT EXISTS (
            SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.role = 'customer' OR n.role = 'customer')
              AND (o.email, o.full_name, o.company_name, o.role, o.is_active)
                  IS DISTINCT FROM (n.email, n.full_name, n.company_name, n.role, n.is_active)
          ) INTO changed;
          -- Any column of any row that is or was a customer, even when no value differs.
          SELECT EXISTS (SELECT 1 FROM old_rows WHERE role = 'customer')
              OR EXISTS (SELECT 1 FROM new_rows WHERE role = 'customer')
            INTO rows_changed;
        END IF;
        IF changed OR delta <> 0 THEN
          UPDATE customer_stats
            SET customers = customers + delta, version = version + 1, rows_version = rows_version + 1
            WHERE id = 1;
        ELSIF rows_changed THEN
          UPDATE customer_stats SET rows_version = rows_version + 1 WHERE id = 1;
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Migration 1764310000000's body, character for character.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION users_customer_stats() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta bigint;
        changed boolean;
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          UPDATE customer_stats SET customers = 0, version = version + 1 WHERE id = 1;
          RETURN NULL;
        ELSIF TG_OP = 'INSERT' THEN
          SELECT count(*) INTO delta FROM new_rows WHERE role = 'customer';
          changed := delta <> 0;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT -count(*) INTO delta FROM old_rows WHERE role = 'customer';
          changed := delta <> 0;
        ELSE
          SELECT (SELECT count(*) FROM new_rows WHERE role = 'customer')
               - (SELECT count(*) FROM old_rows WHERE role = 'customer')
            INTO delta;
          SELECT EXISTS (
            SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.role = 'customer' OR n.role = 'customer')
              AND (o.email, o.full_name, o.company_name, o.role, o.is_active)
                  IS DISTINCT FROM (n.email, n.full_name, n.company_name, n.role, n.is_active)
          ) INTO changed;
        END IF;
        IF changed OR delta <> 0 THEN
          UPDATE customer_stats SET customers = customers + delta, version = version + 1 WHERE id = 1;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`ALTER TABLE "customer_stats" DROP COLUMN "rows_version"`);
  }
}
