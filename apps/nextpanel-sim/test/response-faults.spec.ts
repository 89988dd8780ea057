import { connect } from 'node:net';
import { GARBAGE_PAGE } from '../src/http-replies';
import { spawnSimulator } from '../src/testing/spawn-simulator';
import { httpCall, panelClient } from './support/http-call';
import { rawExchange } from './support/raw-http';
import {
  newAccount,
  removeDataDirs,
  startTestSimulator,
  TEST_API_KEY,
  TEST_API_SECRET,
  type TestSimulator,
} from './support/simulators';

const ACCOUNTS = '/api/v1/billing/accounts';
const KEYS = { 'X-API-Key': TEST_API_KEY, 'X-API-Secret': TEST_API_SECRET };
const INTERNAL_ERROR_JSON = '{"detail":"Internal server error"}';

afterAll(removeDataDirs);

/**
 * `response_fault`: answers on the account routes that are garbage (HTML with a 200), JSON of the
 * wrong shape, or cut off mid-body; before the panel did the work or after it.
 */
describe('response faults', () => {
  let t: TestSimulator;
  const setFaults = (json: unknown) =>
    httpCall(t.sim.url, { method: 'PUT', path: '/__control/faults', json });
  const clearFaults = () => httpCall(t.sim.url, { method: 'DELETE', path: '/__control/faults' });
  /** Creates an account with no fault active; returns its panel id. */
  const createClean = async (): Promise<number> => {
    const created = await t.panel.post(ACCOUNTS, newAccount());
    expect(created.status).toBe(201);
    return created.body.id as number;
  };

  beforeEach(async () => {
    t = await startTestSimulator();
  });
  afterEach(() => t.dispose());

  describe('garbage', () => {
    it('before_effect answers 200 with an HTML page and does nothing', async () => {
      const id = await createClean();
      expect((await setFaults({ response_fault: 'garbage' })).body).toMatchObject({
        response_fault: 'garbage',
        response_fault_rate: 1,
        failure_mode: 'before_effect',
      });
      const body = newAccount();
      const replies = [
        await t.panel.post(ACCOUNTS, body),
        await t.panel.get(`${ACCOUNTS}/${id}`),
        await t.panel.post(`${ACCOUNTS}/${id}/suspend`, { reason: 'Abuse' }),
        await t.panel.delete(`${ACCOUNTS}/${id}`),
      ];
      for (const reply of replies) {
        expect(reply.status).toBe(200);
        expect(reply.headers['content-type']).toMatch(/^text\/html/);
        expect(reply.text).toBe(GARBAGE_PAGE);
        expect(() => JSON.parse(reply.text) as unknown).toThrow();
      }
      expect(t.sim.accounts().map((a) => [a.id, a.status])).toEqual([[id, 'active']]);

      await clearFaults();
      expect((await t.panel.post(ACCOUNTS, body)).status).toBe(201);
    });

    it('after_effect creates the account, then answers the HTML page, so a retry meets 409', async () => {
      await setFaults({ response_fault: 'garbage', failure_mode: 'after_effect' });
      const body = newAccount();
      const first = await t.panel.post(ACCOUNTS, body);
      expect(first.status).toBe(200);
      expect(first.text).toBe(GARBAGE_PAGE);
      expect(t.sim.accounts().map((a) => a.username)).toEqual([body.username]);

      await clearFaults();
      expect((await t.panel.post(ACCOUNTS, body)).status).toBe(409);
    });

    it('leaves /api/health, unknown routes and the control API alone', async () => {
      await setFaults({ response_fault: 'garbage', failure_mode: 'after_effect' });
      const health = await t.panel.get('/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok' });
      const unknown = await t.panel.get('/api/v2/whatever');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ detail: 'Not found' });
      expect((await httpCall(t.sim.url, { path: '/__control/accounts' })).body).toEqual({
        accounts: [],
      });
    });
  });

  describe('wrong_shape', () => {
    it('before_effect answers 200 with JSON that is not the panel’s, and does nothing', async () => {
      await setFaults({ response_fault: 'wrong_shape' });
      const reply = await t.panel.post(ACCOUNTS, newAccount());
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
      expect(reply.body).toEqual({ data: { detail: 'Internal server error' } });
      expect(reply.body.id).toBeUndefined();
      expect(t.sim.accounts()).toEqual([]);
    });

    it('after_effect does the work and wraps the real answer one level down', async () => {
      const id = await createClean();
      await setFaults({ response_fault: 'wrong_shape', failure_mode: 'after_effect' });
      const body = newAccount();
      const created = await t.panel.post(ACCOUNTS, body);
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        data: expect.objectContaining({ id: expect.any(Number), username: body.username }),
      });
      const suspended = await t.panel.post(`${ACCOUNTS}/${id}/suspend`, { reason: 'Abuse' });
      expect(suspended.body).toEqual({
        data: expect.objectContaining({ id, status: 'suspended' }),
      });
      // An error answer is wrapped too, with a 200: the status says nothing any more.
      const duplicate = await t.panel.post(ACCOUNTS, body);
      expect(duplicate.status).toBe(200);
      expect(duplicate.body).toEqual({ data: { detail: 'Username already exists' } });
      expect(t.sim.accounts().map((a) => [a.username, a.status])).toEqual([
        [expect.any(String), 'suspended'],
        [body.username, 'active'],
      ]);
    });
  });

  describe('drop', () => {
    it('before_effect sends the 500 status line and half its body, closes, and does nothing', async () => {
      await setFaults({ response_fault: 'drop' });
      const body = newAccount();
      const raw = await rawExchange(t.sim.url, {
        method: 'POST',
        path: ACCOUNTS,
        headers: KEYS,
        json: body,
      });
      expect(raw.status).toBe(500);
      expect(raw.headers['content-length']).toBe(String(INTERNAL_ERROR_JSON.length));
      expect(raw.body).toBe(INTERNAL_ERROR_JSON.slice(0, INTERNAL_ERROR_JSON.length / 2));
      expect(t.sim.accounts()).toEqual([]);

      await clearFaults();
      expect((await t.panel.post(ACCOUNTS, body)).status).toBe(201);
    });

    it('after_effect creates the account, sends 201 and half of it, then closes', async () => {
      await setFaults({ response_fault: 'drop', failure_mode: 'after_effect' });
      const body = newAccount();
      const raw = await rawExchange(t.sim.url, {
        method: 'POST',
        path: ACCOUNTS,
        headers: KEYS,
        json: body,
      });
      expect(raw.statusLine).toBe('HTTP/1.1 201 Created');
      const declared = Number(raw.headers['content-length']);
      expect(raw.body.length).toBe(Math.floor(declared / 2));
      expect(raw.body.startsWith('{"id":')).toBe(true);
      expect(() => JSON.parse(raw.body) as unknown).toThrow();
      const [account] = t.sim.accounts();
      expect(account).toMatchObject({ username: body.username, status: 'active' });
      // Content-Length announced the whole account, as the panel would have sent it.
      await clearFaults();
      const whole = await t.panel.get(`${ACCOUNTS}/${account!.id}`);
      expect(declared).toBe(Buffer.byteLength(whole.text));
      expect(whole.text.startsWith(raw.body)).toBe(true);
    });

    it('after_effect on a body-less route (unsuspend) changes the account and cuts the answer', async () => {
      const id = await createClean();
      await t.panel.post(`${ACCOUNTS}/${id}/suspend`, { reason: 'Abuse' });
      await setFaults({ response_fault: 'drop', failure_mode: 'after_effect' });
      const raw = await rawExchange(t.sim.url, {
        method: 'POST',
        path: `${ACCOUNTS}/${id}/unsuspend`,
        headers: KEYS,
        json: {},
      });
      expect(raw.status).toBe(200);
      expect(raw.body.length).toBeLessThan(Number(raw.headers['content-length']));
      expect(t.sim.accounts()[0]).toMatchObject({ id, status: 'active' });
    });

    it('is what fetch (the billing API’s client) sees as a connection closed mid-body', async () => {
      await setFaults({ response_fault: 'drop', failure_mode: 'after_effect' });
      const response = await fetch(`${t.sim.url}${ACCOUNTS}`, {
        method: 'POST',
        headers: { ...KEYS, 'Content-Type': 'application/json' },
        body: JSON.stringify(newAccount()),
      });
      expect(response.status).toBe(201);
      const failure = await response.text().then(
        () => undefined,
        (error: Error & { cause?: { code?: string } }) => error,
      );
      // undici's "terminated" (a TypeError from Node's own realm, hence no toBeInstanceOf).
      expect(failure).toMatchObject({ name: 'TypeError', message: 'terminated' });
      expect(failure?.cause?.code).toBe('UND_ERR_SOCKET');
      expect(t.sim.accounts()).toHaveLength(1);
    });

    it('counts the request but no status for it, and logs it as aborted', async () => {
      await setFaults({ response_fault: 'drop' });
      await rawExchange(t.sim.url, { method: 'GET', path: `${ACCOUNTS}/1`, headers: KEYS });
      expect(t.sim.requestCounts().routes[`GET ${ACCOUNTS}/:id`]).toEqual({
        count: 1,
        statuses: {},
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(
        t.logLines.some((line) => line.includes('"aborted":true') && line.includes('/accounts/1')),
      ).toBe(true);
    });
  });

  it('response_fault_rate spoils that share of the requests', async () => {
    const draws = [0.1, 0.9, 0.49, 0.5];
    const seeded = await startTestSimulator({
      random: () => draws.shift() ?? 0.99,
      faults: { response_fault: 'garbage', response_fault_rate: 0.5 },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) {
        const reply = await seeded.panel.post(ACCOUNTS, newAccount());
        statuses.push(
          reply.headers['content-type']?.toString().startsWith('text/html')
            ? 'garbage'
            : reply.status,
        );
      }
      expect(statuses).toEqual(['garbage', 201, 'garbage', 201]);
      expect(seeded.sim.accounts()).toHaveLength(2);
    } finally {
      await seeded.dispose();
    }
  });

  it('lets failure_rate win: a request it fails gets the 500, not a response fault', async () => {
    await setFaults({ failure_rate: 1, response_fault: 'garbage' });
    const reply = await t.panel.post(ACCOUNTS, newAccount());
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ detail: 'Internal server error' });
  });

  it('is turned off by response_fault "none", a rate of 0, or DELETE /__control/faults', async () => {
    await setFaults({ response_fault: 'garbage', response_fault_rate: 0 });
    expect((await t.panel.post(ACCOUNTS, newAccount())).status).toBe(201);
    await setFaults({ response_fault_rate: 1 });
    expect((await t.panel.post(ACCOUNTS, newAccount())).status).toBe(200);
    await setFaults({ response_fault: 'none' });
    expect((await t.panel.post(ACCOUNTS, newAccount())).status).toBe(201);
    await setFaults({ response_fault: 'drop' });
    expect((await clearFaults()).body).toMatchObject({
      response_fault: 'none',
      response_fault_rate: 1,
    });
    expect((await t.panel.post(ACCOUNTS, newAccount())).status).toBe(201);
  });

  it('is validated when set programmatically', async () => {
    await expect(t.sim.setFaults({ response_fault: 'html' as never })).rejects.toThrow(
      'response_fault must be one of',
    );
    await expect(t.sim.setFaults({ response_fault_rate: 1.5 })).rejects.toThrow(
      'response_fault_rate must be a number from 0 to 1',
    );
    expect(await t.sim.setFaults({ response_fault: 'wrong_shape' })).toMatchObject({
      response_fault: 'wrong_shape',
    });
  });
});

