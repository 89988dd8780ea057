import request from 'supertest';
import { loginAs } from './support/auth-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * `customer_stats` (the customers total, the version that keys cached filtered totals and the
 * rows_version that keys cached search pages) is kept by triggers on `users`; whoever writes, the
 * list's totals and pages must stay exact.
 */
describe('customer stats and list totals', () => {
  let testApp: TestApp;
  let token: string;

  const sql = (text: string, values: unknown[] = []) => testApp.dataSource.query(text, values);
  const stats = async (): Promise<{ customers: number; version: number; rowsVersion: number }> => {
    const [row] = await sql(
      `SELECT customers, version, rows_version FROM customer_stats WHERE id = 1`,
    );
    return {
      customers: Number(row.customers),
      version: Number(row.version),
      rowsVersion: Number(row.rows_version),
    };
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

  it('moves rows_version with every write to a customer row, whatever the column, and never for admins alone', async () => {
    const customer = (
      await request(testApp.http)
        .post('/api/v1/customers')
        .set('Authorization', `Bearer ${token}`)
        .send({ email: 'rows@stats.test', full_name: 'Rows Version', password: 'Password123!' })
        .expect(201)
    ).body as { id: number };
    let last = await stats();
    const expectMove = async (moved: boolean, versionMoved = false) => {
      const now = await stats();
      expect({ rowsVersionMoved: now.rowsVersion !== last.rowsVersion }).toEqual({
        rowsVersionMoved: moved,
      });
      expect({ versionMoved: now.version !== last.version }).toEqual({ versionMoved });
      last = now;
    };
    const byId = `WHERE id = ${customer.id}`;

    // Through the API: a sign-in (last_login_at) and a password change.
    await loginAs(testApp, { email: 'rows@stats.test', password: 'Password123!' });
    await expectMove(true);
    await request(testApp.http)
      .patch(`/api/v1/customers/${customer.id}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ password: 'Password456!' })
      .expect(200);
    await expectMove(true);
    await request(testApp.http)
      .patch(`/api/v1/customers/${customer.id}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ phone: '+1 555 0123' })
      .expect(200);
    await expectMove(true);

    // By SQL, columns no filter reads, which `version` ignores: each is on the page.
    for (const change of [
      `UPDATE users SET phone = '+1 555 0199' ${byId}`,
      `UPDATE users SET last_login_at = now() ${byId}`,
      `UPDATE users SET updated_at = now() ${byId}`,
      `UPDATE users SET password_hash = 'z' ${byId}`,
      // Touched without a different value: still a write to a customer row.
      `UPDATE users SET full_name = full_name ${byId}`,
      // Customers and admins in one statement.
      `UPDATE users SET phone = NULL WHERE email LIKE 'rows@%' OR role = 'admin'`,
    ]) {
      await sql(change);
      await expectMove(true);
    }
    // A customer who stops being one, and back: a filter change as well.
    await sql(`UPDATE users SET role = 'admin' ${byId}`);
    await expectMove(true, true);
    await sql(`UPDATE users SET role = 'customer' ${byId}`);
    await expectMove(true, true);

    // Admins only: an admin's sign-in, an admin's own changes, an admin added and removed.
    await loginAs(testApp);
    await expectMove(false);
    await sql(`UPDATE users SET phone = '+1 555 0100', last_login_at = now() WHERE role = 'admin'`);
    await expectMove(false);
    await sql(
      `INSERT INTO users (email, password_hash, full_name, role) VALUES ('rows-admin@stats.test', 'x', 'A', 'admin')`,
    );
    await expectMove(false);
    await sql(`DELETE FROM users WHERE email = 'rows-admin@stats.test'`);
    await expectMove(false);
    // An update that matches nothing, and a rolled-back one.
    await sql(`UPDATE users SET phone = '1' WHERE id = -1`);
    await expectMove(false);
    const runner = testApp.dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query(`UPDATE users SET phone = '+1 555 0777' ${byId}`);
    await runner.rollbackTransaction();
    await runner.release();
    await expectMove(false);

    // Customers added and removed.
    await sql(
      `INSERT INTO users (email, password_hash, full_name, role) VALUES ('rows-new@stats.test', 'x', 'N', 'customer')`,
    );
    await expectMove(true, true);
    await sql(`DELETE FROM users WHERE email = 'rows-new@stats.test'`);
    await expectMove(true, true);
  });

  it('moves rows_version on a TRUNCATE, inside the truncating transaction', async () => {
    const before = await stats();
    const runner = testApp.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`TRUNCATE users CASCADE`);
      const [inside] = await runner.query(
        `SELECT customers, version, rows_version FROM customer_stats WHERE id = 1`,
      );
      expect(Number(inside.customers)).toBe(0);
      expect(Number(inside.version)).toBe(before.version + 1);
      expect(Number(inside.rows_version)).toBe(before.rowsVersion + 1);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await stats()).toEqual(before);
  });

  describe('customer_row_changes: what each rows_version touched', () => {
    type Change = { old: string | null; new: string | null; every_row: boolean };
    const changesAfter = async (rowsVersion: number): Promise<Record<number, Change[]>> => {
      const rows: Array<Change & { rows_version: string }> = await sql(
        `SELECT rows_version, old_search_text AS old, new_search_text AS new, every_row
         FROM customer_row_changes WHERE rows_version > $1 ORDER BY rows_version, old_search_text, new_search_text`,
        [rowsVersion],
      );
      const byVersion: Record<number, Change[]> = {};
      for (const { rows_version, ...change } of rows) {
        (byVersion[Number(rows_version)] ??= []).push(change);
      }
      return byVersion;
    };
    const text = (email: string, name: string, company = '') =>
      `${email}\u001f${name}\u001f${company}`;

    it('logs every customer row a version touched, before and after, and nothing for admins', async () => {
      const start = (await stats()).rowsVersion;
      await sql(
        `INSERT INTO users (email, password_hash, full_name, role)
         VALUES ('Log1@stats.test', 'x', 'Log One', 'customer'), ('log2@stats.test', 'x', 'Log Two', 'customer')`,
      );
      await sql(`UPDATE users SET company_name = 'Log Co' WHERE email = 'Log1@stats.test'`);
      await sql(`UPDATE users SET phone = '+1 555 0101' WHERE email = 'log2@stats.test'`);
      await sql(`UPDATE users SET role = 'admin' WHERE email = 'log2@stats.test'`);
      await sql(`UPDATE users SET phone = '+1 555 0102' WHERE email = 'log2@stats.test'`); // an admin now
      await sql(`UPDATE users SET role = 'customer' WHERE email = 'log2@stats.test'`);
      await sql(`DELETE FROM users WHERE email = 'Log1@stats.test'`);
      const runner = testApp.dataSource.createQueryRunner();
      await runner.startTransaction();
      await runner.query(`UPDATE users SET phone = '1' WHERE email = 'log2@stats.test'`);
      await runner.rollbackTransaction();
      await runner.release();

      const one = text('log1@stats.test', 'log one');
      const two = text('log2@stats.test', 'log two');
      expect(await changesAfter(start)).toEqual({
        [start + 1]: [
          { old: null, new: one, every_row: false },
          { old: null, new: two, every_row: false },
        ],
        [start + 2]: [
          { old: one, new: text('log1@stats.test', 'log one', 'log co'), every_row: false },
        ],
        [start + 3]: [{ old: two, new: two, every_row: false }],
        [start + 4]: [{ old: two, new: null, every_row: false }],
        [start + 5]: [{ old: null, new: two, every_row: false }],
        [start + 6]: [
          { old: text('log1@stats.test', 'log one', 'log co'), new: null, every_row: false },
        ],
      });
      expect((await stats()).rowsVersion).toBe(start + 6);
    });

    it('logs one every_row change for a statement touching more than 100 customers, or a TRUNCATE', async () => {
      await insertCustomers(101, 'many');
      const start = (await stats()).rowsVersion;
      await sql(`UPDATE users SET phone = '+1 555 0103' WHERE email LIKE 'many%@stats.test'`);
      await sql(`UPDATE users SET phone = NULL WHERE email LIKE 'many1__@stats.test'`); // 2 rows: 100, 101
      expect(await changesAfter(start)).toEqual({
        [start + 1]: [{ old: null, new: null, every_row: true }],
        [start + 2]: [
          {
            old: text('many100@stats.test', 'stats many 100'),
            new: text('many100@stats.test', 'stats many 100'),
            every_row: false,
          },
          {
            old: text('many101@stats.test', 'stats many 101'),
            new: text('many101@stats.test', 'stats many 101'),
            every_row: false,
          },
        ],
      });

      const runner = testApp.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(`TRUNCATE users CASCADE`);
        const inside = await runner.query(
          `SELECT rows_version, every_row FROM customer_row_changes WHERE rows_version > $1`,
          [start + 2],
        );
        expect(inside).toEqual([{ rows_version: String(start + 3), every_row: true }]);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });

    it('keeps the last 10,000 versions, pruning the oldest at every 1,000th', async () => {
      // Versions jump ahead here; later searches treat the gap as a change, as they must.
      const start = (await stats()).rowsVersion;
      const base = (Math.floor(start / 1000) + 20) * 1000; // a multiple of 1,000 well ahead
      await sql(
        `INSERT INTO customer_row_changes (rows_version, every_row)
         SELECT v, true FROM unnest($1::bigint[]) v`,
        [[base - 10001, base - 10000, base - 9999, base - 1]],
      );
      await sql(`UPDATE customer_stats SET rows_version = $1 WHERE id = 1`, [base - 1]);
      await sql(`UPDATE users SET phone = '+1 555 0104' WHERE email = 'log2@stats.test'`);
      const kept = await sql(
        `SELECT rows_version FROM customer_row_changes WHERE rows_version >= $1 ORDER BY rows_version`,
        [base - 10001],
      );
      expect(kept.map((row: { rows_version: string }) => Number(row.rows_version))).toEqual([
        base - 9999,
        base - 1,
        base,
      ]);
      expect(
        Number((await sql(`SELECT min(rows_version) AS min FROM customer_row_changes`))[0].min),
      ).toBe(base - 9999);
    });
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
