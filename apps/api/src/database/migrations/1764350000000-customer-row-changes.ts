import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `customer_row_changes`: which customers each move of `customer_stats.rows_version` touched, as
 * their `search_text` before and after (null where the row was not, or is no longer, a customer).
 * A search page cached at rows_version V is still exact at W when no change in (V, W] matched the
 * term before or after: the rows no change touched are the same rows, in the same order, and the
 * changed rows neither were nor are on the page or in its total. So a customer editing their
 * phone no longer throws away every cached search, only the searches that find them.
 *
 * Logged in the writer's own transaction, under the stats row lock that numbers the versions, so
 * a snapshot seeing rows_version W sees every change up to W. A statement touching more than
 * BULK_ROWS customers (an import, a backfill) or a TRUNCATE logs one `every_row` change instead,
 * which every search counts as matching. Every version logs at least one row, and only the last
 * KEPT_VERSIONS versions are kept (every 1,000th version deletes what lies further back, always a
 * prefix): a reader whose range (V, W] no longer starts with version V + 1 treats it as changed.
 * So do versions from before this migration, which have no rows here.
 */
const BULK_ROWS = 100;
const KEPT_VERSIONS = 10000;

export class CustomerRowChanges1764350000000 implements MigrationInterface {
  name = 'CustomerRowChanges1764350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "customer_row_changes" (
        "rows_version" bigint NOT NULL,
        "old_search_text" text,
        "new_search_text" text,
        "every_row" boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_customer_row_changes_rows_version" ON "customer_row_changes" ("rows_version")`,
    );
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION users_customer_stats() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta bigint;
        changed boolean;
        rows_changed boolean;
        touched bigint;
        new_rows_version bigint;
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          UPDATE customer_stats
            SET customers = 0, version = version + 1, rows_version = rows_version + 1 WHERE id = 1
            RETURNING rows_version INTO new_rows_version;
          INSERT INTO customer_row_changes (rows_version, every_row) VALUES (new_rows_version, true);
          RETURN NULL;
        ELSIF TG_OP = 'INSERT' THEN
          SELECT count(*) INTO delta FROM new_rows WHERE role = 'customer';
          changed := delta <> 0;
          rows_changed := changed;
          touched := delta;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT -count(*) INTO delta FROM old_rows WHERE role = 'customer';
          changed := delta <> 0;
          rows_changed := changed;
          touched := -delta;
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
          SELECT count(*) INTO touched FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
            WHERE o.role = 'customer' OR n.role = 'customer';
          rows_changed := touched > 0;
        END IF;
        IF changed OR delta <> 0 THEN
          UPDATE customer_stats
            SET customers = customers + delta, version = version + 1, rows_version = rows_version + 1
            WHERE id = 1
            RETURNING rows_version INTO new_rows_version;
        ELSIF rows_changed THEN
          UPDATE customer_stats SET rows_version = rows_version + 1 WHERE id = 1
            RETURNING rows_version INTO new_rows_version;
        ELSE
          RETURN NULL;
        END IF;

        IF touched > ${BULK_ROWS} THEN
          INSERT INTO customer_row_changes (rows_version, every_row) VALUES (new_rows_version, true);
        ELSIF TG_OP = 'INSERT' THEN
          INSERT INTO customer_row_changes (rows_version, new_search_text)
            SELECT new_rows_version, n.search_text FROM new_rows n WHERE n.role = 'customer';
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO customer_row_changes (rows_version, old_search_text)
            SELECT new_rows_version, o.search_text FROM old_rows o WHERE o.role = 'customer';
        ELSE
          INSERT INTO customer_row_changes (rows_version, old_search_text, new_search_text)
            SELECT new_rows_version,
                   CASE WHEN o.role = 'customer' THEN o.search_text END,
                   CASE WHEN n.role = 'customer' THEN n.search_text END
            FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
            WHERE o.role = 'customer' OR n.role = 'customer';
        END IF;
        IF new_rows_version % 1000 = 0 THEN
          DELETE FROM customer_row_changes
            WHERE rows_version <= new_rows_version - ${KEPT_VERSIONS};
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Migration 1764340000000's body, character for character.
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
    await queryRunner.query(`DROP TABLE "customer_row_changes"`);
  }
}
