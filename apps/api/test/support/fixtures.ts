import request from 'supertest';
import { hashPassword } from '../../src/auth/password-hasher';
import type { SpawnedSimulator } from './panel-simulator';
import { TestApp } from './test-app';

let customerSequence = 0;

/** Inserts a customer directly (tests of other modules should not depend on the customers API). */
export async function insertCustomer(
  testApp: TestApp,
  overrides: { email?: string; fullName?: string; isActive?: boolean; password?: string } = {},
): Promise<{ id: number; email: string; password: string }> {
  customerSequence += 1;
  const email = overrides.email ?? `customer${customerSequence}-${Date.now()}@example.com`;
  const password = overrides.password ?? 'Customer123!';
  const rows: Array<{ id: number }> = await testApp.dataSource.query(
    `INSERT INTO users (email, password_hash, full_name, company_name, role, is_active)
     VALUES ($1, $2, $3, 'Acme Inc', 'customer', $4) RETURNING id`,
    [
      email,
      await hashPassword(password),
      overrides.fullName ?? 'John Doe',
      overrides.isActive ?? true,
    ],
  );
  return { id: rows[0].id, email, password };
}

let serverSequence = 0;

/** Registers a simulator instance as a panel server through the API. */
export async function addServer(
  testApp: TestApp,
  token: string,
  panel: SpawnedSimulator,
  overrides: Record<string, unknown> = {},
): Promise<{ id: number; name: string }> {
  serverSequence += 1;
  const response = await request(testApp.http)
    .post('/api/v1/nextpanel/servers')
    .set('Authorization', `Bearer ${token}`)
    .send({
      name: `Server ${serverSequence}`,
      base_url: panel.url,
      api_key: panel.apiKey,
      api_secret: panel.apiSecret,
      capacity: 100,
      location: 'US-East',
      ...overrides,
    });
  if (response.status !== 201)
    throw new Error(`adding a server failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: number; name: string };
}

/** Fills a server with live accounts directly in the database, to set up a given load. */
export async function insertLiveAccounts(
  testApp: TestApp,
  serverId: number,
  customerId: number,
  count: number,
): Promise<void> {
  await testApp.dataSource.query(
    `INSERT INTO hosting_accounts (customer_id, server_id, username, email, status, nextpanel_user_id)
     SELECT $1::int, $2::int, 'fill' || $2::int || 'x' || g, 'fill@example.com', 'active', 100000 + g FROM generate_series(1, $3::int) AS g`,
    [customerId, serverId, count],
  );
}
