import request from 'supertest';
import { loginAs } from './support/auth-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * `customer_stats` (the customers total and the version that keys cached filtered totals) is kept
 * by triggers on `users`; whoever writes, the list's totals must stay exact.
 */
describe('customer stats and list totals', () => {
  let testApp: TestApp;
  let token: string;

  const sql = (text: string, values: unknown[] = []) => testApp.dataSource.query(text, values);
  const stats = async (): Promise<{ customers: number; version: number }> => {
    const [row] = await sql(`SELECT customers, version FROM customer_stats WHERE id = 1`);
    return { customers: Number(row.customers), version: Number(row.version) };
  };
  const recount = async (): Promise<number> =>
    Number((await sql(`SELECT count(*) AS n FROM users WHERE role = 'customer'`))[0].n);
  const list = async (query: string) =>
    (
      await request(testApp.http)
        .get(`/api/v1/customers?${query}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body as { items: Array<{ id: number; email: string }>; total: number; pages: number };
  const insertCustomers = (count: number, prefix: string, extra = '') =>
    sql(
      `INSERT INTO users (email, password_hash, full_name, company_name, role, is_active)
       SELECT '${prefix}' || g || '@stats.test', 'x', 'Stats ${prefix} ' || g, ${extra || 'NULL'}, 'customer', g % 4 <> 0
       FROM generate_series(1, ${count}) g`,
    );

  beforeAll(async () => {
    testApp = await createTestApp();
    token = await loginAs(testApp);
  });
  afterAll(() => testApp.close());

  it('follows bulk inserts, role changes, deletes and rollbacks, and ignores admins', async () => {
    await insertCustomers(500, 'bulk');
    await sql(
      `INSERT INTO users (email, password_hash, full_name, role)
       SELECT 'admin' || g || '@stats.test', 'x', 'Admin ' || g, 'admin' FROM generate_series(1, 3) g`,
    );
    expect((await stats()).customers).toBe(await recount());

    await sql(`UPDATE users SET role = 'admin' WHERE email LIKE 'bulk1_@stats.test'`);
    await sql(`UPDATE users SET role = 'customer' WHERE email = 'admin1@stats.test'`);
    await sql(`DELETE FROM users WHERE email LIKE 'bulk2__@stats.test'`);
    expect((await stats()).customers).toBe(await recount());

    const before = await stats();
    const runner = testApp.dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query(
      `INSERT INTO users (email, password_hash, full_name, role) VALUES ('rolled@stats.test', 'x', 'R', 'customer')`,
    );
    await runner.rollbackTransaction();
    await runner.release();
    expect(await stats()).toEqual(before);
    expect(before.customers).toBe(await recount());
  });

  it('changes the version only when a filtered list could change', async () => {
    const version = async () => (await stats()).version;
    let last = await version();
    const expectChange = async (changed: boolean) => {
      const now = await version();
      expect(now !== last).toBe(changed);
      last = now;
    };
    // A sign-in (last_login_at), a phone or a password change: no list filters on them.
    await sql(`UPDATE users SET last_login_at = now() WHERE role = 'customer'`);
    await expectChange(false);
    await sql(`UPDATE users SET phone = '+1 555 0100', password_hash = 'y' WHERE id IN (
      SELECT id FROM users WHERE role = 'customer' LIMIT 5)`);
    await expectChange(false);
    await sql(`UPDATE users SET full_name = full_name WHERE role = 'customer'`);
    await expectChange(false);
    // An admin's own details are not in the customers list.
    await sql(`UPDATE users SET full_name = 'Another Admin' WHERE email = 'admin2@stats.test'`);
    await expectChange(false);

    for (const change of [
      `UPDATE users SET full_name = 'Renamed' WHERE email = 'bulk3@stats.test'`,
      `UPDATE users SET email = 'bulk3-moved@stats.test' WHERE email = 'bulk3@stats.test'`,
      `UPDATE users SET company_name = 'Acme' WHERE email = 'bulk5@stats.test'`,
      `UPDATE users SET is_active = NOT is_active WHERE email = 'bulk5@stats.test'`,
      `UPDATE users SET role = 'admin' WHERE email = 'bulk6@stats.test'`,
      `INSERT INTO users (email, password_hash, full_name, role) VALUES ('new@stats.test', 'x', 'N', 'customer')`,
      `DELETE FROM users WHERE email = 'new@stats.test'`,
    ]) {
      await sql(change);
      await expectChange(true);
    }
  });

  it('answers exact totals for plain and filtered lists, even after changes made behind its back', async () => {
    const plain = await list('page=1&page_size=7');
    expect(plain.total).toBe(await recount());
    expect(plain.items).toHaveLength(7);
    // Past the last page: no rows, and still the total.
    const beyond = await list('page=100000&page_size=100');
    expect(beyond).toMatchObject({ items: [], total: plain.total });

    const exact = async (where: string) =>
      Number(
        (await sql(`SELECT count(*) AS n FROM users WHERE role = 'customer' AND ${where}`))[0].n,
      );
    const searchWhere = `(email ILIKE '%bulk4%' OR full_name ILIKE '%bulk4%' OR company_name ILIKE '%bulk4%')`;

    const first = await list('search=BULK4&page_size=5');
    expect(first.total).toBe(await exact(searchWhere));
    // Paging through the same search: the total is the same, and so is the answer.
    expect((await list('search=bulk4&page=2&page_size=5')).total).toBe(first.total);

    // Customers that match, added and changed by SQL: the next request counts them.
    await insertCustomers(3, 'late-bulk4-');
    const afterInsert = await list('search=bulk4&page_size=5');
    expect(afterInsert.total).toBe(first.total + 3);
    expect(afterInsert.total).toBe(await exact(searchWhere));
    await sql(
      `UPDATE users SET full_name = 'No longer matching' WHERE email = 'late-bulk4-1@stats.test'`,
    );
    await sql(
      `UPDATE users SET email = 'renamed-1@stats.test' WHERE email = 'late-bulk4-1@stats.test'`,
    );
    expect((await list('search=bulk4&page_size=5')).total).toBe(first.total + 2);

    const active = await list('is_active=true&page_size=3');
    expect(active.total).toBe(await exact('is_active'));
    await sql(
      `UPDATE users SET is_active = false WHERE email IN ('bulk7@stats.test', 'bulk9@stats.test')`,
    );
    expect((await list('is_active=true&page_size=3')).total).toBe(await exact('is_active'));
    expect((await list('is_active=false&page_size=3')).total).toBe(await exact('NOT is_active'));

    // The plain total follows every change as well.
    expect((await list('page_size=1')).total).toBe(await recount());
  });

  it('stays exact when customers are created in parallel through the API', async () => {
    const before = await recount();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(testApp.http)
          .post('/api/v1/customers')
          .set('Authorization', `Bearer ${token}`)
          .send({
            email: `parallel${i}@stats.test`,
            full_name: `Parallel ${i}`,
            password: 'Password123!',
          }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    expect(await recount()).toBe(before + 10);
    expect((await stats()).customers).toBe(before + 10);
    expect((await list('page_size=1')).total).toBe(before + 10);
    expect((await list('search=parallel&page_size=1')).total).toBe(10);
  });
});
