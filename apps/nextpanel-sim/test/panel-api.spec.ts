import { httpCall, panelClient } from './support/http-call';
import {
  newAccount,
  startTestSimulator,
  TEST_API_KEY,
  TEST_API_SECRET,
  type TestSimulator,
  removeDataDirs,
} from './support/simulators';

const ACCOUNTS = '/api/v1/billing/accounts';

afterAll(removeDataDirs);
const RESTRICTED_KEY = 'npk_readonly_55aa66bb77cc';
const RESTRICTED_SECRET = 'nps_readonly_11dd22ee33ff44';

describe('panel billing API', () => {
  let t: TestSimulator;

  beforeAll(async () => {
    t = await startTestSimulator({
      restrictedApiKey: RESTRICTED_KEY,
      restrictedApiSecret: RESTRICTED_SECRET,
    });
  });
  afterAll(() => t.dispose());

  describe('GET /api/health (Test Connection)', () => {
    it('answers 200 {"status":"ok"} to the BILLING key pair', async () => {
      const reply = await t.panel.get('/api/health');
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ status: 'ok' });
    });

    it.each([
      ['no headers', {}],
      ['a wrong secret', { 'X-API-Key': TEST_API_KEY, 'X-API-Secret': 'nps_wrong' }],
      ['a wrong key', { 'X-API-Key': 'npk_wrong', 'X-API-Secret': TEST_API_SECRET }],
      ['only the key', { 'X-API-Key': TEST_API_KEY }],
      ['key and secret swapped', { 'X-API-Key': TEST_API_SECRET, 'X-API-Secret': TEST_API_KEY }],
      [
        'the restricted key with the billing secret',
        { 'X-API-Key': RESTRICTED_KEY, 'X-API-Secret': TEST_API_SECRET },
      ],
    ])('answers 401 to %s', async (_case, headers) => {
      const reply = await httpCall(t.sim.url, { path: '/api/health', headers });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ detail: 'Invalid API credentials' });
    });

    it('answers 403 to a key pair without BILLING permission, on health and on accounts', async () => {
      const readOnly = panelClient(t.sim.url, RESTRICTED_KEY, RESTRICTED_SECRET);
      const attempt = newAccount();
      for (const reply of [
        await readOnly.get('/api/health'),
        await readOnly.post(ACCOUNTS, attempt),
      ]) {
        expect(reply.status).toBe(403);
        expect(reply.body).toEqual({ detail: 'API key lacks BILLING permission' });
      }
      expect(t.sim.accounts().some((a) => a.username === attempt.username)).toBe(false);
    });
  });

  describe('authentication on account routes', () => {
    it('refuses every account route without credentials, before looking at the body or the id', async () => {
      const calls = [
        { method: 'POST', path: ACCOUNTS, json: newAccount() },
        {
          method: 'POST',
          path: ACCOUNTS,
          raw: '{not json',
          headers: { 'Content-Type': 'application/json' },
        },
        { method: 'GET', path: `${ACCOUNTS}/1` },
        { method: 'DELETE', path: `${ACCOUNTS}/1` },
        { method: 'POST', path: `${ACCOUNTS}/1/suspend`, json: { reason: 'x' } },
        { method: 'POST', path: `${ACCOUNTS}/1/unsuspend` },
        { method: 'GET', path: `${ACCOUNTS}/1/stats` },
        { method: 'PUT', path: `${ACCOUNTS}/1/package`, json: { package_id: 2 } },
        { method: 'POST', path: `${ACCOUNTS}/1/password`, json: { password: 'NewPassword456!' } },
      ];
      for (const call of calls) {
        const reply = await httpCall(t.sim.url, call);
        expect({
          call: `${call.method} ${call.path}`,
          status: reply.status,
          body: reply.body,
        }).toEqual({
          call: `${call.method} ${call.path}`,
          status: 401,
          body: { detail: 'Invalid API credentials' },
        });
      }
    });
  });

  describe('POST /api/v1/billing/accounts', () => {
    it('creates the account and returns 201 with the full account object', async () => {
      const body = newAccount({ username: 'johndoe', email: 'customer@example.com' });
      const reply = await t.panel.post(ACCOUNTS, body);
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({
        id: expect.any(Number),
        username: 'johndoe',
        email: 'customer@example.com',
        full_name: 'John Doe',
        phone: '+1234567890',
        company: 'Acme Inc',
        package_id: 1,
        status: 'active',
        suspend_reason: null,
        billing_id: '1',
        metadata: {
          created_from: 'billing_system',
          billing_customer_id: '1',
          account_type: 'panel',
        },
        quotas: {},
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        updated_at: reply.body.created_at,
      });
      const fetched = await t.panel.get(`${ACCOUNTS}/${reply.body.id}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(reply.body);
    });

    it('accepts the minimal body and fills optional fields with null/{}', async () => {
      const reply = await t.panel.post(ACCOUNTS, {
        username: 'minimal_user',
        email: 'm@example.org',
        password: '12345678',
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        full_name: null,
        phone: null,
        company: null,
        package_id: null,
        billing_id: null,
        metadata: {},
        quotas: {},
      });
    });

    it('hands out increasing ids and never reuses the id of a deleted account', async () => {
      const first = await t.panel.post(ACCOUNTS, newAccount());
      const second = await t.panel.post(ACCOUNTS, newAccount());
      expect(second.body.id).toBeGreaterThan(first.body.id);
      await t.panel.delete(`${ACCOUNTS}/${second.body.id}`);
      const third = await t.panel.post(ACCOUNTS, newAccount());
      expect(third.body.id).toBeGreaterThan(second.body.id);
    });

    it('answers 409 to a duplicate username and frees the name once the account is deleted', async () => {
      const body = newAccount();
      const created = await t.panel.post(ACCOUNTS, body);
      const duplicate = await t.panel.post(ACCOUNTS, { ...body, email: 'other@example.com' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toEqual({ detail: 'Username already exists' });

      await t.panel.delete(`${ACCOUNTS}/${created.body.id}`);
      const again = await t.panel.post(ACCOUNTS, body);
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(created.body.id);
    });

    it('gives exactly one 201 among 20 concurrent creates of one username, the rest 409', async () => {
      const body = newAccount();
      const replies = await Promise.all(
        Array.from({ length: 20 }, () => t.panel.post(ACCOUNTS, body)),
      );
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
      expect(t.sim.accounts().filter((a) => a.username === body.username)).toHaveLength(1);
    });

    it.each([
      ['username missing', { username: undefined }, 'username is required'],
      ['username empty', { username: '' }, 'username is required'],
      ['username not a string', { username: 42 }, 'username must be a string'],
      ['username uppercase', { username: 'JohnDoe' }, 'username must be 3-32 characters'],
      ['username starting with a digit', { username: '1john' }, 'username must be 3-32 characters'],
      ['username too short', { username: 'jo' }, 'username must be 3-32 characters'],
      ['username too long', { username: 'a'.repeat(33) }, 'username must be 3-32 characters'],
      ['username with a dash', { username: 'john-doe' }, 'username must be 3-32 characters'],
      ['email missing', { email: undefined }, 'email is required'],
      ['email implausible', { email: 'not-an-email' }, 'email must be a valid email address'],
      [
        'email without a domain dot',
        { email: 'a@localhost' },
        'email must be a valid email address',
      ],
      ['password missing', { password: undefined }, 'password is required'],
      ['password too short', { password: '1234567' }, 'password must be at least 8 characters'],
      ['package_id zero', { package_id: 0 }, 'package_id must be a positive integer'],
      ['package_id fractional', { package_id: 1.5 }, 'package_id must be a positive integer'],
      ['package_id a string', { package_id: '1' }, 'package_id must be a positive integer'],
      ['full_name a number', { full_name: 7 }, 'full_name must be a string'],
      ['company too long', { company: 'x'.repeat(256) }, 'company must be at most 255 characters'],
      ['billing_id a number', { billing_id: 1 }, 'billing_id must be a string'],
      ['metadata an array', { metadata: [1] }, 'metadata must be an object'],
      ['is_admin a string', { is_admin: 'no' }, 'is_admin must be a boolean'],
    ])('answers 400 naming the field: %s', async (_case, overrides, detail) => {
      const username = `bad_${Math.random().toString(36).slice(2, 10)}`;
      const body = newAccount({ username, ...overrides });
      const reply = await t.panel.post(ACCOUNTS, body);
      expect(reply.status).toBe(400);
      expect(reply.body.detail).toContain(detail);
      expect(t.sim.accounts().some((a) => a.username === username)).toBe(false);
    });

    it('answers 400 "Malformed JSON body" to broken JSON', async () => {
      const reply = await t.panel.call({
        method: 'POST',
        path: ACCOUNTS,
        raw: '{"username": "johndoe",',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ detail: 'Malformed JSON body' });
    });

    it('answers 400 to a JSON body that is not an object', async () => {
      const reply = await t.panel.post(ACCOUNTS, [newAccount()]);
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ detail: 'Request body must be a JSON object' });
    });

    it('answers 415 to a body that is not JSON', async () => {
      const reply = await t.panel.call({
        method: 'POST',
        path: ACCOUNTS,
        raw: 'username=johndoe',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(reply.status).toBe(415);
      expect(reply.body).toEqual({ detail: 'Content-Type must be application/json' });
    });
  });

  describe('account lifecycle', () => {
    let id: number;
    beforeEach(async () => {
      id = (await t.panel.post(ACCOUNTS, newAccount({ package_id: 1 }))).body.id;
    });

    it('suspends with a reason, idempotently, and unsuspends', async () => {
      const suspended = await t.panel.post(`${ACCOUNTS}/${id}/suspend`, {
        reason: 'Invoice #1042 overdue',
      });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({
        id,
        status: 'suspended',
        suspend_reason: 'Invoice #1042 overdue',
      });

      const again = await t.panel.post(`${ACCOUNTS}/${id}/suspend`, {
        reason: 'Invoice #1042 overdue',
      });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(suspended.body);

      const unsuspended = await t.panel.post(`${ACCOUNTS}/${id}/unsuspend`);
      expect(unsuspended.status).toBe(200);
      expect(unsuspended.body).toMatchObject({ id, status: 'active', suspend_reason: null });
      expect((await t.panel.post(`${ACCOUNTS}/${id}/unsuspend`)).body.status).toBe('active');
      expect((await t.panel.get(`${ACCOUNTS}/${id}`)).body.status).toBe('active');
    });

    it('suspends without a body, and rejects a reason that is not a string', async () => {
      const noBody = await t.panel.post(`${ACCOUNTS}/${id}/suspend`);
      expect(noBody.status).toBe(200);
      expect(noBody.body).toMatchObject({ status: 'suspended', suspend_reason: null });
      const badReason = await t.panel.post(`${ACCOUNTS}/${id}/suspend`, { reason: 12 });
      expect(badReason.status).toBe(400);
      expect(badReason.body).toEqual({ detail: 'reason must be a string' });
    });

    it('reports stats with exactly the contract fields', async () => {
      const reply = await t.panel.get(`${ACCOUNTS}/${id}/stats`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        user_id: id,
        username: expect.any(String),
        email: expect.any(String),
        total_domains: 0,
        total_databases: 0,
        total_email_accounts: 0,
        total_ssl_certificates: 0,
        storage_used: 0,
        last_login: null,
        account_age_days: 0,
      });
    });

    it('changes the package and quotas, keeping quotas when only the package is given', async () => {
      const changed = await t.panel.put(`${ACCOUNTS}/${id}/package`, {
        package_id: 3,
        quotas: { max_domains: 10, max_databases: -1, max_email_accounts: null },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        id,
        package_id: 3,
        quotas: { max_domains: 10, max_databases: -1, max_email_accounts: null },
      });
      const packageOnly = await t.panel.put(`${ACCOUNTS}/${id}/package`, { package_id: 4 });
      expect(packageOnly.body).toMatchObject({ package_id: 4, quotas: { max_domains: 10 } });
    });

    it.each([
      [{}, 'package_id is required'],
      [{ package_id: -1 }, 'package_id must be a positive integer'],
      [{ package_id: 2, quotas: 'lots' }, 'quotas must be an object'],
      [
        { package_id: 2, quotas: { max_domains: -2 } },
        'quotas.max_domains must be an integer >= -1 or null',
      ],
    ])('answers 400 to the package change %j', async (body, detail) => {
      const reply = await t.panel.put(`${ACCOUNTS}/${id}/package`, body);
      expect(reply.status).toBe(400);
      expect(reply.body.detail).toContain(detail);
      expect((await t.panel.get(`${ACCOUNTS}/${id}`)).body.package_id).toBe(1);
    });

    it('sets a new password (verifiably) and refuses one shorter than 8 characters', async () => {
      const tooShort = await t.panel.post(`${ACCOUNTS}/${id}/password`, { password: 'short' });
      expect(tooShort.status).toBe(400);
      expect(tooShort.body).toEqual({ detail: 'password must be at least 8 characters' });
      const missing = await t.panel.post(`${ACCOUNTS}/${id}/password`, {});
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ detail: 'password is required' });

      const reply = await t.panel.post(`${ACCOUNTS}/${id}/password`, {
        password: 'NewPassword456!',
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ detail: 'Password updated' });
      const verify = (password: string) =>
        httpCall(t.sim.url, {
          method: 'POST',
          path: `/__control/accounts/${id}/verify-password`,
          json: { password },
        });
      expect((await verify('NewPassword456!')).body).toEqual({ matches: true });
      expect((await verify('TempPassword123!')).body).toEqual({ matches: false });
    });

    it('deletes the account: 200, then 404 everywhere', async () => {
      const reply = await t.panel.delete(`${ACCOUNTS}/${id}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ detail: 'Account deleted' });
      expect((await t.panel.delete(`${ACCOUNTS}/${id}`)).status).toBe(404);
      expect((await t.panel.get(`${ACCOUNTS}/${id}`)).status).toBe(404);
    });
  });

  describe('unknown accounts and routes', () => {
    it.each(['999999', 'abc', '1.5', '-1', '0', '01', '1e3'])(
      'answers 404 "Account not found" for id %s on every account route',
      async (rawId) => {
        const calls = [
          t.panel.get(`${ACCOUNTS}/${rawId}`),
          t.panel.delete(`${ACCOUNTS}/${rawId}`),
          t.panel.post(`${ACCOUNTS}/${rawId}/suspend`, { reason: 'x' }),
          t.panel.post(`${ACCOUNTS}/${rawId}/unsuspend`),
          t.panel.get(`${ACCOUNTS}/${rawId}/stats`),
          t.panel.put(`${ACCOUNTS}/${rawId}/package`, { package_id: 2 }),
          t.panel.post(`${ACCOUNTS}/${rawId}/password`, { password: 'NewPassword456!' }),
        ];
        for (const reply of await Promise.all(calls)) {
          expect(reply.status).toBe(404);
          expect(reply.body).toEqual({ detail: 'Account not found' });
        }
      },
    );

    it.each([
      ['GET', '/api/v2/billing/accounts'],
      ['GET', '/api/nothing'],
      ['PATCH', `${ACCOUNTS}/1`],
      ['GET', ACCOUNTS],
      ['GET', '/'],
      ['GET', '/favicon.ico'],
    ])(
      'answers 404 {"detail":"Not found"} to %s %s, with or without credentials',
      async (method, path) => {
        for (const reply of [
          await t.panel.call({ method, path }),
          await httpCall(t.sim.url, { method, path }),
        ]) {
          expect(reply.status).toBe(404);
          expect(reply.body).toEqual({ detail: 'Not found' });
        }
      },
    );
  });
});

