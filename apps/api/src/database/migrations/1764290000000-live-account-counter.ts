import { MigrationInterface, QueryRunner } from 'typeorm';

const LIVE = `('provisioning', 'active', 'suspended')`;

/**
 * `panel_servers.live_accounts`, kept exact by statement triggers on `hosting_accounts`: every
 * writer (the API, a bulk import, a manual fix in psql) updates it in its own transaction. Server
 * choice and the servers list read it instead of counting every account ever made on each request.
 */
export class LiveAccountCounter1764290000000 implements MigrationInterface {
  name = 'LiveAccountCounter1764290000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "panel_servers" ADD "live_accounts" integer NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`
      UPDATE panel_servers s SET live_accounts = c.n
      FROM (SELECT server_id, count(*)::int AS n FROM hosting_accounts WHERE status IN ${LIVE} GROUP BY server_id) c
      WHERE c.server_id = s.id`);
    // One net change per server and statement; a statement that changes no slot (most updates)
    // touches no server row.
    await queryRunner.query(`
      CREATE FUNCTION hosting_accounts_count_live() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE panel_servers s SET live_accounts = s.live_accounts + d.n
          FROM (SELECT server_id, count(*)::int AS n FROM new_rows WHERE status IN ${LIVE} GROUP BY server_id) d
          WHERE s.id = d.server_id;
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE panel_servers s SET live_accounts = s.live_accounts - d.n
          FROM (SELECT server_id, count(*)::int AS n FROM old_rows WHERE status IN ${LIVE} GROUP BY server_id) d
          WHERE s.id = d.server_id;
        ELSE
          UPDATE panel_servers s SET live_accounts = s.live_accounts + d.n
          FROM (
            SELECT server_id, sum(n)::int AS n FROM (
              SELECT server_id, -1 AS n FROM old_rows WHERE status IN ${LIVE}
              UNION ALL
              SELECT server_id, 1 AS n FROM new_rows WHERE status IN ${LIVE}
            ) changes GROUP BY server_id HAVING sum(n) <> 0
          ) d
          WHERE s.id = d.server_id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_hosting_accounts_live_insert" AFTER INSERT ON "hosting_accounts"
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hosting_accounts_count_live()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_hosting_accounts_live_update" AFTER UPDATE ON "hosting_accounts"
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hosting_accounts_count_live()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_hosting_accounts_live_delete" AFTER DELETE ON "hosting_accounts"
       REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hosting_accounts_count_live()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER "trg_hosting_accounts_live_delete" ON "hosting_accounts"`,
    );
    await queryRunner.query(
      `DROP TRIGGER "trg_hosting_accounts_live_update" ON "hosting_accounts"`,
    );
    await queryRunner.query(
      `DROP TRIGGER "trg_hosting_accounts_live_insert" ON "hosting_accounts"`,
    );
    await queryRunner.query(`DROP FUNCTION hosting_accounts_count_live()`);
    await queryRunner.query(`ALTER TABLE "panel_servers" DROP COLUMN "live_accounts"`);
  }
}