/** The answer lost the other way: the client is gone before the panel answers. */
describe('a client that gives up while the panel works (latency_ms)', () => {
  let t: TestSimulator;
  beforeEach(async () => {
    t = await startTestSimulator({ faults: { latency_ms: 300 } });
  });
  afterEach(() => t.dispose());

  it('still gets its account created: the panel had the whole request', async () => {
    const body = newAccount();
    const socket = connect(t.sim.port, t.sim.host);
    await new Promise((resolve) => socket.once('connect', resolve));
    const payload = JSON.stringify(body);
    socket.write(
      `POST ${ACCOUNTS} HTTP/1.1\r\nHost: panel\r\nX-API-Key: ${TEST_API_KEY}\r\n` +
        `X-API-Secret: ${TEST_API_SECRET}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy(); // like a billing process killed mid-call
    expect(t.sim.accounts()).toEqual([]);

    const deadline = Date.now() + 3000;
    while (t.sim.accounts().length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(t.sim.accounts().map((a) => a.username)).toEqual([body.username]);
  });

  it('still checks the keys before it reports a malformed body', async () => {
    const malformed = { method: 'POST', path: ACCOUNTS, raw: '{not json' };
    const headers = { 'Content-Type': 'application/json' };
    expect(
      (await httpCall(t.sim.url, { ...malformed, headers: { ...headers, 'X-API-Key': 'npk_x' } }))
        .status,
    ).toBe(401);
    const reply = await httpCall(t.sim.url, { ...malformed, headers: { ...headers, ...KEYS } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ detail: 'Malformed JSON body' });
    expect((await t.panel.post(ACCOUNTS, newAccount())).status).toBe(201);
  });
});

describe('spawnSimulator with a response fault', () => {
  it('passes responseFault and responseFaultRate to the process', async () => {
    const panel = await spawnSimulator({ responseFault: 'drop', responseFaultRate: 0.25 });
    try {
      const faults = await httpCall(panel.url, { path: '/__control/faults' });
      expect(faults.body).toMatchObject({ response_fault: 'drop', response_fault_rate: 0.25 });
      const health = await panelClient(panel.url, panel.apiKey, panel.apiSecret).get('/api/health');
      expect(health.status).toBe(200);
    } finally {
      await panel.stop();
    }
  });
});