describe('account limit (--max-accounts)', () => {
  it('answers 507 beyond the limit and admits a new account once one is deleted', async () => {
    const t = await startTestSimulator({ maxAccounts: 2 });
    try {
      const first = await t.panel.post(ACCOUNTS, newAccount());
      expect((await t.panel.post(ACCOUNTS, newAccount())).status).toBe(201);
      const third = await t.panel.post(ACCOUNTS, newAccount());
      expect(third.status).toBe(507);
      expect(third.body).toEqual({ detail: 'Account limit reached' });

      await t.panel.delete(`${ACCOUNTS}/${first.body.id}`);
      expect((await t.panel.post(ACCOUNTS, newAccount())).status).toBe(201);
    } finally {
      await t.dispose();
    }
  });

  it('holds under concurrency: 10 simultaneous creates against a limit of 3 make exactly 3 accounts', async () => {
    const t = await startTestSimulator({ maxAccounts: 3 });
    try {
      const replies = await Promise.all(
        Array.from({ length: 10 }, () => t.panel.post(ACCOUNTS, newAccount())),
      );
      expect(replies.filter((r) => r.status === 201)).toHaveLength(3);
      expect(replies.filter((r) => r.status === 507)).toHaveLength(7);
      expect(t.sim.accounts()).toHaveLength(3);
    } finally {
      await t.dispose();
    }
  });
});

