import { httpCall, HttpTimeoutError } from './support/http-call';
import {
  newAccount,
  startTestSimulator,
  type TestSimulator,
  removeDataDirs,
} from './support/simulators';

const ACCOUNTS = '/api/v1/billing/accounts';

afterAll(removeDataDirs);

describe('fault injection', () => {
  let t: TestSimulator;
  const setFaults = (json: unknown) =>
    httpCall(t.sim.url, { method: 'PUT', path: '/__control/faults', json });

  beforeEach(async () => {
    t = await startTestSimulator();
  });
  afterEach(() => t.dispose());

  it('latency_ms delays /api answers but not the control API', async () => {
    expect((await setFaults({ latency_ms: 300 })).body.latency_ms).toBe(300);

    let started = Date.now();
    const health = await t.panel.get('/api/health');
    const apiElapsed = Date.now() - started;
    expect(health.status).toBe(200);
    expect(apiElapsed).toBeGreaterThanOrEqual(280);

    started = Date.now();
    await httpCall(t.sim.url, { path: '/__control/faults' });
    expect(Date.now() - started).toBeLessThan(250);

    await httpCall(t.sim.url, { method: 'DELETE', path: '/__control/faults' });
    started = Date.now();
    await t.panel.get('/api/health');
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('failure_rate 1 makes every /api request answer 500 without doing anything', async () => {
    await setFaults({ failure_rate: 1 });
    const body = newAccount();
    const replies = [
      await t.panel.get('/api/health'),
      await t.panel.post(ACCOUNTS, body),
      await t.panel.get(`${ACCOUNTS}/1`),
      await t.panel.get('/api/unknown'),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual({ detail: 'Internal server error' });
    }
    expect(t.sim.accounts()).toEqual([]);
    expect((await httpCall(t.sim.url, { path: '/__control/accounts' })).status).toBe(200);

    await setFaults({ failure_rate: 0 });
    expect((await t.panel.post(ACCOUNTS, body)).status).toBe(201);
  });

  it('failure_rate 0.5 fails about half of the requests', async () => {
    await setFaults({ failure_rate: 0.5 });
    const replies = await Promise.all(
      Array.from({ length: 100 }, () => t.panel.get('/api/health')),
    );
    const failed = replies.filter((r) => r.status === 500).length;
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(80);
    expect(replies.every((r) => r.status === 500 || r.status === 200)).toBe(true);
  });

  it('failure_mode after_effect creates the account but answers 500, so a retry meets 409', async () => {
    await setFaults({ failure_rate: 1, failure_mode: 'after_effect' });
    const body = newAccount();
    const first = await t.panel.post(ACCOUNTS, body);
    expect(first.status).toBe(500);
    expect(first.body).toEqual({ detail: 'Internal server error' });
    expect(t.sim.accounts().map((a) => a.username)).toEqual([body.username]);

    await httpCall(t.sim.url, { method: 'DELETE', path: '/__control/faults' });
    const retry = await t.panel.post(ACCOUNTS, body);
    expect(retry.status).toBe(409);
  });

  it('hang accepts requests and never answers them, until turned off', async () => {
    await setFaults({ hang: true });
    const body = newAccount();
    await expect(t.panel.post(ACCOUNTS, body, { timeoutMs: 400 })).rejects.toBeInstanceOf(
      HttpTimeoutError,
    );
    await expect(t.panel.get('/api/health', { timeoutMs: 300 })).rejects.toBeInstanceOf(
      HttpTimeoutError,
    );
    // The request arrived (counted) but was never handled.
    expect(t.sim.requestCounts().routes[`POST ${ACCOUNTS}`]).toEqual({ count: 1, statuses: {} });
    expect(t.sim.accounts()).toEqual([]);

    await setFaults({ hang: false });
    expect((await t.panel.get('/api/health')).status).toBe(200);
  });

  it('close() does not wait for hung requests', async () => {
    await setFaults({ hang: true });
    const hung = t.panel
      .get('/api/health', { timeoutMs: 5000 })
      .catch((error: NodeJS.ErrnoException) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await t.sim.close();
    expect(Date.now() - started).toBeLessThan(1000);
    // The client sees the connection drop, not a timeout.
    expect(await hung).toMatchObject({ code: 'ECONNRESET' });
  });

  it('health_down makes /api/health answer 503 {"status":"down"} while accounts still work', async () => {
    await setFaults({ health_down: true });
    const health = await t.panel.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'down' });
    expect((await t.panel.post(ACCOUNTS, newAccount())).status).toBe(201);

    await setFaults({ health_down: false });
    expect((await t.panel.get('/api/health')).status).toBe(200);
  });

  it('refuse_connections_ms gives real ECONNREFUSED, then listens again on the same port', async () => {
    const created = await t.panel.post(ACCOUNTS, newAccount());
    const reply = await setFaults({ refuse_connections_ms: 400 });
    expect(reply.status).toBe(200);

    const refused = await t.panel.get('/api/health').catch((error: NodeJS.ErrnoException) => error);
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    const controlRefused = await httpCall(t.sim.url, { path: '/__control/faults' }).catch(
      (e: NodeJS.ErrnoException) => e,
    );
    expect(controlRefused).toMatchObject({ code: 'ECONNREFUSED' });

    const deadline = Date.now() + 3000;
    let health;
    for (;;) {
      health = await t.panel.get('/api/health').catch(() => undefined);
      if (health !== undefined || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(health?.status).toBe(200);
    // Same server, same data.
    expect((await t.panel.get(`${ACCOUNTS}/${created.body.id}`)).body).toEqual(created.body);
  });

  it('refusing drops idle keep-alive connections too', async () => {
    const { Agent, request } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          `${t.sim.url}/api/health`,
          { agent, headers: { 'X-API-Key': 'x', 'X-API-Secret': 'y' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get()).toBe(401);
      await t.sim.setFaults({ refuse_connections_ms: 300 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(get()).rejects.toMatchObject({
        code: expect.stringMatching(/ECONNREFUSED|ECONNRESET/),
      });
    } finally {
      agent.destroy();
    }
  });

  it('can be set programmatically and at start', async () => {
    const slow = await startTestSimulator({ faults: { health_down: true, latency_ms: 50 } });
    try {
      expect(slow.sim.faults()).toMatchObject({ health_down: true, latency_ms: 50 });
      expect((await slow.panel.get('/api/health')).status).toBe(503);
      slow.sim.resetFaults();
      expect((await slow.panel.get('/api/health')).status).toBe(200);
      await expect(slow.sim.setFaults({ failure_rate: 2 })).rejects.toThrow('failure_rate');
    } finally {
      await slow.dispose();
    }
  });
});
