import request, { Test } from 'supertest';
import { hashPassword } from '../src/auth/password-hasher';
import { loginAs } from './support/auth-helpers';
import { ResponseRecorder } from './support/response-recorder';
import { createTestApp, TestApp } from './support/test-app';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CUSTOMER = { email: 'buyer@example.com', password: 'Buyer12345' };

const NEW_PLAN = {
  name: 'Reseller',
  description: 'For agencies reselling hosting.',
  max_databases: 100,
  max_domains: 50,
  max_email_accounts: 500,
  max_disk_gb: 500,
  price_monthly: 99.99,
  price_yearly: 999.9,
};

describe('plans', () => {
  let testApp: TestApp;
  let adminToken: string;
  const recorder = new ResponseRecorder();

  const asAdmin = (test: Test): Test =>
    test.set('Authorization', `Bearer ${adminToken}`).expect(recorder.record);
  const centsOf = async (id: string) =>
    (
      await testApp.dataSource.query(
        `SELECT price_monthly_cents, price_yearly_cents FROM plans WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    testApp = await createTestApp();
    adminToken = await loginAs(testApp);
    await testApp.dataSource.query(
      `INSERT INTO users (email, password_hash, full_name, role) VALUES ($1, $2, 'Buyer', 'customer')`,
      [CUSTOMER.email, await hashPassword(CUSTOMER.password)],
    );
  });
  afterAll(() => testApp.close());

  describe('GET /api/v1/plans', () => {
    it('lists the seeded plans as a bare array in sort order, prices as decimals', async () => {
      const { body } = await asAdmin(request(testApp.http).get('/api/v1/plans')).expect(200);
      expect(Array.isArray(body)).toBe(true);
      expect(body.map((p: { name: string }) => p.name)).toEqual([
        'Starter',
        'Professional Hosting',
        'Enterprise',
      ]);
      expect(body[1]).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Professional Hosting',
        description: expect.any(String),
        max_databases: 10,
        max_domains: 5,
        max_email_accounts: 25,
        max_disk_gb: 50,
        price_monthly: 14.99,
        price_yearly: 149.9,
        currency: 'USD',
        nextpanel_package_id: 2,
        is_active: true,
        sort_order: 2,
        created_at: expect.stringMatching(ISO_DATE),
        updated_at: expect.stringMatching(ISO_DATE),
      });
    });
  });

  describe('POST /api/v1/plans', () => {
    it('creates a plan, storing prices as integer cents, with USD and sensible defaults', async () => {
      const { body } = await asAdmin(request(testApp.http).post('/api/v1/plans'))
        .send(NEW_PLAN)
        .expect(201);
      expect(body).toMatchObject({
        ...NEW_PLAN,
        currency: 'USD',
        nextpanel_package_id: null,
        is_active: true,
        sort_order: 0,
      });
      expect(await centsOf(body.id)).toEqual({
        price_monthly_cents: 9999,
        price_yearly_cents: 99990,
      });
      const fetched = await asAdmin(request(testApp.http).get(`/api/v1/plans/${body.id}`)).expect(
        200,
      );
      expect(fetched.body).toEqual(body);
    });

    it('stores amounts that floating point cannot hold exactly as the right cents', async () => {
      const { body } = await asAdmin(request(testApp.http).post('/api/v1/plans'))
        .send({
          ...NEW_PLAN,
          name: 'Float Trap',
          price_monthly: 0.29,
          price_yearly: 1.15,
          currency: 'EUR',
        })
        .expect(201);
      expect(body).toMatchObject({ price_monthly: 0.29, price_yearly: 1.15, currency: 'EUR' });
      expect(await centsOf(body.id)).toEqual({ price_monthly_cents: 29, price_yearly_cents: 115 });
    });

    it('lists inactive plans too, ordered by sort_order then name', async () => {
      await asAdmin(request(testApp.http).post('/api/v1/plans'))
        .send({ ...NEW_PLAN, name: 'Legacy B', is_active: false, sort_order: -1 })
        .expect(201);
      await asAdmin(request(testApp.http).post('/api/v1/plans'))
        .send({ ...NEW_PLAN, name: 'Legacy A', is_active: false, sort_order: -1 })
        .expect(201);
      const { body } = await asAdmin(request(testApp.http).get('/api/v1/plans')).expect(200);
      expect(
        body.slice(0, 2).map((p: { name: string; is_active: boolean }) => [p.name, p.is_active]),
      ).toEqual([
        ['Legacy A', false],
        ['Legacy B', false],
      ]);
      expect(body.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['Starter', 'Reseller', 'Float Trap']),
      );
    });

    it('refuses a name already in use with 409 PLAN_NAME_TAKEN', async () => {
      const response = await asAdmin(request(testApp.http).post('/api/v1/plans'))
        .send({ ...NEW_PLAN, name: 'Starter' })
        .expect(409);
      expect(response.body).toMatchObject({ statusCode: 409, code: 'PLAN_NAME_TAKEN' });
    });

    it.each([
      ['a negative quota', { max_databases: -1 }, 'max_databases'],
      ['a fractional quota', { max_domains: 1.5 }, 'max_domains'],
      ['a quota beyond the integer range', { max_disk_gb: 3_000_000_000 }, 'max_disk_gb'],
      ['a missing quota', { max_email_accounts: undefined }, 'max_email_accounts'],
      ['a negative price', { price_monthly: -1 }, 'price_monthly'],
      ['a price with 3 decimals', { price_yearly: 9.999 }, 'price_yearly'],
      ['a price as text', { price_monthly: '14.99' }, 'price_monthly'],
      ['a price in exponent notation below a cent', { price_monthly: 1e-7 }, 'price_monthly'],
      ['a huge price', { price_monthly: 1e12 }, 'price_monthly'],
      ['a lower-case currency', { currency: 'usd' }, 'currency'],
      ['a 4-letter currency', { currency: 'USDT' }, 'currency'],
      ['a null currency', { currency: null }, 'currency'],
      ['an empty name', { name: '  ' }, 'name'],
      ['a NUL character in the description', { description: 'a\u0000b' }, 'description'],
      ['a too long name', { name: 'x'.repeat(101) }, 'name'],
      ['a package id of 0', { nextpanel_package_id: 0 }, 'nextpanel_package_id'],
      ['an unknown field', { price_monthly_cents: 1 }, 'price_monthly_cents'],
    ])('answers %s with 400 naming the field', async (_case, change, field) => {
      const response = await asAdmin(request(testApp.http).post('/api/v1/plans'))
        .send({ ...NEW_PLAN, name: 'Invalid Plan', ...change })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      const rows = await testApp.dataSource.query(
        `SELECT 1 FROM plans WHERE name = 'Invalid Plan'`,
      );
      expect(rows).toHaveLength(0);
    });
  });

  describe('GET /api/v1/plans/:id', () => {
    it('answers a malformed id with 400 and an unknown one with 404', async () => {
      const malformed = await asAdmin(request(testApp.http).get('/api/v1/plans/not-a-uuid')).expect(
        400,
      );
      expect(malformed.body.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
      const unknown = await asAdmin(
        request(testApp.http).get('/api/v1/plans/00000000-0000-4000-8000-000000000000'),
      ).expect(404);
      expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', message: 'Plan not found' });
    });
  });

  describe('PATCH /api/v1/plans/:id', () => {
    let planId: string;
    beforeAll(async () => {
      const { body } = await asAdmin(request(testApp.http).post('/api/v1/plans'))
        .send({ ...NEW_PLAN, name: 'Changeable', nextpanel_package_id: 7 })
        .expect(201);
      planId = body.id;
    });
    const patch = (id: string, body: object) =>
      asAdmin(request(testApp.http).patch(`/api/v1/plans/${id}`)).send(body);

    it('changes any subset of the fields and keeps the rest', async () => {
      const { body } = await patch(planId, {
        price_monthly: 12.5,
        max_domains: 60,
        description: null,
      }).expect(200);
      expect(body).toMatchObject({
        name: 'Changeable',
        price_monthly: 12.5,
        price_yearly: 999.9,
        max_domains: 60,
        max_databases: 100,
        description: null,
        nextpanel_package_id: 7,
      });
      expect(await centsOf(planId)).toEqual({
        price_monthly_cents: 1250,
        price_yearly_cents: 99990,
      });
      expect((await patch(planId, {}).expect(200)).body).toEqual(body);
    });

    it('deactivates and renames, refusing a name in use with 409', async () => {
      const { body } = await patch(planId, { is_active: false, name: 'Changed' }).expect(200);
      expect(body).toMatchObject({ is_active: false, name: 'Changed' });
      const taken = await patch(planId, { name: 'Enterprise' }).expect(409);
      expect(taken.body.code).toBe('PLAN_NAME_TAKEN');
      await patch(planId, { name: 'Changed' }).expect(200);
    });

    it('refuses null for fields that cannot be empty, and bad values', async () => {
      const response = await patch(planId, {
        name: null,
        max_domains: null,
        price_yearly: 0.001,
      }).expect(400);
      const fields = new Set(response.body.details.map((d: { field: string }) => d.field));
      expect(fields).toEqual(new Set(['name', 'max_domains', 'price_yearly']));
    });

    it('answers a malformed id with 400 and an unknown one with 404', async () => {
      await patch('123', { name: 'X' }).expect(400);
      await patch('00000000-0000-4000-8000-000000000000', { name: 'X' }).expect(404);
    });

    it('does not change licenses already sold: they keep the quotas they were sold with', async () => {
      const [starter] = (
        await asAdmin(request(testApp.http).get('/api/v1/plans')).expect(200)
      ).body.filter((p: { name: string }) => p.name === 'Starter');
      const customerId = (
        await testApp.dataSource.query(`SELECT id FROM users WHERE email = $1`, [CUSTOMER.email])
      )[0].id;
      const sold = await asAdmin(
        request(testApp.http).post(`/api/v1/customers/${customerId}/licenses`),
      )
        .send({ plan_id: starter.id, billing_cycle: 'monthly' })
        .expect(201);
      await patch(starter.id, { max_databases: 99, max_disk_gb: 999, price_monthly: 1 }).expect(
        200,
      );
      const after = await asAdmin(
        request(testApp.http).get(`/api/v1/licenses/${sold.body.id}`),
      ).expect(200);
      expect(after.body).toMatchObject({
        max_databases: starter.max_databases,
        max_disk_gb: starter.max_disk_gb,
        subscription: { price: starter.price_monthly },
      });
      await patch(starter.id, {
        max_databases: starter.max_databases,
        max_disk_gb: starter.max_disk_gb,
        price_monthly: starter.price_monthly,
      }).expect(200);
    });
  });

  describe('access', () => {
    const routes: Array<[string, string]> = [
      ['post', '/api/v1/plans'],
      ['get', '/api/v1/plans/00000000-0000-4000-8000-000000000000'],
      ['patch', '/api/v1/plans/00000000-0000-4000-8000-000000000000'],
    ];
    const call = (method: string, url: string): Test =>
      (request(testApp.http) as unknown as Record<string, (url: string) => Test>)
        [method](url)
        .expect(recorder.record);

    it('shows anyone the active plans with public fields only; admins see everything', async () => {
      await testApp.dataSource.query(
        `UPDATE plans SET is_active = false WHERE name = 'Enterprise'`,
      );
      try {
        const anonymous = await request(testApp.http).get('/api/v1/plans').expect(200);
        expect(anonymous.body.map((p: { name: string }) => p.name)).not.toContain('Enterprise');
        for (const plan of anonymous.body) {
          expect(Object.keys(plan).sort()).toEqual([
            'currency',
            'description',
            'id',
            'max_databases',
            'max_disk_gb',
            'max_domains',
            'max_email_accounts',
            'name',
            'price_monthly',
            'price_yearly',
            'sort_order',
          ]);
        }
        const customerToken = await loginAs(testApp, CUSTOMER);
        const asCustomer = await request(testApp.http)
          .get('/api/v1/plans')
          .set('Authorization', `Bearer ${customerToken}`)
          .expect(200);
        expect(asCustomer.body).toEqual(anonymous.body);
        const asAdmin = await request(testApp.http)
          .get('/api/v1/plans')
          .set('Authorization', `Bearer ${await loginAs(testApp)}`)
          .expect(200);
        expect(asAdmin.body.map((p: { name: string }) => p.name)).toContain('Enterprise');
        expect(asAdmin.body[0]).toHaveProperty('nextpanel_package_id');
        await request(testApp.http)
          .get('/api/v1/plans')
          .set('Authorization', 'Bearer forged.token.x')
          .expect(401);
      } finally {
        await testApp.dataSource.query(
          `UPDATE plans SET is_active = true WHERE name = 'Enterprise'`,
        );
      }
    });

    it.each(routes)('%s %s needs a token (401)', async (method, url) => {
      await call(method, url).expect(401);
    });

    it.each(routes)('%s %s is for admins only (403 for a customer)', async (method, url) => {
      const token = await loginAs(testApp, CUSTOMER);
      const response = await call(method, url).set('Authorization', `Bearer ${token}`).expect(403);
      expect(response.body.code).toBe('FORBIDDEN');
    });
  });

  it('documents the plan endpoints and the response fields actually sent', async () => {
    const { body: docs } = await request(testApp.http).get('/docs-json').expect(200);
    expect(Object.keys(docs.paths['/api/v1/plans']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(docs.paths['/api/v1/plans/{id}']).sort()).toEqual(['get', 'patch']);
    expect(
      docs.paths['/api/v1/plans'].get.responses['200'].content['application/json'].schema,
    ).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/PlanResponseDto' },
    });
    expect(Object.keys(docs.paths['/api/v1/plans/{id}'].patch.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
    ]);
    const [plan] = (await asAdmin(request(testApp.http).get('/api/v1/plans')).expect(200)).body;
    expect(Object.keys(docs.components.schemas.PlanResponseDto.properties).sort()).toEqual(
      Object.keys(plan).sort(),
    );
    for (const property of Object.values(docs.components.schemas.CreatePlanDto.properties)) {
      expect(property).toHaveProperty('example');
    }
  });

  it('never sends a password or hash in any response', () => {
    recorder.expectNoSecrets([CUSTOMER.password]);
  });
});