describe('passwords never leave the simulator', () => {
  it('keeps every password out of every response, the control API, the logs and the data file', async () => {
    const t = await startTestSimulator();
    const initial = 'Initial-Secret-Passw0rd!';
    const changed = 'Changed-Secret-Passw0rd!';
    try {
      const texts: string[] = [];
      const record = async (reply: Promise<{ text: string; status: number }>): Promise<void> => {
        texts.push((await reply).text);
      };
      const created = await t.panel.post(ACCOUNTS, newAccount({ password: initial }));
      texts.push(created.text);
      const id = created.body.id;
      await record(
        t.panel.post(ACCOUNTS, newAccount({ username: created.body.username, password: initial })),
      );
      await record(t.panel.get(`${ACCOUNTS}/${id}`));
      await record(t.panel.post(`${ACCOUNTS}/${id}/password`, { password: changed }));
      await record(t.panel.post(`${ACCOUNTS}/${id}/suspend`, { reason: 'abuse' }));
      await record(t.panel.get(`${ACCOUNTS}/${id}/stats`));
      await record(t.panel.put(`${ACCOUNTS}/${id}/package`, { package_id: 2 }));
      await record(httpCall(t.sim.url, { path: '/__control/accounts' }));
      await record(httpCall(t.sim.url, { path: `/__control/accounts/${id}` }));

      const { readFileSync } = await import('node:fs');
      const dataFile = readFileSync(t.sim.dataFile, 'utf8');
      for (const text of [...texts, t.logLines.join('\n'), dataFile]) {
        expect(text).not.toContain(initial);
        expect(text).not.toContain(changed);
      }
      for (const text of texts) {
        expect(text).not.toMatch(/password_hash|scrypt\$/);
      }
      // The hash is on disk, so the password is stored, just not in plaintext.
      expect(dataFile).toMatch(/"password_hash":"scrypt\$/);
      // Nor do the API key and secret appear in the logs.
      expect(t.logLines.join('\n')).not.toContain(TEST_API_SECRET);
      expect(t.logLines.join('\n')).not.toContain(TEST_API_KEY);
    } finally {
      await t.dispose();
    }
  });
});
