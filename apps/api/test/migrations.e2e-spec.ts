import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { pendingSchemaChanges, runMigrationsExclusively } from '../src/database/migration-runner';
import { MIGRATIONS } from '../src/database/migrations';
import { seedDatabase } from '../src/seed/seed';
import { ADMIN } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

describe('migrations and seed', () => {
  let database: TestDatabase;
  const dataSources: DataSource[] = [];
  const open = async (): Promise<DataSource> => {
    const dataSource = await new DataSource(
      buildDataSourceOptions({ url: database.url, poolSize: 3 }),
    ).initialize();
    dataSources.push(dataSource);
    return dataSource;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(dataSources.map((ds) => ds.destroy()));
    await database.drop();
  });

  it('applies every migration exactly once when two instances start together', async () => {
    const [first, second] = await Promise.all([open(), open()]);
    const [appliedByFirst, appliedBySecond] = await Promise.all([
      runMigrationsExclusively(first),
      runMigrationsExclusively(second),
    ]);
    expect([...appliedByFirst, ...appliedBySecond]).toHaveLength(MIGRATIONS.length);
    const rows: unknown[] = await first.query('SELECT name FROM typeorm_migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it('leaves nothing for the entities to change (migrations match the entities)', async () => {
    expect(await pendingSchemaChanges(dataSources[0])).toEqual([]);
  });

  it('installs only the extensions the migrations ask for (no uuid-ossp)', async () => {
    const rows: Array<{ extname: string }> = await dataSources[0].query(
      `SELECT extname FROM pg_extension ORDER BY extname`,
    );
    expect(rows.map((row) => row.extname)).toEqual(['pg_trgm', 'plpgsql']);
  });

  it('reverts every migration and applies them again', async () => {
    const dataSource = dataSources[0];
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    // TypeORM's own tables: the migrations it ran, and the generated columns' expressions.
    const tables: unknown[] = await dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('typeorm_migrations', 'typeorm_metadata')`,
    );
    expect(await dataSource.query(`SELECT * FROM typeorm_metadata`)).toEqual([]);
    expect(tables).toEqual([]);
    await runMigrationsExclusively(dataSource);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('seeds the admin and three plans idempotently, even concurrently', async () => {
    const dataSource = dataSources[0];
    const runs = await Promise.all([
      seedDatabase(dataSource, ADMIN),
      seedDatabase(dataSources[1], ADMIN),
    ]);
    expect(runs.filter((r) => r.adminCreated)).toHaveLength(1);
    expect(await seedDatabase(dataSource, ADMIN)).toEqual({
      adminCreated: false,
      plansCreated: [],
    });

    const users: Array<{ email: string; role: string; password_hash: string }> =
      await dataSource.query('SELECT email, role, password_hash FROM users');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ email: 'admin@test.com', role: 'admin' });
    expect(users[0].password_hash).toMatch(/^\$argon2id\$/);

    const plans: Array<{
      name: string;
      max_databases: number;
      price_monthly_cents: number;
      price_yearly_cents: number;
    }> = await dataSource.query('SELECT * FROM plans ORDER BY sort_order');
    expect(plans.map((p) => p.name)).toEqual(['Starter', 'Professional Hosting', 'Enterprise']);
    for (const plan of plans) {
      expect(plan.max_databases).toBeGreaterThan(0);
      expect(plan.price_yearly_cents).toBeLessThan(plan.price_monthly_cents * 12);
    }
  });
});
