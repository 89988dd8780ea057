import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { SecretBox } from '../src/common/crypto/secret-box';
import { loginAs } from './support/auth-helpers';
import { addServer, insertCustomer, insertLiveAccounts } from './support/fixtures';
import {
  clearFaults,
  setFaults,
  spawnSimulator,
  SpawnedSimulator,
} from './support/panel-simulator';
import { createTestApp, TestApp } from './support/test-app';

const GUIDE_LIST_FIELDS = [
  'id',
  'name',
  'base_url',
  'is_active',
  'is_online',
  'capacity',
  'current_accounts',
  'utilization_percent',
  'available_slots',
  'location',
  'created_at',
];

describe('panel servers', () => {
  let testApp: TestApp;
  let token: string;
  let panel: SpawnedSimulator;
  let notAPanel: Server;
  let notAPanelUrl: string;

  const api = () => ({
    post: (path: string) =>
      request(testApp.http)
        .post(`/api/v1/nextpanel/servers${path}`)
        .set('Authorization', `Bearer ${token}`),
    get: (path: string) =>
      request(testApp.http)
        .get(`/api/v1/nextpanel/servers${path}`)
        .set('Authorization', `Bearer ${token}`),
    patch: (path: string) =>
      request(testApp.http)
        .patch(`/api/v1/nextpanel/servers${path}`)
        .set('Authorization', `Bearer ${token}`),
    delete: (path: string) =>
      request(testApp.http)
        .delete(`/api/v1/nextpanel/servers${path}`)
        .set('Authorization', `Bearer ${token}`),
  });

  beforeAll(async () => {
    [testApp, panel] = await Promise.all([createTestApp(), spawnSimulator()]);
    token = await loginAs(testApp);
    notAPanel = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Welcome to nginx</html>');
    });
    await new Promise<void>((resolve) => notAPanel.listen(0, '127.0.0.1', resolve));
    notAPanelUrl = `http://127.0.0.1:${(notAPanel.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all([
      testApp.close(),
      panel.stop(),
      new Promise((resolve) => notAPanel.close(resolve)),
    ]);
  });

  describe('POST /test', () => {
    const body = () => ({
      name: 'Test Server',
      base_url: panel.url,
      api_key: panel.apiKey,
      api_secret: panel.apiSecret,
      capacity: 100,
    });

    it('answers exactly as the guide shows for a healthy panel', async () => {
      const response = await api().post('/test').send(body()).expect(200);
      expect(response.body).toMatchObject({
        success: true,
        message: 'Connection successful! Server is online.',
        url: panel.url,
      });
    });

    it('says the credentials were refused', async () => {
      const response = await api()
        .post('/test')
        .send({ ...body(), api_secret: 'nps_wrong' })
        .expect(200);
      expect(response.body).toMatchObject({ success: false, reason: 'credentials_refused' });
      expect(response.body.message).toContain('refused the API key and secret (HTTP 401)');
    });

    it('says the panel is unreachable', async () => {
      const gone = await spawnSimulator();
      await gone.kill();
      const response = await api()
        .post('/test')
        .send({ ...body(), base_url: gone.url })
        .expect(200);
      expect(response.body).toMatchObject({ success: false, reason: 'unreachable' });
      expect(response.body.message).toContain('connection refused');
    });

    it('says the panel timed out after 5 seconds', async () => {
      await setFaults(panel, { hang: true });
      try {
        const response = await api().post('/test').send(body()).expect(200);
        expect(response.body).toMatchObject({ success: false, reason: 'timeout' });
        expect(response.body.message).toContain('did not answer within 5 seconds');
      } finally {
        await clearFaults(panel);
      }
    }, 15_000);

    it('says when the answer does not come from a NextPanel server', async () => {
      const response = await api()
        .post('/test')
        .send({ ...body(), base_url: notAPanelUrl })
        .expect(200);
      expect(response.body).toMatchObject({ success: false, reason: 'not_nextpanel' });
    });

    it('says when the panel reports itself unhealthy', async () => {
      await setFaults(panel, { health_down: true });
      try {
        const response = await api().post('/test').send(body()).expect(200);
        expect(response.body).toMatchObject({ success: false, reason: 'unhealthy' });
      } finally {
        await clearFaults(panel);
      }
    });

    it.each([
      ['ftp://panel.example.com', 'base_url must use http or https'],
      [
        'http://user:pw@127.0.0.1:3000',
        'base_url must not contain credentials; use api_key and api_secret',
      ],
      ['http://127.0.0.1:3000/#frag', 'base_url must not contain a fragment (#...)'],
    ])('refuses the base_url %s', async (baseUrl, message) => {
      const response = await api()
        .post('/test')
        .send({ ...body(), base_url: baseUrl })
        .expect(400);
      expect(response.body.details).toEqual([{ field: 'base_url', message }]);
    });
  });

  describe('CRUD', () => {
    it('adds a server, stores the secret encrypted and never returns it', async () => {
      const response = await api()
        .post('')
        .send({
          name: 'Production Server 1',
          description: 'Main hosting server',
          base_url: `${panel.url}/`,
          api_key: panel.apiKey,
          api_secret: panel.apiSecret,
          capacity: 100,
          location: 'US-East',
        })
        .expect(201);
      expect(response.body).toMatchObject({
        name: 'Production Server 1',
        base_url: panel.url,
        is_active: true,
        is_online: true,
        capacity: 100,
        current_accounts: 0,
        utilization_percent: 0,
        available_slots: 100,
        location: 'US-East',
      });
      expect(response.body.api_key).toBe(`npk_…${panel.apiKey.slice(-4)}`);
      expect(JSON.stringify(response.body)).not.toContain(panel.apiSecret);

      const [row] = await testApp.dataSource.query('SELECT * FROM panel_servers WHERE id = $1', [
        response.body.id,
      ]);
      expect(JSON.stringify(row)).not.toContain(panel.apiSecret);
      expect(new SecretBox(testApp.config).open(row.api_secret_encrypted)).toBe(panel.apiSecret);
    });

    it('lists servers with exactly the guide’s fields and database-counted accounts', async () => {
      const server = await addServer(testApp, token, panel, { capacity: 20 });
      const customer = await insertCustomer(testApp);
      await insertLiveAccounts(testApp, server.id, customer.id, 5);
      await testApp.dataSource.query(
        `INSERT INTO hosting_accounts (customer_id, server_id, username, email, status) VALUES ($1, $2, 'gone1', 'g@example.com', 'terminated')`,
        [customer.id, server.id],
      );
      const response = await api().get('').expect(200);
      expect(Array.isArray(response.body)).toBe(true);
      const listed = response.body.find((s: { id: number }) => s.id === server.id);
      for (const field of GUIDE_LIST_FIELDS) expect(listed).toHaveProperty(field);
      expect(listed).toMatchObject({
        current_accounts: 5,
        utilization_percent: 25,
        available_slots: 15,
      });
      await api().get(`/${server.id}`).expect(200);
      const body = JSON.stringify(response.body);
      expect(body).not.toContain(panel.apiSecret);
      expect(body).not.toContain('api_secret');
    });

    it('refuses a duplicate name, a capacity below 1 and unknown fields', async () => {
      await addServer(testApp, token, panel, { name: 'Unique Name' });
      const duplicate = await api()
        .post('')
        .send({
          name: 'Unique Name',
          base_url: panel.url,
          api_key: 'k',
          api_secret: 's',
          capacity: 5,
        })
        .expect(409);
      expect(duplicate.body.code).toBe('SERVER_NAME_TAKEN');
      const zero = await api()
        .post('')
        .send({ name: 'Z', base_url: panel.url, api_key: 'k', api_secret: 's', capacity: 0 })
        .expect(400);
      expect(zero.body.details).toEqual([
        { field: 'capacity', message: 'capacity must not be less than 1' },
      ]);
      await api()
        .post('')
        .send({
          name: 'Y',
          base_url: panel.url,
          api_key: 'k',
          api_secret: 's',
          capacity: 5,
          owner: 'x',
        })
        .expect(400);
    });

    it('records an offline panel as offline but still saves it', async () => {
      const response = await api()
        .post('')
        .send({
          name: 'Wrong secret',
          base_url: panel.url,
          api_key: panel.apiKey,
          api_secret: 'nps_wrong',
          capacity: 5,
        })
        .expect(201);
      expect(response.body).toMatchObject({ is_online: false });
      expect(response.body.last_error).toContain('refused the API key and secret');
    });

    it('rotates credentials, changes capacity and deactivates', async () => {
      const server = await addServer(testApp, token, panel, { api_secret: 'nps_old_wrong' });
      const rotated = await api()
        .patch(`/${server.id}`)
        .send({ api_secret: panel.apiSecret })
        .expect(200);
      expect(rotated.body).toMatchObject({ is_online: true, last_error: null });
      const changed = await api()
        .patch(`/${server.id}`)
        .send({ capacity: 3, is_active: false })
        .expect(200);
      expect(changed.body).toMatchObject({ capacity: 3, is_active: false, available_slots: 3 });

      const customer = await insertCustomer(testApp);
      await insertLiveAccounts(testApp, server.id, customer.id, 2);
      const tooSmall = await api().patch(`/${server.id}`).send({ capacity: 1 }).expect(409);
      expect(tooSmall.body).toMatchObject({ code: 'CAPACITY_BELOW_USAGE' });
    });

    it('deletes an unused server, refuses one that holds accounts', async () => {
      const unused = await addServer(testApp, token, panel);
      await api().delete(`/${unused.id}`).expect(204);
      await api().get(`/${unused.id}`).expect(404);

      const used = await addServer(testApp, token, panel);
      const customer = await insertCustomer(testApp);
      await insertLiveAccounts(testApp, used.id, customer.id, 1);
      const refused = await api().delete(`/${used.id}`).expect(409);
      expect(refused.body).toMatchObject({ code: 'SERVER_HAS_ACCOUNTS' });
      await api().get(`/${used.id}`).expect(200);
    });

    it('answers 404 for an unknown id and 400 for a non-numeric one', async () => {
      await api().get('/999999').expect(404);
      const response = await api().get('/abc').expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });
  });

  describe('GET /status', () => {
    it('checks every panel in parallel, so a hanging one costs one timeout, not the sum', async () => {
      const hanging = [await spawnSimulator({ hang: true }), await spawnSimulator({ hang: true })];
      try {
        for (const p of hanging) await addServer(testApp, token, p);
        const started = Date.now();
        const response = await api().get('/status').expect(200);
        const elapsed = Date.now() - started;
        // Two hanging panels checked one after the other would take at least 6 s.
        expect(elapsed).toBeLessThan(5500);
        const entries = response.body as Array<Record<string, unknown>>;
        const healthy = entries.find((s) => s.url === panel.url && s.is_online === true);
        expect(healthy).toMatchObject({
          server_id: expect.any(String),
          name: expect.any(String),
          is_active: expect.any(Boolean),
        });
        expect(Object.keys(healthy!)).toEqual(
          expect.arrayContaining([
            'server_id',
            'name',
            'url',
            'is_active',
            'is_online',
            'current_accounts',
            'capacity',
            'utilization',
          ]),
        );
        const down = entries.filter((s) => hanging.some((p) => p.url === s.url));
        expect(down).toHaveLength(2);
        for (const entry of down)
          expect(entry).toMatchObject({
            is_online: false,
            error: expect.stringContaining('did not answer'),
          });

        const listed = await api().get('').expect(200);
        const stored = (listed.body as Array<{ base_url: string; is_online: boolean }>).filter(
          (s) => hanging.some((p) => p.url === s.base_url),
        );
        expect(stored.every((s) => s.is_online === false)).toBe(true);
      } finally {
        await Promise.all(hanging.map((p) => p.kill()));
      }
    }, 20_000);
  });

  describe('authorization', () => {
    it('requires an admin', async () => {
      await request(testApp.http).get('/api/v1/nextpanel/servers').expect(401);
      const customer = await insertCustomer(testApp);
      const customerToken = await loginAs(testApp, {
        email: customer.email,
        password: customer.password,
      });
      await request(testApp.http)
        .get('/api/v1/nextpanel/servers')
        .set('Authorization', `Bearer ${customerToken}`)
        .expect(403);
    });
  });

  it('writes one access line per request, and names the request in the lines written during it', async () => {
    const linesOf = (requestId: string) =>
      testApp.logs
        .join('')
        .split('\n')
        .filter((line) => line.includes(requestId))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    await api()
      .post('')
      .set('X-Request-Id', 'log-add-1')
      .send({
        name: 'Logged Server',
        base_url: panel.url,
        api_key: panel.apiKey,
        api_secret: panel.apiSecret,
        capacity: 10,
      })
      .expect(201);
    await api().get('/999999').set('X-Request-Id', 'log-missing-1').expect(404);
    await request(testApp.http).get('/health').set('X-Request-Id', 'log-health-1').expect(200);

    const added = linesOf('log-add-1');
    // The service's own line, then the access line; nothing else, and no second access line.
    expect(added.map((line) => line.msg)).toEqual(['Panel server added', 'request completed']);
    expect(added[0]).toMatchObject({
      level: 30,
      req: { id: 'log-add-1' },
      context: 'ServersService',
    });
    expect(added[1]).toMatchObject({
      level: 30,
      req: {
        id: 'log-add-1',
        method: 'POST',
        url: '/api/v1/nextpanel/servers',
        remote_address: expect.any(String),
      },
      res: { status_code: 201 },
      responseTime: expect.any(Number),
    });
    expect(linesOf('log-missing-1')).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'request completed',
        req: expect.objectContaining({ url: '/api/v1/nextpanel/servers/999999' }),
        res: { status_code: 404 },
      }),
    ]);
    expect(linesOf('log-health-1')).toEqual([]);
  });

  it('logs a request the client gave up on', async () => {
    const hanging = await spawnSimulator({ hang: true });
    try {
      // The connection test waits up to 5 s for the panel; the client leaves after 300 ms.
      await expect(
        api().post('/test').set('X-Request-Id', 'log-abort-1').timeout(300).send({
          name: 'Hanging',
          base_url: hanging.url,
          api_key: hanging.apiKey,
          api_secret: hanging.apiSecret,
          capacity: 1,
        }),
      ).rejects.toThrow(/Timeout/);
      const aborted = async () =>
        testApp.logs
          .join('')
          .split('\n')
          .filter((line) => line.includes('log-abort-1'))
          .map((line) => JSON.parse(line) as { msg: string; level: number; req: unknown });
      for (let waited = 0; waited < 2000 && (await aborted()).length === 0; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await aborted())[0]).toMatchObject({
        level: 40,
        msg: 'request aborted by the client',
        req: { id: 'log-abort-1', method: 'POST', url: '/api/v1/nextpanel/servers/test' },
      });
    } finally {
      await hanging.kill();
    }
  });

  it('never logs a panel secret', () => {
    expect(testApp.logs.join('')).not.toContain(panel.apiSecret);
  });
});
