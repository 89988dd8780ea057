import { httpCall } from './support/http-call';
import {
  newAccount,
  startTestSimulator,
  type TestSimulator,
  removeDataDirs,
} from './support/simulators';

const ACCOUNTS = '/api/v1/billing/accounts';

afterAll(removeDataDirs);

describe('control API (/__control)', () => {
  let t: TestSimulator;
  const control = (method: string, path: string, json?: unknown) =>
    httpCall(t.sim.url, { method, path: `/__control${path}`, json });

  beforeEach(async () => {
    t = await startTestSimulator();
  });
  afterEach(() => t.dispose());

  it('lists accounts with usage and password timestamps but without password hashes', async () => {
    const created = await t.panel.post(ACCOUNTS, newAccount());
    const reply = await control('GET', '/accounts');
    expect(reply.status).toBe(200);
    expect(reply.body.accounts).toEqual([
      {
        ...created.body,
        usage: {
          total_domains: 0,
          total_databases: 0,
          total_email_accounts: 0,
          total_ssl_certificates: 0,
          storage_used: 0,
        },
        last_login: null,
        password_updated_at: created.body.created_at,
      },
    ]);
    expect(reply.text).not.toMatch(/hash|scrypt/);
    expect(t.sim.accounts()).toEqual(reply.body.accounts);
  });

  it('sets usage counters that the panel stats then report', async () => {
    const id = (await t.panel.post(ACCOUNTS, newAccount())).body.id;
    const set = await control('PUT', `/accounts/${id}/usage`, {
      total_domains: 3,
      total_databases: 5,
      total_email_accounts: 10,
      total_ssl_certificates: 2,
      storage_used: 512.5,
      last_login: '2025-10-11T10:30:00Z',
    });
    expect(set.status).toBe(200);
    const stats = await t.panel.get(`${ACCOUNTS}/${id}/stats`);
    expect(stats.body).toMatchObject({
      user_id: id,
      total_domains: 3,
      total_databases: 5,
      total_email_accounts: 10,
      total_ssl_certificates: 2,
      storage_used: 512.5,
      last_login: '2025-10-11T10:30:00.000Z',
    });
    expect(set.body).toEqual(stats.body);

    const partial = await control('PUT', `/accounts/${id}/usage`, { total_domains: 4 });
    expect(partial.body).toMatchObject({ total_domains: 4, total_databases: 5 });
  });

  it('rejects bad usage and unknown accounts', async () => {
    const id = (await t.panel.post(ACCOUNTS, newAccount())).body.id;
    expect((await control('PUT', `/accounts/${id}/usage`, { total_domains: -1 })).body).toEqual({
      detail: 'total_domains must be a non-negative integer',
    });
    expect((await control('PUT', `/accounts/${id}/usage`, { bandwidth: 1 })).status).toBe(400);
    expect(
      (await control('PUT', `/accounts/${id}/usage`, { last_login: 'yesterday' })).status,
    ).toBe(400);
    expect((await control('PUT', '/accounts/424242/usage', { total_domains: 1 })).status).toBe(404);
  });

  it('reports account_age_days from created_at', async () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const aged = await startTestSimulator({ now: () => now });
    try {
      const id = (await aged.panel.post(ACCOUNTS, newAccount())).body.id;
      now = new Date('2025-01-31T12:00:00Z');
      expect((await aged.panel.get(`${ACCOUNTS}/${id}/stats`)).body.account_age_days).toBe(30);
    } finally {
      await aged.dispose();
    }
  });

  it('resets: deletes all accounts, but ids keep counting', async () => {
    await t.panel.post(ACCOUNTS, newAccount());
    const last = await t.panel.post(ACCOUNTS, newAccount());
    const reset = await control('POST', '/reset');
    expect(reset.body).toEqual({ deleted: 2 });
    expect(t.sim.accounts()).toEqual([]);
    expect((await t.panel.get(`${ACCOUNTS}/${last.body.id}`)).status).toBe(404);
    const next = await t.panel.post(ACCOUNTS, newAccount());
    expect(next.body.id).toBeGreaterThan(last.body.id);
  });

  it('counts requests per route, including failed ones, and resets the counters', async () => {
    const created = await t.panel.post(ACCOUNTS, newAccount());
    await t.panel.post(ACCOUNTS, newAccount({ username: created.body.username }));
    await t.panel.get(`${ACCOUNTS}/${created.body.id}`);
    await httpCall(t.sim.url, { path: '/api/health' });
    await t.panel.get('/api/nowhere');

    const counts = await control('GET', '/requests');
    expect(counts.body).toEqual({
      total: 5,
      routes: {
        'GET (no such route)': { count: 1, statuses: { '404': 1 } },
        'GET /api/health': { count: 1, statuses: { '401': 1 } },
        'GET /api/v1/billing/accounts/:id': { count: 1, statuses: { '200': 1 } },
        'POST /api/v1/billing/accounts': { count: 2, statuses: { '201': 1, '409': 1 } },
      },
    });
    expect(t.sim.requestCounts()).toEqual(counts.body);

    expect((await control('DELETE', '/requests')).body).toEqual({ total: 0, routes: {} });
    expect((await control('GET', '/requests')).body.total).toBe(0);
  });

  it('verifies a password without revealing it', async () => {
    const id = (await t.panel.post(ACCOUNTS, newAccount({ password: 'TempPassword123!' }))).body.id;
    expect(
      (await control('POST', `/accounts/${id}/verify-password`, { password: 'TempPassword123!' }))
        .body,
    ).toEqual({
      matches: true,
    });
    expect(
      (await control('POST', `/accounts/${id}/verify-password`, { password: 'nope-nope' })).body,
    ).toEqual({
      matches: false,
    });
    expect((await control('POST', `/accounts/${id}/verify-password`, {})).status).toBe(400);
  });

  it('validates fault changes', async () => {
    for (const [body, detail] of [
      [{ failure_rate: 1.5 }, 'failure_rate must be a number from 0 to 1'],
      [{ latency_ms: -5 }, 'latency_ms must be an integer'],
      [{ hang: 'yes' }, 'hang must be a boolean'],
      [{ health_down: 1 }, 'health_down must be a boolean'],
      [{ failure_mode: 'sometimes' }, 'failure_mode must be'],
      [{ response_fault: 'html' }, 'response_fault must be one of "none", "garbage"'],
      [{ response_fault: true }, 'response_fault must be one of'],
      [{ response_fault_rate: -1 }, 'response_fault_rate must be a number from 0 to 1'],
      [{ response_fault_rate: '1' }, 'response_fault_rate must be a number from 0 to 1'],
      [{ refuse_connections_ms: 0 }, 'refuse_connections_ms must be an integer'],
      [{ explode: true }, 'explode is not a fault'],
    ] as const) {
      const reply = await control('PUT', '/faults', body);
      expect(reply.status).toBe(400);
      expect(reply.body.detail).toContain(detail);
    }
    expect((await control('GET', '/faults')).body).toEqual({
      latency_ms: 0,
      failure_rate: 0,
      failure_mode: 'before_effect',
      response_fault: 'none',
      response_fault_rate: 1,
      hang: false,
      health_down: false,
    });
  });

  it('answers unknown control paths with 404', async () => {
    expect((await control('GET', '/nothing')).status).toBe(404);
  });
});

describe('control API with a control token', () => {
  it('requires X-Sim-Control-Token and never panel credentials', async () => {
    const t = await startTestSimulator({ controlToken: 'ctl_3b9f0e' });
    try {
      for (const headers of [{}, { 'X-Sim-Control-Token': 'wrong' }] as Record<string, string>[]) {
        const reply = await httpCall(t.sim.url, { path: '/__control/faults', headers });
        expect(reply.status).toBe(401);
        expect(reply.body).toEqual({ detail: 'Invalid control token' });
      }
      const ok = await httpCall(t.sim.url, {
        path: '/__control/faults',
        headers: { 'X-Sim-Control-Token': 'ctl_3b9f0e' },
      });
      expect(ok.status).toBe(200);
      // The token opens the control API only, never the panel API.
      const panel = await httpCall(t.sim.url, {
        path: '/api/health',
        headers: { 'X-Sim-Control-Token': 'ctl_3b9f0e' },
      });
      expect(panel.status).toBe(401);
    } finally {
      await t.dispose();
    }
  });
});
