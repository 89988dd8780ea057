import { insertCustomer } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

/** `panel_servers.live_accounts` is kept by triggers; any writer must leave it equal to a recount. */
describe('live-account counter', () => {
  let testApp: TestApp;
  let customerId: number;
  let servers: number[];

  const drift = async (): Promise<unknown[]> =>
    testApp.dataSource.query(
      `SELECT s.id, s.live_accounts, COALESCE(c.n, 0) AS recount
       FROM panel_servers s
       LEFT JOIN (SELECT server_id, count(*)::int AS n FROM hosting_accounts
                  WHERE status IN ('provisioning', 'active', 'suspended') GROUP BY server_id) c
         ON c.server_id = s.id
       WHERE s.live_accounts <> COALESCE(c.n, 0)`,
    );
  const counts = async (): Promise<number[]> =>
    (await testApp.dataSource.query(`SELECT live_accounts FROM panel_servers ORDER BY id`)).map(
      (row: { live_accounts: number }) => row.live_accounts,
    );

  beforeAll(async () => {
    testApp = await createTestApp();
    customerId = (await insertCustomer(testApp)).id;
    servers = (
      await testApp.dataSource.query(
        `INSERT INTO panel_servers (name, base_url, api_key, api_secret_encrypted, capacity)
         SELECT 'S' || g, 'http://127.0.0.1:' || (40000 + g), 'npk_test_' || g, 'sealed', 1000
         FROM generate_series(1, 3) g RETURNING id`,
      )
    ).map((row: { id: number }) => row.id);
  });
  afterAll(() => testApp.close());

  it('follows bulk inserts, status changes, moves between servers and deletes', async () => {
    await testApp.dataSource.query(
      `INSERT INTO hosting_accounts (customer_id, server_id, username, email, status)
       SELECT $1, ($2::int[])[1 + g % 3], 'bulk' || g, 'b@example.com',
              (ARRAY['provisioning', 'active', 'suspended', 'failed', 'terminated'])[1 + g % 5]
       FROM generate_series(1, 300) g`,
      [customerId, servers],
    );
    expect(await drift()).toEqual([]);
    expect((await counts()).reduce((a, b) => a + b, 0)).toBe(180);

    await testApp.dataSource.query(
      `UPDATE hosting_accounts SET status = 'terminated' WHERE status = 'suspended' AND id % 2 = 0`,
    );
    await testApp.dataSource.query(
      `UPDATE hosting_accounts SET status = 'active' WHERE status = 'failed' AND id % 3 = 0`,
    );
    await testApp.dataSource.query(
      `UPDATE hosting_accounts SET server_id = $1 WHERE server_id = $2 AND id % 4 = 0`,
      [servers[0], servers[1]],
    );
    // An update that changes no slot (the common case) leaves the count alone.
    await testApp.dataSource.query(`UPDATE hosting_accounts SET updated_at = now()`);
    expect(await drift()).toEqual([]);

    await testApp.dataSource.query(`DELETE FROM hosting_accounts WHERE id % 7 = 0`);
    expect(await drift()).toEqual([]);
  });

  it('rolls back with the transaction that changed the accounts', async () => {
    const before = await counts();
    await testApp.dataSource
      .transaction(async (manager) => {
        await manager.query(
          `INSERT INTO hosting_accounts (customer_id, server_id, username, email, status)
           VALUES ($1, $2, 'rolledback', 'r@example.com', 'active')`,
          [customerId, servers[2]],
        );
        throw new Error('abort');
      })
      .catch(() => undefined);
    expect(await counts()).toEqual(before);
    expect(await drift()).toEqual([]);
  });
});
