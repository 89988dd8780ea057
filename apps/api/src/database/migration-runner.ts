import { DataSource } from 'typeorm';

/** Arbitrary but fixed: every instance of the API agrees on it, so only one migrates at a time. */
const MIGRATION_LOCK_ID = 724_311_001;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so two API instances starting
 * together cannot apply the same migration twice. Returns the names of the migrations applied.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<string[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lockRunner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID])
      .catch(() => undefined);
    await lockRunner.release();
  }
}

/** SQL the entities would need beyond what the migrations created; empty when they agree. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}
