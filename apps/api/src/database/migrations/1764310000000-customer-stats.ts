import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `customer_stats`: one row holding the number of customers and a version that changes whenever
 * a customer appears, disappears, or changes a field the customer list filters on (email, full
 * name, company, role, is_active). Statement triggers on `users` keep both exact in the writer's
 * own transaction, whoever the writer is (the API, a bulk import, psql).
 *
 * The customers list reads the total from here in the same statement as its page instead of
 * counting 100,000 rows per request, and keys its cache of filtered totals by the version, so a
 * cached total is only ever reused for exactly the set of customers it was counted on.
 */
export class CustomerStats1764310000000 implements MigrationInterface {
  name = 'CustomerStats1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "customer_stats" (
        "id" smallint PRIMARY KEY DEFAULT 1 CONSTRAINT "ck_customer_stats_single_row" CHECK ("id" = 1),
        "customers" bigint NOT NULL,
        "version" bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(
      `INSERT INTO customer_stats (id, customers) SELECT 1, count(*) FROM users WHERE role = 'customer'`,
    );
    // A login writes last_login_at: such updates change nothing here and take no lock on the row.
    await queryRunner.query(`
      CREATE FUNCTION users_customer_stats() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(
      `CREATE TRIGGER "trg_users_customer_stats_insert" AFTER INSERT ON "users"
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION users_customer_stats()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_users_customer_stats_update" AFTER UPDATE ON "users"
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION users_customer_stats()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_users_customer_stats_delete" AFTER DELETE ON "users"
       REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION users_customer_stats()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_users_customer_stats_truncate" AFTER TRUNCATE ON "users"
       FOR EACH STATEMENT EXECUTE FUNCTION users_customer_stats()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_users_customer_stats_truncate" ON "users"`);
    await queryRunner.query(`DROP TRIGGER "trg_users_customer_stats_delete" ON "users"`);
    await queryRunner.query(`DROP TRIGGER "trg_users_customer_stats_update" ON "users"`);
    await queryRunner.query(`DROP TRIGGER "trg_users_customer_stats_insert" ON "users"`);
    await queryRunner.query(`DROP FUNCTION users_customer_stats()`);
    await queryRunner.query(`DROP TABLE "customer_stats"`);
  }
}
