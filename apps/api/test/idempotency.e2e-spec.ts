import request from 'supertest';
import { hashPassword } from '../src/auth/password-hasher';
import { MaintenanceService } from '../src/maintenance/maintenance.service';
import { loginAs } from './support/auth-helpers';
import { addServer, insertCustomer, insertLiveAccounts } from './support/fixtures';
import {
  clearFaults,
  panelAccounts,
  setFaults,
  spawnSimulator,
  SpawnedSimulator,
} from './support/panel-simulator';
import { StripeApiStub } from './support/stripe-api-stub';
import { createTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const PASSWORD = 'TempPassword123!';
const CREATE_ROUTE = 'POST /api/v1/billing/accounts';

type Body = Record<string, unknown>;

/** How many times the panel was asked to create an account since the last reset. */
async function panelCreateCalls(panel: SpawnedSimulator): Promise<number> {
  const response = await fetch(`${panel.url}/__control/requests`, {
    headers: panel.controlHeaders,
  });
  const snapshot = (await response.json()) as { routes: Record<string, { count: number }> };
  return snapshot.routes[CREATE_ROUTE]?.count ?? 0;
}

async function resetPanelRequests(panel: SpawnedSimulator): Promise<void> {
  await fetch(`${panel.url}/__control/requests`, {
    method: 'DELETE',
    headers: panel.controlHeaders,
  });
}

async function insertAdmin(testApp: TestApp, email: string, password: string): Promise<void> {
  await testApp.dataSource.query(
    `INSERT INTO users (email, password_hash, full_name, role, is_active) VALUES ($1, $2, 'Second Admin', 'admin', true)`,
    [email, await hashPassword(password)],
  );
}

const replayed = (response: request.Response) => response.headers['idempotent-replayed'];

/** The answers to `count` requests sent at the same moment, replayed ones and the one that ran. */
async function inParallel(count: number, send: () => request.Test) {
  const responses = await Promise.all(Array.from({ length: count }, () => send()));
  return {
    responses,
    ran: responses.filter((r) => replayed(r) === undefined),
    replays: responses.filter((r) => replayed(r) === 'true'),
  };
}

describe('Idempotency-Key', () => {
  let testApp: TestApp;
  let stripeApi: StripeApiStub;
  let panel: SpawnedSimulator;
  let token: string;
  let server: { id: number; name: string };
  let customer: { id: number; email: string; password: string };
  let sequence = 0;
  const unique = (prefix: string) => `${prefix}${Date.now().toString(36).slice(-4)}${++sequence}`;

  const sql = <T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> =>
    testApp.dataSource.query(text, params);
  const post = (path: string, body: unknown, key?: string, bearer = token) => {
    const pending = request(testApp.http)
      .post(path)
      .set('Authorization', `Bearer ${bearer}`)
      .set('Content-Type', 'application/json');
    if (key !== undefined) pending.set('Idempotency-Key', key);
    return pending.send(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const provision = (body: Body, key?: string, bearer = token) =>
    post('/api/v1/nextpanel/provision', body, key, bearer);
  const provisionBody = (username: string): Body => ({
    customer_id: customer.id,
    username,
    email: customer.email,
    password: PASSWORD,
    full_name: 'John Doe',
    server_id: server.id,
  });
  const accountsNamed = async (username: string) =>
    sql<{ status: string }>('SELECT status FROM hosting_accounts WHERE username = $1 ORDER BY id', [
      username,
    ]);
  const onPanel = async (username: string) =>
    (await panelAccounts(panel)).filter((a) => a.username === username);
  const keyRow = async (key: string) =>
    (await sql('SELECT * FROM idempotency_keys WHERE idempotency_key = $1', [key]))[0];

  beforeAll(async () => {
    [stripeApi, panel] = await Promise.all([new StripeApiStub().start(), spawnSimulator()]);
    testApp = await createTestApp({
      PANEL_TIMEOUT_MS: '1500',
      STRIPE_SECRET_KEY: 'sk_test_stub123',
      STRIPE_WEBHOOK_SECRET: 'whsec_testsecret0123456789',
      STRIPE_API_BASE: stripeApi.baseUrl,
    });
    token = await loginAs(testApp);
    server = await addServer(testApp, token, panel, { capacity: 500 });
    customer = await insertCustomer(testApp);
  });
  afterAll(async () => {
    await Promise.all([testApp.close(), panel.stop(), stripeApi.stop()]);
  });

  describe('POST /api/v1/nextpanel/provision', () => {
    it('runs two parallel requests with one key once: one account, on the panel and in the database, and the same answer twice', async () => {
      const username = unique('par');
      await resetPanelRequests(panel);
      const { responses, ran, replays } = await inParallel(2, () =>
        provision(provisionBody(username), `two-${username}`),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201]);
      expect(ran).toHaveLength(1);
      expect(replays).toHaveLength(1);
      expect(replays[0].body).toEqual(ran[0].body);
      expect(replays[0].text).toBe(ran[0].text);
      expect(await panelCreateCalls(panel)).toBe(1);
      expect(await onPanel(username)).toHaveLength(1);
      expect(await accountsNamed(username)).toEqual([{ status: 'active' }]);
    });

    it('runs ten parallel requests with one key once', async () => {
      const username = unique('ten');
      await resetPanelRequests(panel);
      const key = `ten-${username}`;
      const { responses, ran, replays } = await inParallel(10, () =>
        provision(provisionBody(username), key),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      expect(ran).toHaveLength(1);
      expect(replays).toHaveLength(9);
      for (const replay of replays) expect(replay.text).toBe(ran[0].text);
      expect(await panelCreateCalls(panel)).toBe(1);
      expect(await onPanel(username)).toHaveLength(1);
      expect(await accountsNamed(username)).toEqual([{ status: 'active' }]);
      expect(await keyRow(key)).toMatchObject({
        principal: expect.stringMatching(/^admin:\d+$/),
        request_method: 'POST',
        request_path: '/api/v1/nextpanel/provision',
        state: 'completed',
        response_status: 201,
        lock_token: null,
        locked_until: null,
      });
    });

    it('answers a later retry with the first response and the replay header, without calling the panel', async () => {
      const username = unique('seq');
      const key = `seq-${username}`;
      const first = await provision(provisionBody(username), key).expect(201);
      expect(replayed(first)).toBeUndefined();
      await resetPanelRequests(panel);

      const again = await provision(provisionBody(username), key).expect(201);
      expect(replayed(again)).toBe('true');
      expect(again.text).toBe(first.text);
      expect(again.headers['content-type']).toMatch(/^application\/json/);

      // The same JSON with its fields in another order is the same request.
      const reordered = Object.fromEntries(Object.entries(provisionBody(username)).reverse());
      const third = await provision(reordered, key).expect(201);
      expect(replayed(third)).toBe('true');
      expect(third.text).toBe(first.text);

      expect(await panelCreateCalls(panel)).toBe(0);
      expect(await onPanel(username)).toHaveLength(1);
      expect(await accountsNamed(username)).toHaveLength(1);
    });

    it('refuses the key for a different body, method or path with 422 IDEMPOTENCY_KEY_REUSED, and creates nothing', async () => {
      const username = unique('reuse');
      const key = `reuse-${username}`;
      await provision(provisionBody(username), key).expect(201);
      await resetPanelRequests(panel);

      const otherName = unique('other');
      const differentBody = await provision(provisionBody(otherName), key).expect(422);
      expect(differentBody.body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: expect.stringContaining('different request'),
        code: 'IDEMPOTENCY_KEY_REUSED',
        request_id: expect.any(String),
      });
      expect(replayed(differentBody)).toBeUndefined();

      const differentPath = await post(
        '/api/v1/customers',
        { email: `${otherName}@example.com`, full_name: 'X', password: PASSWORD },
        key,
      ).expect(422);
      expect(differentPath.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

      expect(await panelCreateCalls(panel)).toBe(0);
      expect(await accountsNamed(otherName)).toEqual([]);
      expect(
        await sql('SELECT id FROM users WHERE email = $1', [`${otherName}@example.com`]),
      ).toEqual([]);
    });

    it('keeps keys per principal: another admin’s request with the same key runs on its own', async () => {
      const email = `${unique('admin')}@example.com`;
      await insertAdmin(testApp, email, 'Second123!');
      const otherToken = await loginAs(testApp, { email, password: 'Second123!' });
      const key = `shared-${unique('k')}`;
      const mine = unique('mine');
      const theirs = unique('theirs');

      const first = await provision(provisionBody(mine), key).expect(201);
      const second = await provision(provisionBody(theirs), key, otherToken).expect(201);
      expect(replayed(second)).toBeUndefined();
      expect(second.body.account_id).not.toBe(first.body.account_id);
      expect(await onPanel(theirs)).toHaveLength(1);
      expect(
        (await sql('SELECT principal FROM idempotency_keys WHERE idempotency_key = $1', [key]))
          .map((r) => r.principal)
          .sort(),
      ).toHaveLength(2);
      // And each still replays its own first answer.
      expect((await provision(provisionBody(theirs), key, otherToken).expect(201)).text).toBe(
        second.text,
      );
    });

    it('frees the key after a 502 from the panel, so the retry with it provisions', async () => {
      const username = unique('fail');
      const key = `fail-${username}`;
      await setFaults(panel, { failure_rate: 1, failure_mode: 'before_effect' });
      try {
        const failed = await provision(provisionBody(username), key).expect(502);
        expect(failed.body.code).toEqual(expect.any(String));
        expect(await keyRow(key)).toBeUndefined();
      } finally {
        await clearFaults(panel);
      }

      const retried = await provision(provisionBody(username), key).expect(201);
      expect(replayed(retried)).toBeUndefined();
      expect(await onPanel(username)).toHaveLength(1);
      expect(await accountsNamed(username)).toEqual([{ status: 'failed' }, { status: 'active' }]);
      expect(replayed(await provision(provisionBody(username), key).expect(201))).toBe('true');
    });

    it('replays a 409 NO_CAPACITY even after capacity is added; a new key then provisions', async () => {
      const full = await addServer(testApp, token, panel, { capacity: 1 });
      await insertLiveAccounts(testApp, full.id, customer.id, 1);
      const username = unique('cap');
      const key = `cap-${username}`;
      const body = { ...provisionBody(username), server_id: full.id };

      const first = await provision(body, key).expect(409);
      expect(first.body.code).toBe('NO_CAPACITY');
      await sql('UPDATE panel_servers SET capacity = 10 WHERE id = $1', [full.id]);

      const again = await provision(body, key).expect(409);
      expect(replayed(again)).toBe('true');
      expect(again.text).toBe(first.text);
      // The replay is the stored answer, request id of the first request included.
      expect(again.body.request_id).toBe(first.headers['x-request-id']);
      expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
      expect(await onPanel(username)).toHaveLength(0);

      await provision(body, `${key}-new`).expect(201);
      expect(await onPanel(username)).toHaveLength(1);
    });

    it('replays a validation 400 with its field details', async () => {
      const key = `invalid-${unique('k')}`;
      const body = { ...provisionBody(unique('bad')), password: 'short' };
      const first = await provision(body, key).expect(400);
      expect(first.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: 'password' })],
      });
      const again = await provision(body, key).expect(400);
      expect(replayed(again)).toBe('true');
      expect(again.text).toBe(first.text);
    });

    it.each([
      ['empty', ''],
      ['longer than 255 characters', 'k'.repeat(256)],
      ['not ASCII', 'clé-1'],
    ])('refuses a key that is %s with 400, doing nothing', async (_what, key) => {
      const username = unique('badkey');
      await resetPanelRequests(panel);
      const response = await provision(provisionBody(username), key).expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Idempotency-Key must be 1 to 255 printable ASCII characters',
        code: 'VALIDATION_FAILED',
        request_id: expect.any(String),
        details: [
          {
            field: 'Idempotency-Key',
            message: 'Idempotency-Key must be 1 to 255 printable ASCII characters',
          },
        ],
      });
      expect(await panelCreateCalls(panel)).toBe(0);
      expect(await accountsNamed(username)).toEqual([]);
    });

    it('checks the token before the key: no key row for an unauthenticated request', async () => {
      const key = `unauth-${unique('k')}`;
      const response = await provision(provisionBody(unique('anon')), key, 'not-a-token').expect(
        401,
      );
      expect(response.body.code).toBe('UNAUTHENTICATED');
      expect(await keyRow(key)).toBeUndefined();
    });

    it('works without the header exactly as before: two requests, two attempts', async () => {
      const username = unique('nokey');
      await provision(provisionBody(username)).expect(201);
      const second = await provision(provisionBody(username)).expect(409);
      expect(second.body.code).toBe('USERNAME_TAKEN');
      expect(replayed(second)).toBeUndefined();
    });

    it('forgets a key after 24 hours, and the hourly housekeeping deletes expired keys', async () => {
      const first = unique('exp');
      const key = `expiring-${first}`;
      await provision(provisionBody(first), key).expect(201);
      await sql(
        `UPDATE idempotency_keys SET created_at = now() - interval '25 hours', expires_at = now() - interval '1 hour' WHERE idempotency_key = $1`,
        [key],
      );
      // Expired: the key is free again, even for a different request.
      const second = unique('exp');
      const reused = await provision(provisionBody(second), key).expect(201);
      expect(replayed(reused)).toBeUndefined();
      expect(await onPanel(second)).toHaveLength(1);
      expect(await keyRow(key)).toMatchObject({ state: 'completed' });
      expect(new Date((await keyRow(key)).expires_at).getTime()).toBeGreaterThan(
        Date.now() + 23 * 3600_000,
      );

      // Housekeeping: an expired key goes, one whose request still runs stays, a fresh one stays.
      await sql(
        `INSERT INTO idempotency_keys (principal, idempotency_key, request_method, request_path, request_hash, state, response_status, created_at, expires_at)
         VALUES ('admin:1', 'old-done', 'POST', '/x', 'h', 'completed', 201, now() - interval '2 days', now() - interval '1 day')`,
      );
      await sql(
        `INSERT INTO idempotency_keys (principal, idempotency_key, request_method, request_path, request_hash, state, lock_token, locked_until, created_at, expires_at)
         VALUES ('admin:1', 'old-running', 'POST', '/x', 'h', 'in_progress', gen_random_uuid(), now() + interval '1 minute', now() - interval '2 days', now() - interval '1 day'),
                ('admin:1', 'old-crashed', 'POST', '/x', 'h', 'in_progress', gen_random_uuid(), now() - interval '1 minute', now() - interval '2 days', now() - interval '1 day')`,
      );
      const removed = await testApp.app.get(MaintenanceService).cleanUp();
      expect(removed.idempotencyKeys).toBe(2);
      const left = await sql<{ idempotency_key: string }>(
        `SELECT idempotency_key FROM idempotency_keys WHERE idempotency_key IN ('old-done', 'old-running', 'old-crashed', $1)`,
        [key],
      );
      expect(left.map((r) => r.idempotency_key).sort()).toEqual([key, 'old-running'].sort());
    });

    it('lets a retry run again once the lease of a request whose process died has run out', async () => {
      const username = unique('crash');
      const key = `crash-${username}`;
      await provision(provisionBody(username), key).expect(201);
      // As if the process died mid-request: still in progress, lease expired, no response.
      await sql(
        `UPDATE idempotency_keys SET state = 'in_progress', lock_token = gen_random_uuid(), locked_until = now() - interval '1 second',
           response_status = NULL, response_body = NULL, response_headers = NULL, completed_at = NULL
         WHERE idempotency_key = $1`,
        [key],
      );
      await resetPanelRequests(panel);
      const retried = await provision(provisionBody(username), key);
      // The retry ran (it was not replayed): the account exists, so the panel work is refused.
      expect(replayed(retried)).toBeUndefined();
      expect(retried.status).toBe(409);
      expect(retried.body.code).toBe('USERNAME_TAKEN');
      expect(await keyRow(key)).toMatchObject({ state: 'completed', response_status: 409 });
      expect(await onPanel(username)).toHaveLength(1);
    });

    it('documents the header, 409 and 422 on every idempotent operation', async () => {
      const { body } = await request(testApp.http).get('/docs-json').expect(200);
      const operations: Array<[string, string]> = [
        ['/api/v1/nextpanel/provision', 'post'],
        ['/api/v1/nextpanel/servers', 'post'],
        ['/api/v1/customers', 'post'],
        ['/api/v1/customers/{customerId}/licenses', 'post'],
        ['/api/v1/plans', 'post'],
        ['/api/v1/checkout', 'post'],
      ];
      for (const [path, method] of operations) {
        const operation = body.paths[path][method];
        expect(operation.parameters).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
          ]),
        );
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['409', '422']));
      }
      expect(
        (body.paths['/api/v1/auth/login'].post.parameters ?? []).map(
          (p: { name: string }) => p.name,
        ),
      ).not.toContain('Idempotency-Key');
    });
  });

  describe('the other create operations', () => {
    it('creates one customer for parallel requests with one key', async () => {
      const email = `${unique('cust')}@example.com`;
      const body = { email, full_name: 'Jane Roe', company_name: 'Roe Ltd', password: PASSWORD };
      const { responses, ran, replays } = await inParallel(3, () =>
        post('/api/v1/customers', body, `customer-${email}`),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(ran).toHaveLength(1);
      for (const replay of replays) expect(replay.text).toBe(ran[0].text);
      expect(await sql('SELECT id FROM users WHERE email = $1', [email])).toHaveLength(1);
      expect(JSON.stringify(await keyRow(`customer-${email}`))).not.toContain(PASSWORD);
    });

    it('sells one license for parallel requests with one key', async () => {
      const plan = (await sql('SELECT id FROM plans ORDER BY sort_order LIMIT 1'))[0];
      const buyer = await insertCustomer(testApp);
      const key = `license-${buyer.id}`;
      const { responses, ran, replays } = await inParallel(3, () =>
        post(
          `/api/v1/customers/${buyer.id}/licenses`,
          { plan_id: plan.id, billing_cycle: 'monthly' },
          key,
        ),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(ran).toHaveLength(1);
      for (const replay of replays) expect(replay.text).toBe(ran[0].text);
      expect(await sql('SELECT id FROM licenses WHERE customer_id = $1', [buyer.id])).toHaveLength(
        1,
      );
      // Another customer's path with the same key is a different request.
      const other = await insertCustomer(testApp);
      const refused = await post(
        `/api/v1/customers/${other.id}/licenses`,
        { plan_id: plan.id, billing_cycle: 'monthly' },
        key,
      ).expect(422);
      expect(refused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('adds one panel server for parallel requests with one key', async () => {
      const name = unique('Server ');
      const body = {
        name,
        base_url: panel.url,
        api_key: panel.apiKey,
        api_secret: panel.apiSecret,
        capacity: 10,
        location: 'US-East',
      };
      const { responses, ran, replays } = await inParallel(3, () =>
        post('/api/v1/nextpanel/servers', body, `server-${name}`),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(ran).toHaveLength(1);
      for (const replay of replays) expect(replay.text).toBe(ran[0].text);
      expect(await sql('SELECT id FROM panel_servers WHERE name = $1', [name])).toHaveLength(1);
      expect(JSON.stringify(await keyRow(`server-${name}`))).not.toContain(panel.apiSecret);
    });

    it('creates one plan for parallel requests with one key', async () => {
      const name = unique('Plan ');
      const body = {
        name,
        max_databases: 1,
        max_domains: 1,
        max_email_accounts: 1,
        max_disk_gb: 1,
        price_monthly: 1.5,
        price_yearly: 15,
      };
      const { responses, ran } = await inParallel(3, () =>
        post('/api/v1/plans', body, `plan-${name}`),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(ran).toHaveLength(1);
      expect(await sql('SELECT id FROM plans WHERE name = $1', [name])).toHaveLength(1);
    });

    it('opens one order and one Stripe session for parallel checkouts with one key, per customer', async () => {
      const plan = (
        await sql('SELECT id FROM plans WHERE is_active ORDER BY sort_order LIMIT 1')
      )[0];
      const buyer = await insertCustomer(testApp);
      const buyerToken = await loginAs(testApp, { email: buyer.email, password: buyer.password });
      const sessionsBefore = stripeApi.requests.filter(
        (r) => r.path === '/v1/checkout/sessions',
      ).length;
      const key = 'checkout-1';
      const body = { plan_id: plan.id, billing_cycle: 'monthly' };
      const { responses, ran, replays } = await inParallel(3, () =>
        post('/api/v1/checkout', body, key, buyerToken),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(ran).toHaveLength(1);
      for (const replay of replays) expect(replay.text).toBe(ran[0].text);
      expect(await sql('SELECT id FROM orders WHERE customer_id = $1', [buyer.id])).toHaveLength(1);
      expect(
        stripeApi.requests.filter((r) => r.path === '/v1/checkout/sessions').length -
          sessionsBefore,
      ).toBe(1);
      expect((await keyRow(key)).principal).toBe(`customer:${buyer.id}`);

      // Another customer using the same key string buys on their own.
      const other = await insertCustomer(testApp);
      const otherToken = await loginAs(testApp, { email: other.email, password: other.password });
      const theirs = await post('/api/v1/checkout', body, key, otherToken).expect(201);
      expect(replayed(theirs)).toBeUndefined();
      expect(theirs.body.order_id).not.toBe(ran[0].body.order_id);
    });
  });
});

describe('Idempotency-Key while the first request is still running', () => {
  let testApp: TestApp;
  let panel: SpawnedSimulator;
  let token: string;
  let body: Body;

  beforeAll(async () => {
    panel = await spawnSimulator();
    testApp = await createTestApp({
      PANEL_TIMEOUT_MS: '20000',
      // A short wait and a short lease: the lease must be renewed while the slow request runs.
      IDEMPOTENCY_WAIT_MS: '200',
      IDEMPOTENCY_LEASE_SECONDS: '1',
    });
    token = await loginAs(testApp);
    const server = await addServer(testApp, token, panel);
    const customer = await insertCustomer(testApp);
    body = {
      customer_id: customer.id,
      username: 'slowuser',
      password: PASSWORD,
      server_id: server.id,
    };
  });
  afterAll(async () => {
    await clearFaults(panel);
    await Promise.all([testApp.close(), panel.stop()]);
  });

  const provision = (payload: Body, key: string) =>
    request(testApp.http)
      .post('/api/v1/nextpanel/provision')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', key)
      .send(payload);

  it('answers 409 IDEMPOTENCY_KEY_IN_USE with Retry-After past the wait, keeps the key past its first lease, then replays', async () => {
    await setFaults(panel, { latency_ms: 4000 });
    const first = provision(body, 'slow-key').then((r) => r);

    // Wait until the first request holds the key and its first lease (1 s) would have run out
    // without renewal: the key must still be held.
    await waitFor('the first request to outlive its first lease', async () => {
      const rows = await testApp.dataSource.query(
        `SELECT state FROM idempotency_keys WHERE idempotency_key = 'slow-key' AND created_at < now() - interval '1500 milliseconds'`,
      );
      return rows.length === 1 ? rows : null;
    });

    const busy = await provision(body, 'slow-key').expect(409);
    expect(busy.headers['retry-after']).toBe('1');
    expect(busy.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: expect.stringContaining('still being processed'),
      code: 'IDEMPOTENCY_KEY_IN_USE',
      request_id: expect.any(String),
    });
    // A different request under the running key is refused at once.
    const reused = await provision({ ...body, username: 'otheruser' }, 'slow-key').expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const done = await first;
    expect(done.status).toBe(201);
    await clearFaults(panel);
    const replay = await provision(body, 'slow-key').expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(done.text);
    expect((await panelAccounts(panel)).filter((a) => a.username === 'slowuser')).toHaveLength(1);
  });
});
