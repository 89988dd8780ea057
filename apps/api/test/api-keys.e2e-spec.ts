import { createHash } from 'node:crypto';
import { API_KEY_SCOPES, ApiKeyScope } from '@nextpanel/shared';
import request, { Test } from 'supertest';
import { loginAs } from './support/auth-helpers';
import { insertCustomer } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

interface DocumentedOperation {
  method: Method;
  /** The documented path, e.g. `/api/v1/customers/{id}`. */
  template: string;
  /** With its parameters filled in with dummy ids. */
  path: string;
  security: Array<Record<string, string[]>>;
  requiredScope?: string;
  apiKeyRefused?: boolean;
  description?: string;
}

const METHODS: readonly Method[] = ['get', 'post', 'patch', 'put', 'delete'];

/** Every operation of the served OpenAPI document, path parameters filled with dummy ids. */
function operationsOf(document: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const spec = item[method];
      return {
        method,
        template,
        path: template.replace(/\{[^}]+\}/g, () =>
          /plans/.test(template) ? '00000000-0000-4000-8000-000000000001' : '1',
        ),
        security: (spec.security as DocumentedOperation['security'] | undefined) ?? [],
        requiredScope: spec['x-required-scope'] as string | undefined,
        apiKeyRefused: spec['x-api-key-refused'] === true,
        description: spec.description as string | undefined,
      };
    }),
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('API keys', () => {
  let testApp: TestApp;
  let adminToken: string;
  let customerToken: string;
  /** Every secret this file saw, for the "never in a list, the database or the logs" checks. */
  const secrets: string[] = [];

  const asAdmin = (test: Test): Test => test.set('Authorization', `Bearer ${adminToken}`);
  const withKey = (test: Test, secret: string): Test =>
    test.set('Authorization', `Bearer ${secret}`);

  async function createKey(
    scopes: readonly string[],
    fields: { name?: string; expires_at?: string | null } = {},
  ): Promise<{ id: number; secret: string; body: Record<string, unknown> }> {
    const response = await asAdmin(request(testApp.http).post('/api/v1/api-keys')).send({
      name: fields.name ?? `key ${scopes.join(' ')}`.slice(0, 100),
      scopes,
      ...(fields.expires_at !== undefined ? { expires_at: fields.expires_at } : {}),
    });
    if (response.status !== 201) {
      throw new Error(
        `creating a key with ${scopes.join(', ')} failed: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    secrets.push(response.body.secret);
    return { id: response.body.id, secret: response.body.secret, body: response.body };
  }

  const listKeys = async (): Promise<Array<Record<string, unknown>>> =>
    (await asAdmin(request(testApp.http).get('/api/v1/api-keys')).expect(200)).body;

  beforeAll(async () => {
    testApp = await createTestApp();
    adminToken = await loginAs(testApp);
    const customer = await insertCustomer(testApp);
    customerToken = await loginAs(testApp, { email: customer.email, password: customer.password });
  });
  afterAll(() => testApp.close());

  describe('managing keys (signed-in admins only)', () => {
    it('creates a key and shows its secret once; lists show only a prefix', async () => {
      const response = await asAdmin(request(testApp.http).post('/api/v1/api-keys'))
        .send({
          name: '  Billing sync  ',
          scopes: ['provisioning:write', 'customers:read'],
          expires_at: '2099-01-01T00:00:00Z',
        })
        .expect(201);
      const { secret } = response.body;
      secrets.push(secret);
      expect(secret).toMatch(/^nbk_[A-Za-z0-9_-]{43}$/);
      expect(response.body).toEqual({
        id: expect.any(Number),
        name: 'Billing sync',
        key_prefix: secret.slice(0, 12),
        // In the catalogue's order, whatever the request's.
        scopes: ['customers:read', 'provisioning:write'],
        status: 'active',
        expires_at: '2099-01-01T00:00:00.000Z',
        revoked_at: null,
        last_used_at: null,
        last_used_ip: null,
        created_by: 'admin@test.com',
        created_at: expect.stringMatching(ISO_DATE),
        secret,
      });

      const listed = (await listKeys()).find((key) => key.id === response.body.id);
      const { secret: _omitted, ...withoutSecret } = response.body;
      expect(listed).toEqual(withoutSecret);
      expect(JSON.stringify(await listKeys())).not.toContain(secret.slice(12));
    });

    it('stores only the SHA-256 of the secret', async () => {
      const { id, secret } = await createKey(['customers:read']);
      const [row] = await testApp.dataSource.query(`SELECT * FROM api_keys WHERE id = $1`, [id]);
      expect(row.secret_hash).toBe(sha256(secret));
      expect(row.key_prefix).toBe(secret.slice(0, 12));
      expect(JSON.stringify(row)).not.toContain(secret.slice(12));
    });

    it('records creation in the audit log, without the secret', async () => {
      const { id, secret } = await createKey(['orders:read'], { name: 'Audited key' });
      const entries = await testApp.dataSource.query(
        `SELECT * FROM audit_log WHERE entity_type = 'api_key' AND entity_id = $1`,
        [String(id)],
      );
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'api_key.create',
        actor_type: 'admin',
        actor_label: 'admin@test.com',
        after: expect.objectContaining({ name: 'Audited key', scopes: ['orders:read'] }),
      });
      expect(JSON.stringify(entries)).not.toContain(secret.slice(12));
    });

    it('lists every scope with what it allows', async () => {
      const { body } = await asAdmin(request(testApp.http).get('/api/v1/api-keys/scopes')).expect(
        200,
      );
      expect(body.map((entry: { scope: string }) => entry.scope)).toEqual([...API_KEY_SCOPES]);
      expect(body[0]).toEqual({
        scope: 'customers:read',
        resource: 'customers',
        access: 'read',
        description: expect.any(String),
      });
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['no name', { scopes: ['customers:read'] }, 'name'],
      ['a blank name', { name: '   ', scopes: ['customers:read'] }, 'name'],
      ['no scopes', { name: 'k', scopes: [] }, 'scopes'],
      ['an unknown scope', { name: 'k', scopes: ['customers:delete'] }, 'scopes'],
      ['a repeated scope', { name: 'k', scopes: ['plans:read', 'plans:read'] }, 'scopes'],
      ['scopes that are not a list', { name: 'k', scopes: 'plans:read' }, 'scopes'],
      [
        'an expiry in the past',
        { name: 'k', scopes: ['plans:read'], expires_at: '2020-01-01T00:00:00Z' },
        'expires_at',
      ],
      [
        'an expiry that is no date',
        { name: 'k', scopes: ['plans:read'], expires_at: 'soon' },
        'expires_at',
      ],
      ['an unknown field', { name: 'k', scopes: ['plans:read'], secret: 'mine' }, 'secret'],
    ])('refuses %s with 400 naming the field', async (_case, body, field) => {
      const before = (await listKeys()).length;
      const response = await asAdmin(request(testApp.http).post('/api/v1/api-keys'))
        .send(body)
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await listKeys()).toHaveLength(before);
    });

    it('is for admins only: no token 401, a customer 403', async () => {
      await request(testApp.http).get('/api/v1/api-keys').expect(401);
      const refused = await request(testApp.http)
        .post('/api/v1/api-keys')
        .set('Authorization', `Bearer ${customerToken}`)
        .send({ name: 'mine', scopes: ['customers:read'] })
        .expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    });

    it('refuses every API key, whatever its scopes: a key cannot mint or revoke keys', async () => {
      const { id, secret } = await createKey(API_KEY_SCOPES);
      for (const pending of [
        request(testApp.http).get('/api/v1/api-keys'),
        request(testApp.http).get('/api/v1/api-keys/scopes'),
        request(testApp.http)
          .post('/api/v1/api-keys')
          .send({ name: 'x', scopes: ['plans:read'] }),
        request(testApp.http).delete(`/api/v1/api-keys/${id}`),
      ]) {
        const response = await withKey(pending, secret).expect(403);
        expect(response.body).toMatchObject({
          statusCode: 403,
          error: 'Forbidden',
          code: 'API_KEY_NOT_ALLOWED',
          message: expect.stringMatching(/signed-in admin/),
        });
      }
      expect((await listKeys()).find((key) => key.id === id)).toMatchObject({ status: 'active' });
    });
  });

  describe('authenticating with a key', () => {
    it('works as a bearer token and records when and from where it was last used', async () => {
      const { id, secret } = await createKey(['customers:read']);
      const response = await withKey(request(testApp.http).get('/api/v1/customers'), secret).expect(
        200,
      );
      expect(response.body.items.length).toBeGreaterThan(0);
      const key = (await listKeys()).find((k) => k.id === id);
      expect(key).toMatchObject({
        last_used_at: expect.stringMatching(ISO_DATE),
        last_used_ip: expect.any(String),
      });
    });

    it('writes last_used_at at most once a minute per key', async () => {
      const { id, secret } = await createKey(['plans:read']);
      const lastUsed = async (): Promise<Date> =>
        (await testApp.dataSource.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [id]))[0]
          .last_used_at;
      const setLastUsed = (interval: string) =>
        testApp.dataSource.query(
          `UPDATE api_keys SET last_used_at = now() - $2::interval WHERE id = $1`,
          [id, interval],
        );

      await setLastUsed('30 seconds');
      const recent = await lastUsed();
      await withKey(request(testApp.http).get(`/api/v1/plans`), secret).expect(200);
      expect(await lastUsed()).toEqual(recent);

      await setLastUsed('2 minutes');
      const old = await lastUsed();
      await withKey(request(testApp.http).get(`/api/v1/plans`), secret).expect(200);
      expect((await lastUsed()).getTime()).toBeGreaterThan(old.getTime() + 60_000);
    });

    const expectUnauthenticated = (
      body: Record<string, unknown>,
      headers: Record<string, string>,
      message: string,
    ) => {
      expect(body).toMatchObject({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'UNAUTHENTICATED',
        message,
      });
      expect(headers['www-authenticate']).toBe('Bearer');
    };

    it('refuses an unknown key with 401', async () => {
      for (const secret of ['nbk_', `nbk_${'A'.repeat(43)}`, `nbk_${'x'.repeat(5000)}`]) {
        const response = await withKey(
          request(testApp.http).get('/api/v1/customers'),
          secret,
        ).expect(401);
        expectUnauthenticated(response.body, response.headers, 'Invalid API key');
      }
    });

    it('revokes a key: 401 from then on, the key stays listed as revoked, revoking again changes nothing', async () => {
      const { id, secret } = await createKey(['customers:read'], { name: 'To revoke' });
      await withKey(request(testApp.http).get('/api/v1/customers'), secret).expect(200);

      const revoked = await asAdmin(request(testApp.http).delete(`/api/v1/api-keys/${id}`)).expect(
        200,
      );
      expect(revoked.body).toMatchObject({
        id,
        status: 'revoked',
        revoked_at: expect.stringMatching(ISO_DATE),
      });
      expect(revoked.body).not.toHaveProperty('secret');

      const response = await withKey(request(testApp.http).get('/api/v1/customers'), secret).expect(
        401,
      );
      expectUnauthenticated(response.body, response.headers, 'API key has been revoked');

      const again = await asAdmin(request(testApp.http).delete(`/api/v1/api-keys/${id}`)).expect(
        200,
      );
      expect(again.body.revoked_at).toBe(revoked.body.revoked_at);
      expect((await listKeys()).find((key) => key.id === id)).toMatchObject({
        status: 'revoked',
        name: 'To revoke',
      });
      const audit = await testApp.dataSource.query(
        `SELECT action, before, after FROM audit_log WHERE entity_type = 'api_key' AND entity_id = $1 ORDER BY id`,
        [String(id)],
      );
      expect(audit.map((entry: { action: string }) => entry.action)).toEqual([
        'api_key.create',
        'api_key.revoke',
      ]);
      expect(audit[1].before.status).toBe('active');
      expect(audit[1].after.status).toBe('revoked');
    });

    it('answers revoking an unknown key 404 and a malformed id 400', async () => {
      const missing = await asAdmin(request(testApp.http).delete('/api/v1/api-keys/999999')).expect(
        404,
      );
      expect(missing.body).toMatchObject({ code: 'NOT_FOUND', message: 'API key not found' });
      await asAdmin(request(testApp.http).delete('/api/v1/api-keys/abc')).expect(400);
    });

    it('refuses an expired key with 401 and lists it as expired', async () => {
      const { id, secret } = await createKey(['customers:read'], {
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      });
      await withKey(request(testApp.http).get('/api/v1/customers'), secret).expect(200);
      await testApp.dataSource.query(
        `UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [id],
      );
      const response = await withKey(request(testApp.http).get('/api/v1/customers'), secret).expect(
        401,
      );
      expectUnauthenticated(response.body, response.headers, 'API key has expired');
      expect((await listKeys()).find((key) => key.id === id)).toMatchObject({ status: 'expired' });
    });

    it('names the key as the actor in the audit log of what it changes', async () => {
      const { id, secret } = await createKey(['customers:write'], { name: 'CRM import' });
      const created = await withKey(request(testApp.http).post('/api/v1/customers'), secret)
        .send({ email: 'by-key@example.com', full_name: 'Made By Key', password: 'Customer123!' })
        .expect(201);
      const entries = await testApp.dataSource.query(
        `SELECT actor_type, actor_id, actor_label, ip FROM audit_log WHERE action = 'customer.create' AND entity_id = $1`,
        [String(created.body.id)],
      );
      expect(entries).toEqual([
        {
          actor_type: 'api_key',
          actor_id: String(id),
          actor_label: 'CRM import',
          ip: expect.any(String),
        },
      ]);
    });

    it('answers the public plan list as an admin only to a key with plans:read', async () => {
      const reader = await createKey(['plans:read']);
      const other = await createKey(['customers:read']);
      const inactive = await asAdmin(request(testApp.http).post('/api/v1/plans'))
        .send({
          name: 'Hidden plan',
          max_databases: 1,
          max_domains: 1,
          max_email_accounts: 1,
          max_disk_gb: 1,
          price_monthly: 1,
          price_yearly: 10,
          is_active: false,
        })
        .expect(201);
      const asReader = await withKey(
        request(testApp.http).get('/api/v1/plans'),
        reader.secret,
      ).expect(200);
      expect(asReader.body.map((plan: { id: string }) => plan.id)).toContain(inactive.body.id);
      expect(asReader.body[0]).toHaveProperty('is_active');

      const asOther = await withKey(
        request(testApp.http).get('/api/v1/plans'),
        other.secret,
      ).expect(200);
      expect(asOther.body.map((plan: { id: string }) => plan.id)).not.toContain(inactive.body.id);
      expect(asOther.body[0]).not.toHaveProperty('is_active');

      // A bad key is still a 401 there, as a bad JWT is.
      await withKey(request(testApp.http).get('/api/v1/plans'), 'nbk_nope').expect(401);
    });
  });

  describe('scopes, over every operation of the OpenAPI document', () => {
    let document: {
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    let operations: DocumentedOperation[];
    const keyWith = new Map<string, string>();
    const keyWithout = new Map<string, string>();

    beforeAll(async () => {
      document = (await request(testApp.http).get('/docs-json').expect(200)).body;
      operations = operationsOf(document);
      for (const scope of API_KEY_SCOPES) {
        keyWith.set(scope, (await createKey([scope])).secret);
        keyWithout.set(
          scope,
          (await createKey(API_KEY_SCOPES.filter((other) => other !== scope))).secret,
        );
      }
    });

    const send = (op: DocumentedOperation, secret: string): Test => {
      const pending = withKey(request(testApp.http)[op.method](op.path), secret);
      return ['post', 'patch', 'put'].includes(op.method) ? pending.send({}) : pending;
    };

    it('registers the API-key security scheme', () => {
      expect(document.components.securitySchemes['api-key']).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
    });

    it('names a known scope for every protected operation, or says keys are refused', () => {
      const protectedOps = operations.filter((op) => op.security.length > 0);
      expect(protectedOps.length).toBeGreaterThan(40);
      const undocumented = protectedOps.filter((op) => !op.requiredScope && !op.apiKeyRefused);
      expect(undocumented.map((op) => `${op.method} ${op.template}`)).toEqual([]);

      for (const op of protectedOps.filter((o) => o.requiredScope)) {
        expect(API_KEY_SCOPES).toContain(op.requiredScope);
        expect(op.description).toContain(`Required scope: \`${op.requiredScope}\``);
        expect(op.security).toContainEqual({ 'api-key': [] });
      }
      // Refused: the customer's own routes, and admin routes that say so (`@RefuseApiKeys()`,
      // e.g. managing keys); never an admin route merely because nothing names its scope.
      const refusedOps = protectedOps.filter((op) => op.apiKeyRefused);
      for (const op of refusedOps) {
        expect(op.description).toMatch(
          /API keys: not accepted \(this endpoint (acts as a signed-in user|needs a signed-in admin)/,
        );
      }
      const refused = refusedOps.map((op) => `${op.method} ${op.template}`);
      expect(refused).toEqual(
        expect.arrayContaining([
          'get /api/v1/my',
          'post /api/v1/checkout',
          'get /api/v1/auth/me',
          'get /api/v1/api-keys',
          'post /api/v1/api-keys',
          'delete /api/v1/api-keys/{id}',
        ]),
      );
      // Spot checks of the derivation: GET reads, anything else writes; the tag is the resource.
      const scopeOf = (method: Method, template: string) =>
        operations.find((op) => op.method === method && op.template === template)?.requiredScope;
      expect(scopeOf('get', '/api/v1/customers')).toBe('customers:read');
      expect(scopeOf('patch', '/api/v1/customers/{id}')).toBe('customers:write');
      expect(scopeOf('post', '/api/v1/customers/{customerId}/licenses')).toBe('licenses:write');
      expect(scopeOf('post', '/api/v1/nextpanel/servers/test')).toBe('servers:write');
      expect(scopeOf('delete', '/api/v1/nextpanel/accounts/{id}')).toBe('provisioning:write');
      expect(scopeOf('get', '/api/v1/audit-log')).toBe('audit:read');
    });

    it('refuses a key lacking the scope with 403 naming it, and lets a key with exactly that scope through', async () => {
      const checked: string[] = [];
      for (const op of operations.filter((o) => o.requiredScope)) {
        const label = `${op.method.toUpperCase()} ${op.path}`;
        // Public routes with an optional token (the plan list) answer anonymous callers anyway.
        const anonymous = await request(testApp.http)[op.method](op.path);
        if (anonymous.status !== 401) continue;
        const scope = op.requiredScope as ApiKeyScope;

        const refused = await send(op, keyWithout.get(scope) as string);
        if (refused.status !== 403 || refused.body.code !== 'INSUFFICIENT_SCOPE') {
          throw new Error(
            `${label} answered ${refused.status} ${JSON.stringify(refused.body)} to a key without ${scope}`,
          );
        }
        expect(refused.body).toMatchObject({
          statusCode: 403,
          error: 'Forbidden',
          message: `This API key lacks the ${scope} scope`,
          details: [{ field: 'scope', message: scope }],
        });

        const allowed = await send(op, keyWith.get(scope) as string);
        if ([401, 403].includes(allowed.status) || allowed.status >= 500) {
          throw new Error(
            `${label} answered ${allowed.status} ${JSON.stringify(allowed.body)} to a key with ${scope}`,
          );
        }
        checked.push(label);
      }
      expect(checked.length).toBeGreaterThan(30);
    }, 120_000);

    it('refuses keys on the customer routes and wherever the document says so', async () => {
      const oneScope = keyWith.get('customers:read') as string;
      const allScopes = (await createKey(API_KEY_SCOPES)).secret;
      for (const op of operations.filter((o) => o.apiKeyRefused)) {
        for (const secret of [oneScope, allScopes]) {
          const response = await send(op, secret);
          if (response.status !== 403 || response.body.code !== 'API_KEY_NOT_ALLOWED') {
            throw new Error(
              `${op.method.toUpperCase()} ${op.path} answered ${response.status} to a key`,
            );
          }
        }
      }
      // A customer route behind a key gets nothing of the customer's, even with every scope.
      const my = await withKey(request(testApp.http).get('/api/v1/my'), allScopes).expect(403);
      expect(my.body.message).toMatch(/signed-in user/);
    });
  });

  it('never puts a secret in a list, the audit log or the logs', async () => {
    expect(secrets.length).toBeGreaterThan(30);
    const list = JSON.stringify(await listKeys());
    const audit = JSON.stringify(await testApp.dataSource.query(`SELECT * FROM audit_log`));
    const table = JSON.stringify(await testApp.dataSource.query(`SELECT * FROM api_keys`));
    const logs = testApp.logs.join('');
    expect(logs).toContain('/api/v1/api-keys');
    for (const secret of secrets) {
      const randomPart = secret.slice(12);
      expect(list).not.toContain(randomPart);
      expect(audit).not.toContain(randomPart);
      expect(table).not.toContain(randomPart);
      expect(logs).not.toContain(randomPart);
    }
  });
});
