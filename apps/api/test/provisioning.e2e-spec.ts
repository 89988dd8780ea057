import request from 'supertest';
import { JobQueue } from '../src/jobs/job-queue.service';
import { loginAs } from './support/auth-helpers';
import { addServer, insertCustomer, insertLiveAccounts } from './support/fixtures';
import {
  clearFaults,
  panelAccounts,
  setFaults,
  spawnSimulator,
  SpawnedSimulator,
} from './support/panel-simulator';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'TempPassword123!';

describe('provisioning', () => {
  let testApp: TestApp;
  let token: string;
  const panels: SpawnedSimulator[] = [];

  const spawn = async (options: Parameters<typeof spawnSimulator>[0] = {}) => {
    const panel = await spawnSimulator(options);
    panels.push(panel);
    return panel;
  };
  const provision = (body: Record<string, unknown>) =>
    request(testApp.http)
      .post('/api/v1/nextpanel/provision')
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  const account = (id: number, suffix = '') =>
    request(testApp.http)
      .get(`/api/v1/nextpanel/accounts/${id}${suffix}`)
      .set('Authorization', `Bearer ${token}`);
  const accountAction = (id: number, action: string, body: object = {}) =>
    request(testApp.http)
      .post(`/api/v1/nextpanel/accounts/${id}/${action}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  const serverOf = async (id: number) =>
    (
      await request(testApp.http)
        .get(`/api/v1/nextpanel/servers/${id}`)
        .set('Authorization', `Bearer ${token}`)
    ).body;
  const accountRow = async (id: number) =>
    (await testApp.dataSource.query('SELECT * FROM hosting_accounts WHERE id = $1', [id]))[0];
  let usernameSequence = 0;
  const nextUsername = () => `user${Date.now().toString(36).slice(-5)}${++usernameSequence}`;

  beforeAll(async () => {
    testApp = await createTestApp({ PANEL_TIMEOUT_MS: '1500' });
    token = await loginAs(testApp);
  });
  afterAll(async () => {
    await Promise.all([testApp.close(), ...panels.map((p) => p.stop())]);
  });

  describe('POST /api/v1/nextpanel/provision', () => {
    let panel: SpawnedSimulator;
    let server: { id: number; name: string };
    let customer: { id: number; email: string };

    beforeAll(async () => {
      panel = await spawn();
      server = await addServer(testApp, token, panel, {
        name: 'Production Server 1',
        capacity: 100,
      });
      customer = await insertCustomer(testApp, { email: 'customer@example.com' });
    });

    it('creates the account on the panel and answers exactly as the guide shows', async () => {
      const response = await provision({
        customer_id: customer.id,
        username: 'johndoe',
        email: 'customer@example.com',
        password: PASSWORD,
        full_name: 'John Doe',
        phone: '+1234567890',
        company: 'Acme Inc',
        package_id: 1,
        server_id: server.id,
      }).expect(201);
      expect(response.body).toEqual({
        success: true,
        account_id: expect.any(Number),
        server_name: 'Production Server 1',
        server_url: panel.url,
        nextpanel_user_id: expect.any(Number),
        username: 'johndoe',
      });

      const onPanel = (await panelAccounts(panel)).find((a) => a.username === 'johndoe');
      expect(onPanel).toMatchObject({ id: response.body.nextpanel_user_id, status: 'active' });
      const verify = await fetch(`${panel.url}/__control/accounts/${onPanel!.id}/verify-password`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ password: PASSWORD }),
      });
      expect(await verify.json()).toEqual({ matches: true });

      const row = await accountRow(response.body.account_id);
      expect(row).toMatchObject({
        status: 'active',
        nextpanel_user_id: response.body.nextpanel_user_id,
        package_id: 1,
      });
      expect(JSON.stringify(row)).not.toContain(PASSWORD);
      expect((await serverOf(server.id)).current_accounts).toBe(1);
      expect(testApp.logs.join('')).not.toContain(PASSWORD);
    });

    it('ties the account to a license and sends its plan package and quotas to the panel', async () => {
      const plans = await request(testApp.http)
        .get('/api/v1/plans')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const professional = plans.body.find(
        (p: { name: string }) => p.name === 'Professional Hosting',
      );
      const license = await request(testApp.http)
        .post(`/api/v1/customers/${customer.id}/licenses`)
        .set('Authorization', `Bearer ${token}`)
        .send({ plan_id: professional.id, billing_cycle: 'yearly' })
        .expect(201);
      const response = await provision({
        customer_id: customer.id,
        username: 'licensed',
        password: PASSWORD,
        license_id: license.body.id,
        server_id: server.id,
      }).expect(201);
      const row = await accountRow(response.body.account_id);
      expect(row).toMatchObject({
        license_id: license.body.id,
        package_id: professional.nextpanel_package_id,
      });
      const onPanel = (await panelAccounts(panel)).find(
        (a) => a.username === 'licensed',
      ) as unknown as { package_id: number; quotas: object };
      expect(onPanel.package_id).toBe(professional.nextpanel_package_id);
      expect(onPanel.quotas).toEqual({
        max_databases: professional.max_databases,
        max_domains: professional.max_domains,
        max_email_accounts: professional.max_email_accounts,
        max_disk_gb: professional.max_disk_gb,
      });

      const other = await insertCustomer(testApp);
      const foreign = await provision({
        customer_id: other.id,
        username: nextUsername(),
        password: PASSWORD,
        license_id: license.body.id,
      }).expect(404);
      expect(foreign.body.message).toBe('License not found');
    });

    it('accepts the guide’s Quick Start body (no email, package or phone) using the customer’s details', async () => {
      const response = await provision({
        customer_id: customer.id,
        username: 'testuser',
        password: 'TempPass123!',
        full_name: 'Test Customer',
        server_id: server.id,
      }).expect(201);
      expect((await accountRow(response.body.account_id)).email).toBe('customer@example.com');
    });

    it.each([
      [{ username: 'John' }, 'username'],
      [{ username: 'ab' }, 'username'],
      [{ username: 'john_doe' }, 'username'],
      [{ password: 'weak' }, 'password'],
      [{ email: 'nope' }, 'email'],
      [{ customer_id: 'two' }, 'customer_id'],
      [{ server_id: 0 }, 'server_id'],
      [{ surprise: true }, 'surprise'],
    ])('refuses %j with a field error', async (override, field) => {
      const response = await provision({
        customer_id: customer.id,
        username: nextUsername(),
        password: PASSWORD,
        ...override,
      }).expect(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('answers 404 for an unknown customer or server and writes nothing', async () => {
      const before = await testApp.dataSource.query(
        'SELECT count(*)::int AS n FROM hosting_accounts',
      );
      await provision({ customer_id: 99999, username: nextUsername(), password: PASSWORD }).expect(
        404,
      );
      const unknownServer = await provision({
        customer_id: customer.id,
        username: nextUsername(),
        password: PASSWORD,
        server_id: 99999,
      }).expect(404);
      expect(unknownServer.body.message).toBe('Server not found');
      expect(
        await testApp.dataSource.query('SELECT count(*)::int AS n FROM hosting_accounts'),
      ).toEqual(before);
    });

    it('refuses a deactivated customer', async () => {
      const inactive = await insertCustomer(testApp, { isActive: false });
      const response = await provision({
        customer_id: inactive.id,
        username: nextUsername(),
        password: PASSWORD,
      }).expect(409);
      expect(response.body.code).toBe('CUSTOMER_INACTIVE');
    });

    it('answers 409 when the username already exists in billing', async () => {
      const response = await provision({
        customer_id: customer.id,
        username: 'johndoe',
        password: PASSWORD,
        server_id: server.id,
      }).expect(409);
      expect(response.body).toMatchObject({
        code: 'USERNAME_TAKEN',
        message: 'Username "johndoe" already exists',
      });
    });

    it('answers 409 with the panel’s message when only the panel has the username, and records the failure', async () => {
      await fetch(`${panel.url}/api/v1/billing/accounts`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-API-Key': panel.apiKey,
          'X-API-Secret': panel.apiSecret,
        },
        body: JSON.stringify({ username: 'panelonly', email: 'p@example.com', password: PASSWORD }),
      });
      const response = await provision({
        customer_id: customer.id,
        username: 'panelonly',
        password: PASSWORD,
        server_id: server.id,
      }).expect(409);
      expect(response.body.message).toBe('Username already exists');
      const [failed] = await testApp.dataSource.query(
        `SELECT status, status_reason FROM hosting_accounts WHERE username = 'panelonly'`,
      );
      expect(failed).toEqual({ status: 'failed', status_reason: 'Username already exists' });
    });
  });

  describe('server selection', () => {
    it('chooses the least utilised active, online server with room', async () => {
      const [a, b, c, offline] = await Promise.all([spawn(), spawn(), spawn(), spawn()]);
      const customer = await insertCustomer(testApp);
      const busy = await addServer(testApp, token, a, { capacity: 10 });
      const quiet = await addServer(testApp, token, b, { capacity: 40 });
      const medium = await addServer(testApp, token, c, { capacity: 10 });
      const down = await addServer(testApp, token, offline, { capacity: 1000 });
      const inactive = await addServer(testApp, token, offline, {
        capacity: 1000,
        is_active: false,
      });
      await testApp.dataSource.query(`UPDATE panel_servers SET is_online = false WHERE id = $1`, [
        down.id,
      ]);
      // Other servers added by other tests are full or deactivated for this test.
      await testApp.dataSource.query(
        `UPDATE panel_servers SET is_active = false WHERE id NOT IN ($1, $2, $3, $4)`,
        [busy.id, quiet.id, medium.id, down.id],
      );
      await insertLiveAccounts(testApp, busy.id, customer.id, 6); // 60 %
      await insertLiveAccounts(testApp, quiet.id, customer.id, 10); // 25 %
      await insertLiveAccounts(testApp, medium.id, customer.id, 3); // 30 %

      const chosen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await provision({
          customer_id: customer.id,
          username: nextUsername(),
          password: PASSWORD,
        }).expect(201);
        chosen.push(response.body.server_url);
      }
      // 25 % → 27.5 % → 30 %: the quiet server twice, then a tie at 30 % broken by fewer accounts.
      expect(chosen).toEqual([b.url, b.url, c.url]);
      expect(inactive.id).toBeGreaterThan(0);
      await testApp.dataSource.query(
        `UPDATE panel_servers SET is_active = false WHERE id IN ($1, $2, $3)`,
        [busy.id, quiet.id, medium.id],
      );
      const none = await provision({
        customer_id: customer.id,
        username: nextUsername(),
        password: PASSWORD,
      }).expect(409);
      expect(none.body).toMatchObject({
        code: 'NO_AVAILABLE_SERVER',
        message: expect.stringContaining('No available servers'),
      });
    });
  });

  describe('under concurrency', () => {
    it('gives 50 simultaneous requests exactly the 10 free slots and refuses the other 40', async () => {
      const panel = await spawn();
      const customer = await insertCustomer(testApp);
      const server = await addServer(testApp, token, panel, { capacity: 12 });
      await insertLiveAccounts(testApp, server.id, customer.id, 2);
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          provision({
            customer_id: customer.id,
            username: `burst${Date.now().toString(36).slice(-4)}n${i}`,
            password: PASSWORD,
            server_id: server.id,
          }),
        ),
      );
      const created = responses.filter((r) => r.status === 201);
      const refused = responses.filter((r) => r.status === 409);
      expect(created).toHaveLength(10);
      expect(refused).toHaveLength(40);
      for (const r of refused)
        expect(r.body).toMatchObject({
          code: 'NO_CAPACITY',
          message: expect.stringContaining('no capacity'),
        });
      expect((await panelAccounts(panel)).length).toBe(10);
      expect(await serverOf(server.id)).toMatchObject({ current_accounts: 12, available_slots: 0 });
    });

    it('creates one account when the same username arrives twice at once', async () => {
      const panel = await spawn();
      const customer = await insertCustomer(testApp);
      const server = await addServer(testApp, token, panel);
      const username = nextUsername();
      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          provision({
            customer_id: customer.id,
            username,
            password: PASSWORD,
            server_id: server.id,
          }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect((await panelAccounts(panel)).filter((a) => a.username === username)).toHaveLength(1);
    });
  });

  describe('when the panel fails', () => {
    let panel: SpawnedSimulator;
    let server: { id: number };
    let customer: { id: number };

    beforeAll(async () => {
      panel = await spawn();
      server = await addServer(testApp, token, panel, { capacity: 5 });
      customer = await insertCustomer(testApp);
    });
    afterEach(() => clearFaults(panel));

    const expectFailedAndReleased = async (
      response: request.Response,
      code: string,
      text: string,
    ) => {
      expect(response.status).toBe(502);
      expect(response.body).toMatchObject({ statusCode: 502, error: 'Bad Gateway', code });
      expect(response.body.message).toContain(text);
      const [row] = await testApp.dataSource.query(
        `SELECT status, status_reason FROM hosting_accounts ORDER BY id DESC LIMIT 1`,
      );
      expect(row.status).toBe('failed');
      expect(row.status_reason).toContain(text);
      expect((await serverOf(server.id)).current_accounts).toBe(0);
    };

    it('records a 500 as failed with the panel’s reason and frees the slot', async () => {
      await setFaults(panel, { failure_rate: 1 });
      const response = await provision({
        customer_id: customer.id,
        username: nextUsername(),
        password: PASSWORD,
        server_id: server.id,
      });
      await expectFailedAndReleased(response, 'PANEL_ERROR', 'failed with HTTP 500');
    });

    it('records a timeout', async () => {
      await setFaults(panel, { hang: true });
      const response = await provision({
        customer_id: customer.id,
        username: nextUsername(),
        password: PASSWORD,
        server_id: server.id,
      });
      await expectFailedAndReleased(
        response,
        'PANEL_UNAVAILABLE',
        'did not answer within 1.5 seconds',
      );
    });

    it('records refused credentials', async () => {
      await request(testApp.http)
        .patch(`/api/v1/nextpanel/servers/${server.id}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ api_secret: 'nps_rotated_wrong' });
      try {
        const response = await provision({
          customer_id: customer.id,
          username: nextUsername(),
          password: PASSWORD,
          server_id: server.id,
        });
        await expectFailedAndReleased(
          response,
          'PANEL_ERROR',
          'refused the API credentials (HTTP 401)',
        );
      } finally {
        await request(testApp.http)
          .patch(`/api/v1/nextpanel/servers/${server.id}`)
          .set('Authorization', `Bearer ${token}`)
          .send({ api_secret: panel.apiSecret });
      }
    });

    it('records a panel that is down', async () => {
      const doomed = await spawn();
      const doomedServer = await addServer(testApp, token, doomed);
      await doomed.kill();
      const response = await provision({
        customer_id: customer.id,
        username: nextUsername(),
        password: PASSWORD,
        server_id: doomedServer.id,
      }).expect(502);
      expect(response.body).toMatchObject({
        code: 'PANEL_UNAVAILABLE',
        message: expect.stringContaining('connection refused'),
      });
      expect((await serverOf(doomedServer.id)).current_accounts).toBe(0);
    });
  });

  describe('account management', () => {
    let panel: SpawnedSimulator;
    let accountId: number;
    let serverId: number;

    beforeAll(async () => {
      panel = await spawn();
      const customer = await insertCustomer(testApp);
      serverId = (await addServer(testApp, token, panel)).id;
      accountId = (
        await provision({
          customer_id: customer.id,
          username: nextUsername(),
          password: PASSWORD,
          server_id: serverId,
        }).expect(201)
      ).body.account_id;
    });

    it('lists accounts, most recently changed first, filtered by status, customer or server', async () => {
      const all = await request(testApp.http)
        .get('/api/v1/nextpanel/accounts?page_size=100')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(all.body.total).toBeGreaterThan(1);
      const times = all.body.items.map((a: { updated_at: string }) => a.updated_at);
      expect([...times].sort().reverse()).toEqual(times);
      const onServer = await request(testApp.http)
        .get(`/api/v1/nextpanel/accounts?server_id=${serverId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(onServer.body.items.map((a: { id: number }) => a.id)).toEqual([accountId]);
      const failed = await request(testApp.http)
        .get('/api/v1/nextpanel/accounts?status=failed')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(failed.body.items.every((a: { status: string }) => a.status === 'failed')).toBe(true);
      await request(testApp.http)
        .get('/api/v1/nextpanel/accounts?status=gone')
        .set('Authorization', `Bearer ${token}`)
        .expect(400);
    });

    it('shows the account with the panel’s live status', async () => {
      const response = await account(accountId).expect(200);
      expect(response.body).toMatchObject({
        id: accountId,
        status: 'active',
        server_url: panel.url,
        panel: { reachable: true, status: 'active' },
      });
    });

    it('suspends and unsuspends on the panel, idempotently', async () => {
      const suspended = await accountAction(accountId, 'suspend', {
        reason: 'Payment overdue',
      });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({
        status: 'suspended',
        status_reason: 'Payment overdue',
      });
      await accountAction(accountId, 'suspend', { reason: 'Again' }).expect(200);
      expect((await account(accountId).expect(200)).body.panel.status).toBe('suspended');
      await accountAction(accountId, 'suspend', {}).expect(400);
      const active = await accountAction(accountId, 'unsuspend').expect(200);
      expect(active.body).toMatchObject({ status: 'active', status_reason: null });
      expect((await account(accountId).expect(200)).body.panel.status).toBe('active');
    });

    it('reads usage statistics from the panel', async () => {
      const row = await accountRow(accountId);
      await fetch(`${panel.url}/__control/accounts/${row.nextpanel_user_id}/usage`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ total_domains: 3, total_databases: 5 }),
      });
      const stats = await account(accountId, '/stats').expect(200);
      expect(stats.body).toMatchObject({
        account_id: accountId,
        user_id: row.nextpanel_user_id,
        total_domains: 3,
        total_databases: 5,
      });
    });

    it('queues a suspend the panel failed and finishes it when the panel is back', async () => {
      await setFaults(panel, { failure_rate: 1 });
      let queued;
      try {
        queued = await accountAction(accountId, 'suspend', { reason: 'Abuse report' }).expect(202);
        expect(queued.body).toMatchObject({
          status: 'active',
          action: { action: 'suspend', status: 'queued', attempts: 1 },
        });
        expect(queued.body.action.last_error).toMatch(/^Server "Server \d+" failed with HTTP 500/);
        expect((await accountRow(accountId)).status).toBe('active');
        // Another action while this one waits is refused; the same one joins it.
        const joined = await accountAction(accountId, 'suspend', { reason: 'Abuse report' });
        expect(joined.body.action.id).toBe(queued.body.action.id);
        const terminateMeanwhile = await request(testApp.http)
          .delete(`/api/v1/nextpanel/accounts/${accountId}`)
          .set('Authorization', `Bearer ${token}`)
          .expect(409);
        expect(terminateMeanwhile.body.code).toBe('ACCOUNT_ACTION_IN_PROGRESS');
      } finally {
        await clearFaults(panel);
      }
      await testApp.dataSource.query(
        `UPDATE jobs SET run_at = now() WHERE queue = 'accounts.action'`,
      );
      await testApp.app.get(JobQueue).drain();
      expect((await accountRow(accountId)).status).toBe('suspended');
      const actions = await account(accountId, '/actions').expect(200);
      expect(actions.body[0]).toMatchObject({
        id: queued.body.action.id,
        status: 'succeeded',
        attempts: 2,
        requested_by: 'admin:1',
        last_error: null,
      });
      await accountAction(accountId, 'unsuspend').expect(200);
    });

    it('terminates on the panel, frees the slot and keeps the record', async () => {
      const terminated = await request(testApp.http)
        .delete(`/api/v1/nextpanel/accounts/${accountId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(terminated.body).toMatchObject({ id: accountId, status: 'terminated' });
      expect(await panelAccounts(panel)).toHaveLength(0);
      expect((await serverOf(serverId)).current_accounts).toBe(0);
      await request(testApp.http)
        .delete(`/api/v1/nextpanel/accounts/${accountId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const refused = await accountAction(accountId, 'unsuspend').expect(409);
      expect(refused.body).toMatchObject({
        code: 'INVALID_ACCOUNT_STATE',
        message: 'A terminated account cannot be unsuspended',
      });
      await account(999999).expect(404);
    });

    it('records every state change with who caused it', async () => {
      const events = await account(accountId, '/events').expect(200);
      expect(events.body.map((e: { to_status: string }) => e.to_status)).toEqual([
        'terminated',
        'active',
        'suspended',
        'active',
        'suspended',
        'active',
        'provisioning',
      ]);
      expect(events.body.every((e: { actor: string }) => e.actor === 'admin:1')).toBe(true);
      expect(events.body[2]).toMatchObject({
        from_status: 'active',
        to_status: 'suspended',
        reason: 'Abuse report',
      });
      expect(events.body[4]).toMatchObject({ to_status: 'suspended', reason: 'Payment overdue' });
      await account(999999, '/events').expect(404);
    });
  });
});
