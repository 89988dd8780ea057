import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `NOTIFY user_auth_changed, '<user id>'` whenever a user's role, active flag, email or password
 * changes, or the user is deleted, whoever writes it (the API, a script, psql). Each API process
 * caches authenticated principals and evicts on this notification (auth/principal-cache.ts).
 * NOTIFY is transactional: listeners hear it when, and only if, the change commits.
 */
export class UserAuthNotify1764300000000 implements MigrationInterface {
  name = 'UserAuthNotify1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One function for both events: a trigger's WHEN clause cannot name NEW for a DELETE, so the
    // "did it really change" test for an UPDATE lives here. `UPDATE OF` alone fires whenever a
    // column is in the SET list, even when set to the value it had (as a full-row save does).
    await queryRunner.query(`
      CREATE FUNCTION users_notify_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE'
           OR OLD.role IS DISTINCT FROM NEW.role
           OR OLD.is_active IS DISTINCT FROM NEW.is_active
           OR OLD.email IS DISTINCT FROM NEW.email
           OR OLD.password_hash IS DISTINCT FROM NEW.password_hash THEN
          PERFORM pg_notify('user_auth_changed', OLD.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_users_auth_changed"
       AFTER UPDATE OF role, is_active, email, password_hash OR DELETE ON "users"
       FOR EACH ROW EXECUTE FUNCTION users_notify_auth_changed()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_users_auth_changed" ON "users"`);
    await queryRunner.query(`DROP FUNCTION users_notify_auth_changed()`);
  }
}
