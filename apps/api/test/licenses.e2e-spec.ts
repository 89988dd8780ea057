import { LICENSE_KEY_PATTERN } from '@nextpanel/shared';
import request, { Test } from 'supertest';
import { DomainException } from '../src/common/errors/domain.exception';
import { LicensesService } from '../src/licenses/licenses.service';
import { loginAs } from './support/auth-helpers';
import { ResponseRecorder } from './support/response-recorder';
import { createTestApp, TestApp } from './support/test-app';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The guide's customer, created in its "Complete Manual Workflow" step 2. */
const GUIDE_CUSTOMER = {
  email: 'john@example.com',
  full_name: 'John Doe',
  company_name: 'Acme Corp',
  password: 'CustomerPass123!',
  is_active: true,
};

interface PlanBody {
  id: string;
  name: string;
  max_databases: number;
  max_domains: number;
  max_email_accounts: number;
  max_disk_gb: number;
  price_monthly: number;
  price_yearly: number;
  currency: string;
}

/**
 * A calendar month/year later on the UTC clock, clamped to the month's last day as PostgreSQL
 * does (Jan 31 + 1 month = Feb 28/29).
 */
function addUtcMonths(iso: string, months: number): string {
  const start = new Date(iso);
  const target = new Date(start);
  target.setUTCDate(1);
  target.setUTCMonth(start.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return target.toISOString();
}

describe('licenses', () => {
  let testApp: TestApp;
  let adminToken: string;
  let customerId: number;
  let plans: PlanBody[];
  const recorder = new ResponseRecorder();

  const asAdmin = (test: Test): Test =>
    test.set('Authorization', `Bearer ${adminToken}`).expect(recorder.record);
  const sell = (forCustomer: number | string, body: object) =>
    asAdmin(request(testApp.http).post(`/api/v1/customers/${forCustomer}/licenses`)).send(body);
  const countRows = async (table: 'licenses' | 'subscriptions'): Promise<number> =>
    (await testApp.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  async function createCustomer(email: string): Promise<number> {
    const { body } = await asAdmin(request(testApp.http).post('/api/v1/customers'))
      .send({ ...GUIDE_CUSTOMER, email })
      .expect(201);
    return body.id;
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    adminToken = await loginAs(testApp);
    customerId = await createCustomer(GUIDE_CUSTOMER.email);
    plans = (await asAdmin(request(testApp.http).get('/api/v1/plans')).expect(200)).body;
  });
  afterAll(() => testApp.close());

  describe('POST /api/v1/customers/:id/licenses', () => {
    it('follows the guide’s step 3: the first plan, monthly, with a subscription', async () => {
      // PLAN_ID=$(echo $PLANS | jq -r '.[0].id')
      const plan = plans[0];
      const { body } = await sell(customerId, {
        plan_id: plan.id,
        billing_cycle: 'monthly',
        create_subscription: true,
      }).expect(201);

      expect(body).toEqual({
        id: expect.any(Number),
        license_key: expect.stringMatching(LICENSE_KEY_PATTERN),
        customer_id: customerId,
        customer: { id: customerId, email: 'john@example.com', full_name: 'John Doe' },
        plan_id: plan.id,
        plan: { id: plan.id, name: plan.name },
        status: 'active',
        billing_cycle: 'monthly',
        max_databases: plan.max_databases,
        max_domains: plan.max_domains,
        max_email_accounts: plan.max_email_accounts,
        max_disk_gb: plan.max_disk_gb,
        subscription: {
          id: expect.any(Number),
          status: 'active',
          billing_cycle: 'monthly',
          price: plan.price_monthly,
          currency: plan.currency,
          current_period_start: expect.stringMatching(ISO_DATE),
          current_period_end: expect.stringMatching(ISO_DATE),
          cancel_at_period_end: false,
          created_at: expect.stringMatching(ISO_DATE),
        },
        created_at: expect.stringMatching(ISO_DATE),
        updated_at: expect.stringMatching(ISO_DATE),
      });
      const { current_period_start: start, current_period_end: end } = body.subscription;
      expect(Math.abs(Date.parse(start) - Date.now())).toBeLessThan(60_000);
      expect(end).toBe(addUtcMonths(start, 1));

      const [row] = await testApp.dataSource.query(
        `SELECT s.price_cents, s.currency, l.license_key FROM subscriptions s
         JOIN licenses l ON l.id = s.license_id WHERE l.id = $1`,
        [body.id],
      );
      expect(row).toEqual({ price_cents: 499, currency: 'USD', license_key: body.license_key });
    });

    it('bills a yearly license at the yearly price for one year', async () => {
      const plan = plans[1];
      const { body } = await sell(customerId, { plan_id: plan.id, billing_cycle: 'yearly' }).expect(
        201,
      );
      expect(body).toMatchObject({
        billing_cycle: 'yearly',
        max_databases: plan.max_databases,
        subscription: { billing_cycle: 'yearly', price: plan.price_yearly, status: 'active' },
      });
      expect(body.subscription.current_period_end).toBe(
        addUtcMonths(body.subscription.current_period_start, 12),
      );
    });

    it('creates a subscription by default, and none with create_subscription: false', async () => {
      const withDefault = await sell(customerId, {
        plan_id: plans[2].id,
        billing_cycle: 'monthly',
      }).expect(201);
      expect(withDefault.body.subscription).not.toBeNull();

      const subscriptionsBefore = await countRows('subscriptions');
      const without = await sell(customerId, {
        plan_id: plans[2].id,
        billing_cycle: 'yearly',
        create_subscription: false,
      }).expect(201);
      expect(without.body).toMatchObject({
        subscription: null,
        status: 'active',
        billing_cycle: 'yearly',
      });
      expect(await countRows('subscriptions')).toBe(subscriptionsBefore);
    });

    it('computes the period end with PostgreSQL calendar arithmetic on UTC, month ends included', async () => {
      // The test helper and the database must agree on the awkward dates too.
      for (const [start, months] of [
        ['2025-01-31T10:00:00.000Z', 1],
        ['2024-02-29T23:30:00.000Z', 12],
        ['2025-12-15T00:00:00.000Z', 1],
      ] as const) {
        const [row] = await testApp.dataSource.query(
          `SELECT (($1::timestamptz AT TIME ZONE 'UTC') + $2::interval) AT TIME ZONE 'UTC' AS end`,
          [start, months === 1 ? '1 month' : '1 year'],
        );
        expect((row.end as Date).toISOString()).toBe(addUtcMonths(start, months));
      }
    });

    it('gives 20 licenses sold at once 20 different keys', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          sell(customerId, { plan_id: plans[0].id, billing_cycle: 'monthly' }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      const keys = new Set(responses.map((r) => r.body.license_key));
      expect(keys.size).toBe(20);
    });

    describe('refusals, with nothing written', () => {
      let before: { licenses: number; subscriptions: number };
      beforeEach(async () => {
        before = {
          licenses: await countRows('licenses'),
          subscriptions: await countRows('subscriptions'),
        };
      });
      afterEach(async () => {
        expect({
          licenses: await countRows('licenses'),
          subscriptions: await countRows('subscriptions'),
        }).toEqual(before);
      });

      it('answers an unknown customer, and the admin, with 404', async () => {
        const unknown = await sell(9999, { plan_id: plans[0].id, billing_cycle: 'monthly' }).expect(
          404,
        );
        expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', message: 'Customer not found' });
        await sell(1, { plan_id: plans[0].id, billing_cycle: 'monthly' }).expect(404);
      });

      it('answers an unknown plan with 404', async () => {
        const response = await sell(customerId, {
          plan_id: '00000000-0000-4000-8000-000000000000',
          billing_cycle: 'monthly',
        }).expect(404);
        expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: 'Plan not found' });
      });

      it.each([
        ['a plan_id that is not a UUID', { plan_id: '1' }, 'plan_id', 'plan_id must be a UUID'],
        ['a missing plan_id', { plan_id: undefined }, 'plan_id', 'plan_id must be a UUID'],
        [
          'an unknown billing cycle',
          { billing_cycle: 'weekly' },
          'billing_cycle',
          'billing_cycle must be one of: monthly, yearly',
        ],
        [
          'a non-boolean create_subscription',
          { create_subscription: 'yes' },
          'create_subscription',
          'create_subscription must be a boolean value',
        ],
        ['an unknown field', { status: 'active' }, 'status', 'status should not exist'],
      ])('answers %s with 400 naming the field', async (_case, change, field, message) => {
        const response = await sell(customerId, {
          plan_id: plans[0].id,
          billing_cycle: 'monthly',
          ...change,
        }).expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(response.body.details).toContainEqual({ field, message });
      });

      it('answers a malformed customer id with 400', async () => {
        const response = await sell('abc', {
          plan_id: plans[0].id,
          billing_cycle: 'monthly',
        }).expect(400);
        expect(response.body.details).toEqual([
          { field: 'customerId', message: 'customerId must be a positive integer' },
        ]);
      });

      it('refuses an inactive plan with 409 PLAN_INACTIVE', async () => {
        const { body: plan } = await asAdmin(request(testApp.http).post('/api/v1/plans'))
          .send({
            name: 'Retired',
            max_databases: 1,
            max_domains: 1,
            max_email_accounts: 1,
            max_disk_gb: 1,
            price_monthly: 1,
            price_yearly: 10,
            is_active: false,
          })
          .expect(201);
        const response = await sell(customerId, {
          plan_id: plan.id,
          billing_cycle: 'monthly',
        }).expect(409);
        expect(response.body).toMatchObject({ statusCode: 409, code: 'PLAN_INACTIVE' });
      });

      it('refuses a deactivated customer with 409 CUSTOMER_INACTIVE', async () => {
        const inactiveId = await createCustomer('inactive@example.com');
        await asAdmin(request(testApp.http).patch(`/api/v1/customers/${inactiveId}`))
          .send({ is_active: false })
          .expect(200);
        const response = await sell(inactiveId, {
          plan_id: plans[0].id,
          billing_cycle: 'monthly',
        }).expect(409);
        expect(response.body).toMatchObject({ statusCode: 409, code: 'CUSTOMER_INACTIVE' });
      });

      it('rolls the license back when its subscription cannot be written', async () => {
        // A trigger stands in for any failure after the license row was inserted.
        await testApp.dataSource.query(`
          CREATE FUNCTION refuse_subscription() RETURNS trigger LANGUAGE plpgsql
          AS $$ BEGIN RAISE EXCEPTION 'subscriptions are refused in this test'; END $$`);
        await testApp.dataSource.query(`
          CREATE TRIGGER refuse_subscription BEFORE INSERT ON subscriptions
          FOR EACH ROW EXECUTE FUNCTION refuse_subscription()`);
        try {
          const response = await sell(customerId, {
            plan_id: plans[0].id,
            billing_cycle: 'monthly',
          }).expect(500);
          expect(response.body).toMatchObject({ code: 'INTERNAL_ERROR' });
          expect(JSON.stringify(response.body)).not.toContain('refused in this test');
        } finally {
          await testApp.dataSource.query(`DROP TRIGGER refuse_subscription ON subscriptions`);
          await testApp.dataSource.query(`DROP FUNCTION refuse_subscription()`);
        }
      });
    });
  });

  describe('GET /api/v1/licenses', () => {
    let otherCustomerId: number;
    let otherLicense: { id: number; license_key: string };
    beforeAll(async () => {
      otherCustomerId = await createCustomer('other@example.com');
      otherLicense = (
        await sell(otherCustomerId, { plan_id: plans[1].id, billing_cycle: 'monthly' }).expect(201)
      ).body;
      await testApp.dataSource.query(`UPDATE licenses SET status = 'suspended' WHERE id = $1`, [
        otherLicense.id,
      ]);
    });
    const list = (query: string) => asAdmin(request(testApp.http).get(`/api/v1/licenses${query}`));

    it('pages through every license, newest first, with plan and subscription', async () => {
      const total = await countRows('licenses');
      const first = (await list('?page_size=5').expect(200)).body;
      expect(first).toMatchObject({ total, page: 1, page_size: 5, pages: Math.ceil(total / 5) });
      expect(first.items).toHaveLength(5);
      expect(first.items[0]).toMatchObject({ id: otherLicense.id, plan: { id: plans[1].id } });
      const second = (await list('?page=2&page_size=5').expect(200)).body;
      const ids = [...first.items, ...second.items].map((l: { id: number }) => l.id);
      // Newest first, the id breaking ties; compared with the database's own order because JSON
      // timestamps have milliseconds only, and concurrent sales can take ids out of time order.
      const expected = await testApp.dataSource.query(
        `SELECT id FROM licenses ORDER BY created_at DESC, id DESC LIMIT 10`,
      );
      expect(ids).toEqual(expected.map((row: { id: number }) => row.id));
    });

    it('filters by status and customer', async () => {
      const suspended = (await list('?status=suspended').expect(200)).body;
      expect(suspended).toMatchObject({
        total: 1,
        items: [{ id: otherLicense.id, status: 'suspended' }],
      });
      const mine = (await list(`?customer_id=${customerId}&page_size=100`).expect(200)).body;
      expect(mine.total).toBeGreaterThan(20);
      expect(mine.items.every((l: { customer_id: number }) => l.customer_id === customerId)).toBe(
        true,
      );
      const both = (await list(`?customer_id=${otherCustomerId}&status=active`).expect(200)).body;
      expect(both).toMatchObject({ total: 0, items: [], pages: 0 });
    });

    it('searches part of a license key, case-insensitively, wildcards literally', async () => {
      const part = otherLicense.license_key.slice(3, 10).toLowerCase();
      const found = (await list(`?search=${part}`).expect(200)).body;
      expect(found.items.map((l: { id: number }) => l.id)).toContain(otherLicense.id);
      expect(
        found.items.every((l: { license_key: string }) =>
          l.license_key.includes(part.toUpperCase()),
        ),
      ).toBe(true);
      expect((await list('?search=%25').expect(200)).body.total).toBe(0);
      expect((await list('?search=NP-').expect(200)).body.total).toBe(await countRows('licenses'));
    });

    it.each([
      ['?status=gone', 'status'],
      ['?customer_id=abc', 'customer_id'],
      ['?customer_id=0', 'customer_id'],
      ['?page_size=500', 'page_size'],
      ['?plan_id=x', 'plan_id'],
      ['?search=NP%00', 'search'],
    ])('answers %s with 400 naming the parameter', async (query, field) => {
      const response = await list(query).expect(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  describe('GET /api/v1/licenses/:id', () => {
    it('shows one license; 404 when unknown, 400 when malformed', async () => {
      const sold = (
        await sell(customerId, { plan_id: plans[0].id, billing_cycle: 'yearly' }).expect(201)
      ).body;
      const { body } = await asAdmin(
        request(testApp.http).get(`/api/v1/licenses/${sold.id}`),
      ).expect(200);
      expect(body).toEqual(sold);
      const unknown = await asAdmin(request(testApp.http).get('/api/v1/licenses/99999')).expect(
        404,
      );
      expect(unknown.body.message).toBe('License not found');
      await asAdmin(request(testApp.http).get('/api/v1/licenses/NP-AAAA-AAAA-AAAA')).expect(400);
    });
  });

  describe('LicensesService.findActiveLicenseForCustomer (for provisioning)', () => {
    let service: LicensesService;
    let license: { id: number; license_key: string };
    beforeAll(async () => {
      service = testApp.app.get(LicensesService);
      license = (
        await sell(customerId, { plan_id: plans[1].id, billing_cycle: 'monthly' }).expect(201)
      ).body;
    });
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error('expected a refusal');
        },
        (error: DomainException) => ({ status: error.getStatus(), code: error.code }),
      );

    it('returns the license with its plan (quotas and panel package)', async () => {
      const found = await service.findActiveLicenseForCustomer(license.id, customerId);
      expect(found).toMatchObject({
        id: license.id,
        customerId,
        licenseKey: license.license_key,
        status: 'active',
        maxDatabases: plans[1].max_databases,
        plan: { id: plans[1].id, nextpanelPackageId: 2 },
      });
    });

    it('also works inside the caller’s transaction (locking the license)', async () => {
      const found = await testApp.dataSource.transaction((manager) =>
        service.findActiveLicenseForCustomer(license.id, customerId, manager),
      );
      expect(found.id).toBe(license.id);
    });

    it('answers 404 for an unknown license or another customer’s, 409 when not active', async () => {
      expect(await failure(service.findActiveLicenseForCustomer(99999, customerId))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
      });
      const strangerId = await createCustomer('stranger@example.com');
      expect(await failure(service.findActiveLicenseForCustomer(license.id, strangerId))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
      });
      await testApp.dataSource.query(`UPDATE licenses SET status = 'cancelled' WHERE id = $1`, [
        license.id,
      ]);
      expect(await failure(service.findActiveLicenseForCustomer(license.id, customerId))).toEqual({
        status: 409,
        code: 'LICENSE_NOT_ACTIVE',
      });
    });
  });

  describe('access', () => {
    const routes: Array<[string, string]> = [
      ['post', '/api/v1/customers/2/licenses'],
      ['get', '/api/v1/licenses'],
      ['get', '/api/v1/licenses/1'],
    ];
    const call = (method: string, url: string): Test =>
      (request(testApp.http) as unknown as Record<string, (url: string) => Test>)
        [method](url)
        .expect(recorder.record);

    it.each(routes)('%s %s needs a token (401)', async (method, url) => {
      await call(method, url).expect(401);
    });

    it.each(routes)('%s %s is for admins only (403 for a customer)', async (method, url) => {
      const token = await loginAs(testApp, {
        email: GUIDE_CUSTOMER.email,
        password: GUIDE_CUSTOMER.password,
      });
      const response = await call(method, url).set('Authorization', `Bearer ${token}`).expect(403);
      expect(response.body.code).toBe('FORBIDDEN');
    });
  });

  it('documents the license endpoints and the response fields actually sent', async () => {
    const { body: docs } = await request(testApp.http).get('/docs-json').expect(200);
    expect(Object.keys(docs.paths['/api/v1/customers/{customerId}/licenses'])).toEqual(['post']);
    expect(Object.keys(docs.paths['/api/v1/licenses'])).toEqual(['get']);
    expect(Object.keys(docs.paths['/api/v1/licenses/{id}'])).toEqual(['get']);
    expect(
      Object.keys(docs.paths['/api/v1/customers/{customerId}/licenses'].post.responses).sort(),
    ).toEqual(['201', '400', '401', '403', '404', '409', '422']);
    const { body: page } = await list();
    const schemas = docs.components.schemas;
    expect(Object.keys(schemas.LicensePageDto.properties).sort()).toEqual(Object.keys(page).sort());
    const withSubscription = page.items.find((l: { subscription: unknown }) => l.subscription);
    expect(Object.keys(schemas.LicenseResponseDto.properties).sort()).toEqual(
      Object.keys(withSubscription).sort(),
    );
    expect(Object.keys(schemas.SubscriptionResponseDto.properties).sort()).toEqual(
      Object.keys(withSubscription.subscription).sort(),
    );

    function list() {
      return asAdmin(request(testApp.http).get('/api/v1/licenses')).expect(200);
    }
  });

  it('never sends a password or hash in any response', () => {
    recorder.expectNoSecrets([GUIDE_CUSTOMER.password]);
  });
});
