import { JwtService } from '@nestjs/jwt';
import fc from 'fast-check';
import request from 'supertest';
import { loginAs } from './support/auth-helpers';
import { insertCustomer } from './support/fixtures';
import { createTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  /** The path as the document writes it, parameters in braces. */
  template: string;
  security: boolean;
  /** Takes a request body, or names its target in the path: hostile input has somewhere to go. */
  takesInput: boolean;
}

/** Every operation of the served OpenAPI document, with its path parameters filled in. */
function operationsOf(document: {
  paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>>;
}): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, spec]) => ({
      method: method as Operation['method'],
      template: path,
      path: path
        .replace('{id}', /plans/.test(path) ? '00000000-0000-4000-8000-000000000001' : '1')
        .replace('{customerId}', '2'),
      security: Array.isArray(spec.security) && spec.security.length > 0,
      takesInput: spec.requestBody !== undefined || path.includes('{'),
    })),
  );
}

const PUBLIC_OPERATIONS = new Set([
  'get /health',
  'post /api/v1/auth/login',
  'post /api/v1/auth/register',
  'get /api/v1/plans',
  'get /api/v1/store/config',
  'post /api/v1/webhooks/stripe',
  'post /api/v1/licenses/validate',
]);

/** Counts of every table's rows: "the database is unchanged" means this is equal before and after. */
async function tableCounts(testApp: TestApp): Promise<Record<string, number>> {
  const tables: Array<{ tablename: string }> = await testApp.dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('rate_limit_buckets', 'typeorm_migrations') ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    counts[tablename] = (
      await testApp.dataSource.query(`SELECT count(*)::int AS n FROM "${tablename}"`)
    )[0].n;
  }
  return counts;
}

const expectErrorShape = (status: number, body: Record<string, unknown>) => {
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  expect(body).toMatchObject({
    statusCode: status,
    error: expect.any(String),
    message: expect.any(String),
  });
};

describe('hardening', () => {
  let testApp: TestApp;
  let adminToken: string;
  let customerToken: string;
  let operations: Operation[];

  beforeAll(async () => {
    testApp = await createTestApp({ LOGIN_RATE_LIMIT_PER_IP: '100000' });
    adminToken = await loginAs(testApp);
    const customer = await insertCustomer(testApp);
    customerToken = await loginAs(testApp, { email: customer.email, password: customer.password });
    operations = operationsOf((await request(testApp.http).get('/docs-json').expect(200)).body);
  });
  afterAll(() => testApp.close());

  const call = (op: Operation) => request(testApp.http)[op.method](op.path);

  it('documents every route as public or bearer-protected, and only the intended ones are public', () => {
    expect(operations.length).toBeGreaterThan(40);
    const unprotected = operations
      .filter((op) => !op.security)
      .map((op) => `${op.method} ${op.path}`);
    for (const key of unprotected) expect(PUBLIC_OPERATIONS).toContain(key);
  });

  describe('authorization matrix', () => {
    const now = Math.floor(Date.now() / 1000);
    const tokens: Array<[string, () => string]> = [
      ['no token', () => ''],
      [
        'an expired token',
        () =>
          new JwtService({ secret: TEST_JWT_SECRET }).sign({
            sub: '1',
            role: 'admin',
            iat: now - 7200,
            exp: now - 3600,
          }),
      ],
      [
        'a token signed with another key',
        () => new JwtService({ secret: 'x'.repeat(48) }).sign({ sub: '1', role: 'admin' }),
      ],
      [
        'an alg:none token',
        () =>
          `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: '1', role: 'admin', exp: now + 3600 })).toString('base64url')}.`,
      ],
    ];

    it.each(tokens)('refuses %s on every protected operation', async (_name, token) => {
      for (const op of operations.filter(
        (o) => o.security && !PUBLIC_OPERATIONS.has(`${o.method} ${o.path}`),
      )) {
        const pending = call(op);
        if (token()) pending.set('Authorization', `Bearer ${token()}`);
        const response = await pending;
        if (response.status !== 401)
          throw new Error(
            `${op.method.toUpperCase()} ${op.path} answered ${response.status} to ${_name}`,
          );
        expectErrorShape(response.status, response.body);
      }
    });

    const customerRoutes = /^\/api\/v1\/(my|checkout|auth\/me)/;

    it('refuses a customer token on every admin operation', async () => {
      for (const op of operations.filter(
        (o) =>
          o.security &&
          !customerRoutes.test(o.path) &&
          !PUBLIC_OPERATIONS.has(`${o.method} ${o.path}`),
      )) {
        const response = await call(op).set('Authorization', `Bearer ${customerToken}`);
        if (response.status !== 403)
          throw new Error(
            `${op.method.toUpperCase()} ${op.path} answered ${response.status} to a customer`,
          );
        expectErrorShape(response.status, response.body);
      }
    });
    it("answers 404 to customer A for each of customer B's ids on every customer operation", async () => {
      // Bob's own order and hosting account; the suite's customer asks for them by id.
      const bob = await insertCustomer(testApp);
      const bobToken = await loginAs(testApp, { email: bob.email, password: bob.password });
      const [plan] = await testApp.dataSource.query(
        `INSERT INTO plans (name, max_databases, max_domains, max_email_accounts, max_disk_gb,
                            price_monthly_cents, price_yearly_cents)
         VALUES ('Matrix plan', 1, 1, 1, 1, 500, 5000) RETURNING id`,
      );
      const [order] = await testApp.dataSource.query(
        `INSERT INTO orders (customer_id, plan_id, billing_cycle, status, amount_cents, currency)
         VALUES ($1, $2, 'monthly', 'pending', 500, 'USD') RETURNING id`,
        [bob.id, plan.id],
      );
      const [server] = await testApp.dataSource.query(
        `INSERT INTO panel_servers (name, base_url, api_key, api_secret_encrypted, capacity)
         VALUES ('matrix-panel', 'http://127.0.0.1:9', 'npk_matrix', 'v1.unused', 10) RETURNING id`,
      );
      const [account] = await testApp.dataSource.query(
        `INSERT INTO hosting_accounts (customer_id, server_id, username, email, status, nextpanel_user_id)
         VALUES ($1, $2, 'bobsite', $3, 'active', 4242) RETURNING id`,
        [bob.id, server.id, bob.email],
      );
      const bobsIds: Record<string, number> = {
        '/api/v1/my/orders/{id}': order.id,
        '/api/v1/my/accounts/{id}/usage': account.id,
      };
      const withIds = operations.filter(
        (o) => customerRoutes.test(o.template) && o.template.includes('{'),
      );
      // A new customer operation with an id fails here until it is given one of Bob's ids.
      expect(withIds.map((o) => o.template).sort()).toEqual(Object.keys(bobsIds).sort());
      try {
        for (const op of withIds) {
          const path = op.template.replace('{id}', String(bobsIds[op.template]));
          // Bob's id is real: Bob reads it.
          const own = await request(testApp.http)
            [op.method](path)
            .set('Authorization', `Bearer ${bobToken}`);
          if (own.status !== 200)
            throw new Error(`${op.method} ${path} answered Bob ${own.status}`);
          const response = await request(testApp.http)
            [op.method](path)
            .set('Authorization', `Bearer ${customerToken}`);
          if (response.status !== 404)
            throw new Error(
              `${op.method.toUpperCase()} ${path} answered ${response.status} to another customer`,
            );
          expectErrorShape(response.status, response.body);
          expect(JSON.stringify(response.body)).not.toContain('bobsite');
        }
      } finally {
        // Later tests address ids such as 1: leave no row they could find.
        await testApp.dataSource.query(`DELETE FROM hosting_accounts WHERE id = $1`, [account.id]);
        await testApp.dataSource.query(`DELETE FROM panel_servers WHERE id = $1`, [server.id]);
        await testApp.dataSource.query(`DELETE FROM orders WHERE id = $1`, [order.id]);
        await testApp.dataSource.query(`DELETE FROM plans WHERE id = $1`, [plan.id]);
      }
    });
  });

  describe('hostile input', () => {
    const hostileValue = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme', maxLength: 50 }),
      fc.constantFrom(
        "' OR 1=1 --",
        "'; DROP TABLE users; --",
        '<script>alert(1)</script>',
        '\u0000',
        'a\u0000b',
        '\ud800',
        '🙂'.repeat(300),
        'x'.repeat(100_000),
        '../../etc/passwd',
        '${jndi:ldap://x}',
        '{{7*7}}',
      ),
      fc.integer(),
      fc.double(),
      fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e308),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
    );
    const fieldNames = fc.constantFrom(
      'email',
      'password',
      'full_name',
      'company_name',
      'name',
      'base_url',
      'api_key',
      'api_secret',
      'capacity',
      'customer_id',
      'username',
      'server_id',
      'license_id',
      'package_id',
      'plan_id',
      'billing_cycle',
      'reason',
      'price_monthly',
      'max_databases',
      'is_active',
      'phone',
      'description',
      '__proto__',
      'constructor',
    );
    const hostileBody = fc.oneof(
      fc.dictionary(fieldNames, hostileValue, { maxKeys: 6 }),
      fc.constantFrom<unknown>([], 'text', 42, null, [1, 2]),
    );

    it('answers every POST, PATCH and PUT with a 4xx in the one error shape, never a 500, and writes nothing', async () => {
      // A button with nothing to send and nothing to name (`POST /automation/run`) accepts any
      // body by design; its own tests cover it.
      const writes = operations.filter(
        (op) =>
          ['post', 'patch', 'put'].includes(op.method) &&
          op.path !== '/api/v1/webhooks/stripe' &&
          op.takesInput,
      );
      const before = await tableCounts(testApp);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...writes),
          hostileBody,
          fc.boolean(),
          async (op, body, asAdmin) => {
            const pending = call(op).set('Content-Type', 'application/json');
            if (!PUBLIC_OPERATIONS.has(`${op.method} ${op.path}`))
              pending.set('Authorization', `Bearer ${asAdmin ? adminToken : customerToken}`);
            const response = await pending.send(JSON.stringify(body));
            if (response.status >= 500 || response.status < 400) {
              throw new Error(
                `${op.method.toUpperCase()} ${op.path} with ${JSON.stringify(body).slice(0, 300)} answered ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
              );
            }
            expectErrorShape(response.status, response.body);
          },
        ),
        { numRuns: 400 },
      );
      expect(await tableCounts(testApp)).toEqual(before);
    }, 120_000);

    it('never answers 500 when one field of a valid body is replaced by hostile input', async () => {
      const plans = (await request(testApp.http).get('/api/v1/plans').expect(200)).body;
      const valid: Array<[string, string, Record<string, unknown>]> = [
        [
          'post',
          '/api/v1/customers',
          {
            email: 'fuzz@example.com',
            full_name: 'Fuzz',
            company_name: 'F',
            password: 'Fuzz12345!',
            is_active: true,
          },
        ],
        [
          'post',
          '/api/v1/auth/register',
          { email: 'fuzz2@example.com', full_name: 'Fuzz', password: 'Fuzz12345!' },
        ],
        [
          'post',
          '/api/v1/nextpanel/servers/test',
          { base_url: 'http://127.0.0.1:9', api_key: 'k', api_secret: 's', capacity: 5 },
        ],
        [
          'post',
          '/api/v1/nextpanel/provision',
          { customer_id: 2, username: 'fuzzuser', password: 'Fuzz12345!', server_id: 1 },
        ],
        [
          'post',
          '/api/v1/plans',
          {
            name: 'Fuzz',
            max_databases: 1,
            max_domains: 1,
            max_email_accounts: 1,
            max_disk_gb: 1,
            price_monthly: 1,
            price_yearly: 10,
          },
        ],
        [
          'post',
          '/api/v1/customers/2/licenses',
          { plan_id: plans[0].id, billing_cycle: 'monthly', create_subscription: true },
        ],
        ['patch', '/api/v1/customers/2', { full_name: 'Fuzzed' }],
        ['patch', `/api/v1/plans/${plans[0].id}`, { description: 'fuzzed' }],
        ['post', '/api/v1/auth/login', { email: 'admin@test.com', password: 'nope-nope' }],
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...valid),
          fc.nat(),
          hostileValue,
          async ([method, path, body], which, value) => {
            const fields = Object.keys(body);
            const mutated = { ...body, [fields[which % fields.length]]: value };
            const response = await (
              request(testApp.http) as unknown as Record<string, (p: string) => request.Test>
            )
              [method](path)
              .set('Authorization', `Bearer ${adminToken}`)
              .send(mutated);
            if (response.status >= 500) {
              throw new Error(
                `${method.toUpperCase()} ${path} with ${JSON.stringify(mutated).slice(0, 300)} answered ${response.status}`,
              );
            }
            if (response.status >= 400) expectErrorShape(response.status, response.body);
          },
        ),
        { numRuns: 1000 },
      );
    }, 120_000);

    it('answers malformed JSON on every write with 400', async () => {
      for (const op of operations.filter(
        (o) => ['post', 'patch', 'put'].includes(o.method) && o.path !== '/api/v1/webhooks/stripe',
      )) {
        const response = await call(op)
          .set('Authorization', `Bearer ${adminToken}`)
          .set('Content-Type', 'application/json')
          .send('{"broken": ');
        expect([400, 404]).toContain(response.status);
        expectErrorShape(response.status, response.body);
      }
    });

    it('answers hostile path ids with 400 or 404, never 500', async () => {
      const ids = [
        '0',
        '-1',
        '1.5',
        'abc',
        '99999999999999999999',
        '%00',
        "1' OR '1'='1",
        '1;DROP TABLE users',
      ];
      for (const op of operations.filter((o) =>
        /\/\{?1\}?(\/|$)|00000000-0000-4000-8000-000000000001/.test(o.path),
      )) {
        for (const id of ids) {
          const path = op.path
            .replace(/\/1(\/|$)/, `/${encodeURIComponent(id)}$1`)
            .replace('00000000-0000-4000-8000-000000000001', encodeURIComponent(id));
          const response = await request(testApp.http)
            [op.method](path)
            .set('Authorization', `Bearer ${adminToken}`)
            .send({});
          if (response.status >= 500)
            throw new Error(`${op.method.toUpperCase()} ${path} answered ${response.status}`);
        }
      }
    });
  });
});
