import { STRONG_PASSWORD_RULE } from '@nextpanel/shared';
import { Client } from 'pg';
import request, { Test } from 'supertest';
import { loginAs } from './support/auth-helpers';
import { ResponseRecorder } from './support/response-recorder';
import { CUSTOM_PLAN_APPLICATION_NAME, CustomPlanPool } from '../src/database/custom-plan-pool';
import { createTestApp, TestApp } from './support/test-app';

/** The guide's Quick Start step 4, byte for byte. */
const QUICK_START_CUSTOMER = {
  email: 'testcustomer@example.com',
  full_name: 'Test Customer',
  company_name: 'Test Corp',
  password: 'Password123!',
  is_active: true,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('customers', () => {
  let testApp: TestApp;
  let adminToken: string;
  const recorder = new ResponseRecorder();
  const plaintexts = [QUICK_START_CUSTOMER.password];

  const asAdmin = (test: Test): Test =>
    test.set('Authorization', `Bearer ${adminToken}`).expect(recorder.record);

  /** Creates a customer through the API; the password is remembered for the secrets check. */
  async function createCustomer(fields: Record<string, unknown> = {}): Promise<{ id: number }> {
    const body = {
      email: `c${Math.random().toString(36).slice(2, 10)}@example.com`,
      full_name: 'Some Customer',
      password: 'Customer123!',
      ...fields,
    };
    plaintexts.push(String(body.password));
    const response = await asAdmin(request(testApp.http).post('/api/v1/customers'))
      .send(body)
      .expect(201);
    return response.body;
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    adminToken = await loginAs(testApp);
  });
  afterAll(() => testApp.close());

  describe('POST /api/v1/customers', () => {
    it('creates the guide’s test customer as user 2, who can then sign in as a customer', async () => {
      const created = await asAdmin(request(testApp.http).post('/api/v1/customers'))
        .send(QUICK_START_CUSTOMER)
        .expect(201);
      expect(created.body).toEqual({
        id: 2,
        email: 'testcustomer@example.com',
        full_name: 'Test Customer',
        company_name: 'Test Corp',
        phone: null,
        is_active: true,
        last_login_at: null,
        created_at: expect.stringMatching(ISO_DATE),
        updated_at: expect.stringMatching(ISO_DATE),
      });

      const [row] = await testApp.dataSource.query(
        `SELECT role, password_hash FROM users WHERE id = 2`,
      );
      expect(row.role).toBe('customer');
      expect(row.password_hash).toMatch(/^\$argon2id\$/);

      const token = await loginAs(testApp, {
        email: QUICK_START_CUSTOMER.email,
        password: QUICK_START_CUSTOMER.password,
      });
      const me = await request(testApp.http)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(me.body).toMatchObject({ id: 2, role: 'customer', email: QUICK_START_CUSTOMER.email });
    });

    it('stores the email trimmed and lower-case, and defaults the optional fields', async () => {
      const response = await asAdmin(request(testApp.http).post('/api/v1/customers'))
        .send({
          email: '  Mixed.Case@Example.COM ',
          full_name: '  Jane Roe ',
          password: 'Jane12345',
        })
        .expect(201);
      expect(response.body).toMatchObject({
        email: 'mixed.case@example.com',
        full_name: 'Jane Roe',
        company_name: null,
        phone: null,
        is_active: true,
      });
      plaintexts.push('Jane12345');
    });

    it.each([
      ['the same email', 'testcustomer@example.com'],
      ['the same email in another case', 'TestCustomer@EXAMPLE.com'],
      ['the admin’s email', 'Admin@Test.com'],
    ])('refuses %s with 409 CUSTOMER_EMAIL_TAKEN', async (_case, email) => {
      const response = await asAdmin(request(testApp.http).post('/api/v1/customers'))
        .send({ ...QUICK_START_CUSTOMER, email })
        .expect(409);
      expect(response.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        code: 'CUSTOMER_EMAIL_TAKEN',
        request_id: expect.any(String),
      });
    });

    it('lets exactly one of 10 concurrent creates of the same email through', async () => {
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          asAdmin(request(testApp.http).post('/api/v1/customers')).send({
            email: i % 2 ? 'race@example.com' : 'RACE@example.com',
            full_name: `Racer ${i}`,
            password: 'Racer12345',
          }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      for (const response of responses.filter((r) => r.status === 409)) {
        expect(response.body.code).toBe('CUSTOMER_EMAIL_TAKEN');
      }
      const rows = await testApp.dataSource.query(
        `SELECT id FROM users WHERE lower(email) = 'race@example.com'`,
      );
      expect(rows).toHaveLength(1);
      plaintexts.push('Racer12345');
    });

    it.each([
      ['a weak password', { password: 'password1' }, 'password', STRONG_PASSWORD_RULE],
      ['a password without digits', { password: 'Password!!' }, 'password', STRONG_PASSWORD_RULE],
      ['a bad email', { email: 'not-an-email' }, 'email', 'email must be an email address'],
      ['a missing email', { email: undefined }, 'email', 'email must be an email address'],
      ['an empty full name', { full_name: '   ' }, 'full_name', 'full_name should not be empty'],
      [
        'a non-boolean is_active',
        { is_active: 'true' },
        'is_active',
        'is_active must be a boolean value',
      ],
      ['a null is_active', { is_active: null }, 'is_active', 'is_active must be a boolean value'],
      [
        'a bad phone',
        { phone: 'call me' },
        'phone',
        'phone must be a phone number such as +1234567890',
      ],
      [
        'a NUL character (PostgreSQL text cannot hold it)',
        { full_name: 'Test\u0000Customer' },
        'full_name',
        'full_name must not contain NUL characters',
      ],
      ['a role (no one picks their own role)', { role: 'admin' }, 'role', 'role should not exist'],
      ['an unknown field', { nickname: 'tc' }, 'nickname', 'nickname should not exist'],
    ])('answers %s with 400 naming the field', async (_case, change, field, message) => {
      const response = await asAdmin(request(testApp.http).post('/api/v1/customers'))
        .send({ ...QUICK_START_CUSTOMER, email: 'invalid@example.com', ...change })
        .expect(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        code: 'VALIDATION_FAILED',
      });
      expect(response.body.details).toContainEqual({ field, message });
      const rows = await testApp.dataSource.query(
        `SELECT 1 FROM users WHERE email = 'invalid@example.com'`,
      );
      expect(rows).toHaveLength(0);
    });
  });

  describe('GET /api/v1/customers', () => {
    const list = (query: string) => asAdmin(request(testApp.http).get(`/api/v1/customers${query}`));
    const emails = (body: { items: Array<{ email: string }> }) => body.items.map((c) => c.email);

    beforeAll(async () => {
      await createCustomer({
        email: 'alice@acme.test',
        full_name: 'Alice Anders',
        company_name: 'ACME Inc',
      });
      await createCustomer({
        email: 'bob@bobco.test',
        full_name: 'Bob Acmeson',
        company_name: null,
      });
      await createCustomer({
        email: 'carol@shop.test',
        full_name: 'Carol',
        company_name: '100% Hosting_Co',
      });
      await createCustomer({ email: 'dave@sleepy.test', full_name: 'Dave', is_active: false });
    });

    it('lists customers only (never the admin), newest first, with page metadata', async () => {
      const { body } = await list('').expect(200);
      const total: number = (
        await testApp.dataSource.query(
          `SELECT count(*)::int AS n FROM users WHERE role = 'customer'`,
        )
      )[0].n;
      expect(body).toMatchObject({ total, page: 1, page_size: 20, pages: 1 });
      expect(emails(body)).not.toContain('admin@test.com');
      expect(emails(body).slice(0, 2)).toEqual(['dave@sleepy.test', 'carol@shop.test']);
      const created = body.items.map((c: { created_at: string }) => c.created_at);
      expect([...created].sort().reverse()).toEqual(created);
    });

    it('searches email, full name and company case-insensitively', async () => {
      const { body } = await list('?search=ACME').expect(200);
      expect(emails(body).sort()).toEqual(['alice@acme.test', 'bob@bobco.test']);
      expect((await list('?search=hosting_co').expect(200)).body.items).toHaveLength(1);
      expect(emails((await list('?search=SLEEPY').expect(200)).body)).toEqual(['dave@sleepy.test']);
    });

    it('matches % and _ literally, not as wildcards', async () => {
      expect(emails((await list('?search=%25').expect(200)).body)).toEqual(['carol@shop.test']);
      expect(emails((await list('?search=_').expect(200)).body)).toEqual(['carol@shop.test']);
      expect(
        (await list(`?search=${encodeURIComponent("'; DROP TABLE users; --")}`).expect(200)).body,
      ).toMatchObject({ items: [], total: 0, pages: 0 });
    });

    it('filters by is_active', async () => {
      const inactive = await list('?is_active=false').expect(200);
      expect(emails(inactive.body)).toEqual(['dave@sleepy.test']);
      const active = await list('?is_active=true&page_size=100').expect(200);
      expect(emails(active.body)).not.toContain('dave@sleepy.test');
      expect(active.body.items.every((c: { is_active: boolean }) => c.is_active)).toBe(true);
      const all = await list('').expect(200);
      expect(active.body.total + inactive.body.total).toBe(all.body.total);
    });

    it('paginates with total and pages', async () => {
      const all = (await list('?page_size=100').expect(200)).body;
      const second = (await list('?page=2&page_size=2').expect(200)).body;
      expect(second).toMatchObject({
        total: all.total,
        page: 2,
        page_size: 2,
        pages: Math.ceil(all.total / 2),
      });
      expect(emails(second)).toEqual(emails(all).slice(2, 4));
      const beyond = (await list('?page=99&page_size=2').expect(200)).body;
      expect(beyond).toMatchObject({ items: [], total: all.total, page: 99 });
    });

    it('sorts by a documented field, ascending or descending', async () => {
      const ascending = emails((await list('?sort=email&page_size=100').expect(200)).body);
      // Compared with the database's own collation, which need not sort punctuation like JS does.
      const byCollation = await testApp.dataSource.query(
        `SELECT email FROM users WHERE role = 'customer' ORDER BY email, id`,
      );
      expect(ascending).toEqual(byCollation.map((row: { email: string }) => row.email));
      expect(ascending).not.toEqual(emails((await list('?page_size=100').expect(200)).body));
      const descending = emails((await list('?sort=-email&page_size=100').expect(200)).body);
      expect(descending).toEqual([...ascending].reverse());
      const oldest = (await list('?sort=created_at&page_size=1').expect(200)).body;
      expect(oldest.items[0].id).toBe(2);
    });

    it('treats empty query parameters as absent', async () => {
      const { body } = await list('?search=&is_active=&page=&page_size=&sort=').expect(200);
      expect(body).toMatchObject({ page: 1, page_size: 20 });
    });

    it.each([
      ['?page_size=101', 'page_size'],
      ['?page_size=0', 'page_size'],
      ['?page=0', 'page'],
      ['?page=abc', 'page'],
      ['?page=1.5', 'page'],
      ['?page=99999999999', 'page'],
      ['?is_active=yes', 'is_active'],
      ['?sort=password_hash', 'sort'],
      ['?search=a&search=b', 'search'],
      [`?search=${'x'.repeat(101)}`, 'search'],
      ['?role=admin', 'role'],
      ['?search=a%00b', 'search'],
    ])('answers %s with 400 naming the parameter', async (query, field) => {
      const response = await list(query).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  describe('GET /api/v1/customers/:id', () => {
    it('shows the customer with their licenses and hosting accounts, in a bounded number of queries', async () => {
      const customer = await createCustomer({
        email: 'details@example.com',
        full_name: 'Dee Tails',
      });
      const plans = (await asAdmin(request(testApp.http).get('/api/v1/plans')).expect(200)).body;
      const licenses: Array<{ id: number }> = [];
      for (const [plan, cycle, subscribe] of [
        [plans[0], 'monthly', true],
        [plans[1], 'yearly', false],
      ] as const) {
        const license = await asAdmin(
          request(testApp.http).post(`/api/v1/customers/${customer.id}/licenses`),
        )
          .send({ plan_id: plan.id, billing_cycle: cycle, create_subscription: subscribe })
          .expect(201);
        licenses.push(license.body);
      }
      const [server] = await testApp.dataSource.query(
        `INSERT INTO panel_servers (name, base_url, api_key, api_secret_encrypted, capacity)
         VALUES ('Production Server 1', 'http://localhost:3000', 'npk_details_key', 'nps_ciphertext', 100)
         RETURNING id`,
      );
      await testApp.dataSource.query(
        `INSERT INTO hosting_accounts (customer_id, server_id, license_id, username, email, nextpanel_user_id,
                                       package_id, status, provisioned_at)
         VALUES ($1, $2, $3, 'deetails', 'details@example.com', 456, 1, 'active', now()),
                ($1, $2, NULL, 'deeold', 'details@example.com', NULL, NULL, 'failed', NULL)`,
        [customer.id, server.id, licenses[0].id],
      );

      const { body } = await asAdmin(
        request(testApp.http).get(`/api/v1/customers/${customer.id}`),
      ).expect(200);
      expect(body).toMatchObject({
        id: customer.id,
        email: 'details@example.com',
        full_name: 'Dee Tails',
      });
      expect(body.licenses).toHaveLength(2);
      expect(body.licenses.map((l: { id: number }) => l.id).sort()).toEqual(
        licenses.map((l) => l.id).sort(),
      );
      const monthly = body.licenses.find((l: { id: number }) => l.id === licenses[0].id);
      expect(monthly).toEqual(licenses[0]);
      expect(monthly.plan).toEqual({ id: plans[0].id, name: plans[0].name });
      expect(monthly.subscription).toMatchObject({ status: 'active', billing_cycle: 'monthly' });
      const yearly = body.licenses.find((l: { id: number }) => l.id === licenses[1].id);
      expect(yearly).toMatchObject({
        plan: { id: plans[1].id, name: plans[1].name },
        subscription: null,
      });

      expect(body.accounts).toHaveLength(2);
      expect(body.accounts).toContainEqual({
        id: expect.any(Number),
        customer_id: customer.id,
        server_id: server.id,
        server_name: 'Production Server 1',
        server_url: 'http://localhost:3000',
        license_id: licenses[0].id,
        username: 'deetails',
        email: 'details@example.com',
        nextpanel_user_id: 456,
        package_id: 1,
        status: 'active',
        status_reason: null,
        suspension_kind: null,
        created_at: expect.stringMatching(ISO_DATE),
        updated_at: expect.stringMatching(ISO_DATE),
      });
      expect(body.accounts.map((a: { status: string }) => a.status).sort()).toEqual([
        'active',
        'failed',
      ]);
      expect(JSON.stringify(body)).not.toContain('npk_details_key');
      expect(JSON.stringify(body)).not.toContain('nps_ciphertext');
    });

    it('uses the same number of queries for many licenses as for one (no N+1)', async () => {
      const queriesFor = (id: number): Promise<number> =>
        countQueries(testApp, () =>
          asAdmin(request(testApp.http).get(`/api/v1/customers/${id}`)).expect(200),
        );
      const few = await createCustomer();
      const many = await createCustomer();
      const plans = (await asAdmin(request(testApp.http).get('/api/v1/plans')).expect(200)).body;
      await asAdmin(request(testApp.http).post(`/api/v1/customers/${few.id}/licenses`))
        .send({ plan_id: plans[0].id, billing_cycle: 'monthly' })
        .expect(201);
      for (let i = 0; i < 6; i++) {
        await asAdmin(request(testApp.http).post(`/api/v1/customers/${many.id}/licenses`))
          .send({ plan_id: plans[i % 3].id, billing_cycle: i % 2 ? 'yearly' : 'monthly' })
          .expect(201);
      }
      const forFew = await queriesFor(few.id);
      expect(await queriesFor(many.id)).toBe(forFew);
      // One statement: the customer with licenses and accounts (the token's user is cached).
      expect(forFew).toBe(1);
    });

    it('shows a customer without licenses or accounts with empty lists', async () => {
      const customer = await createCustomer();
      const { body } = await asAdmin(
        request(testApp.http).get(`/api/v1/customers/${customer.id}`),
      ).expect(200);
      expect(body).toMatchObject({ id: customer.id, licenses: [], accounts: [] });
    });

    it.each([
      ['an unknown id', '9999', 404],
      ['the admin’s id (admins are not customers)', '1', 404],
      ['a non-integer id', 'abc', 400],
      ['a zero id', '0', 400],
      ['an id beyond the integer range', '99999999999', 400],
    ])('answers %s with %p', async (_case, id, status) => {
      const response = await asAdmin(request(testApp.http).get(`/api/v1/customers/${id}`)).expect(
        status,
      );
      if (status === 404) {
        expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: 'Customer not found' });
      } else {
        expect(response.body.details).toEqual([
          { field: 'id', message: 'id must be a positive integer' },
        ]);
      }
    });
  });

  describe('PATCH /api/v1/customers/:id', () => {
    const patch = (id: number | string, body: object) =>
      asAdmin(request(testApp.http).patch(`/api/v1/customers/${id}`)).send(body);

    it('changes any subset of the fields and keeps the rest', async () => {
      const customer = await createCustomer({
        full_name: 'Old Name',
        company_name: 'Old Co',
        phone: '+1 555 0100',
      });
      const { body } = await patch(customer.id, {
        full_name: 'New Name',
        phone: '+44 20 7946 0958',
      }).expect(200);
      expect(body).toMatchObject({
        full_name: 'New Name',
        company_name: 'Old Co',
        phone: '+44 20 7946 0958',
      });
      expect(Date.parse(body.updated_at)).toBeGreaterThan(Date.parse(body.created_at));
      const cleared = await patch(customer.id, { company_name: null, phone: '' }).expect(200);
      expect(cleared.body).toMatchObject({
        company_name: null,
        phone: null,
        full_name: 'New Name',
      });
      const unchanged = await patch(customer.id, {}).expect(200);
      expect(unchanged.body).toEqual(cleared.body);
    });

    it('refuses null for fields that cannot be empty', async () => {
      const customer = await createCustomer();
      const response = await patch(customer.id, {
        full_name: null,
        email: null,
        is_active: null,
      }).expect(400);
      const fields = new Set(response.body.details.map((d: { field: string }) => d.field));
      expect(fields).toEqual(new Set(['email', 'full_name', 'is_active']));
    });

    it('changes the email, refusing one that is taken (409) in any case', async () => {
      const customer = await createCustomer({ email: 'mover@example.com' });
      const taken = await patch(customer.id, { email: 'TESTCUSTOMER@example.com' }).expect(409);
      expect(taken.body.code).toBe('CUSTOMER_EMAIL_TAKEN');
      const admin = await patch(customer.id, { email: 'admin@test.com' }).expect(409);
      expect(admin.body.code).toBe('CUSTOMER_EMAIL_TAKEN');
      await patch(customer.id, { email: 'MOVER@example.com' }).expect(200);
      const moved = await patch(customer.id, { email: ' Moved@Example.com ' }).expect(200);
      expect(moved.body.email).toBe('moved@example.com');
      await loginAs(testApp, { email: 'moved@example.com', password: 'Customer123!' });
    });

    it('replaces the password: the old one stops working, the new one signs in', async () => {
      const customer = await createCustomer({
        email: 'rotate@example.com',
        password: 'OldPass123',
      });
      await patch(customer.id, { password: 'weak' }).expect(400);
      await patch(customer.id, { password: 'NewPass456' }).expect(200);
      plaintexts.push('NewPass456');
      await request(testApp.http)
        .post('/api/v1/auth/login')
        .send({ email: 'rotate@example.com', password: 'OldPass123' })
        .expect(401);
      await loginAs(testApp, { email: 'rotate@example.com', password: 'NewPass456' });
    });

    it('deactivates a customer: they cannot sign in and their token stops working; reactivation restores access', async () => {
      const credentials = { email: 'leaver@example.com', password: 'Leaver123' };
      const customer = await createCustomer(credentials);
      const token = await loginAs(testApp, credentials);

      const deactivated = await patch(customer.id, { is_active: false }).expect(200);
      expect(deactivated.body.is_active).toBe(false);
      await request(testApp.http).post('/api/v1/auth/login').send(credentials).expect(401);
      await request(testApp.http)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${token}`)
        .expect(401);
      // Deactivated, not deleted: still listed and shown.
      await asAdmin(request(testApp.http).get(`/api/v1/customers/${customer.id}`)).expect(200);

      await patch(customer.id, { is_active: true }).expect(200);
      await loginAs(testApp, credentials);
    });

    it('answers an unknown id, and the admin’s, with 404', async () => {
      await patch(9999, { full_name: 'Nobody' }).expect(404);
      await patch(1, { is_active: false }).expect(404);
      await loginAs(testApp);
    });

    it('has no DELETE: customers are deactivated, never deleted', async () => {
      await asAdmin(request(testApp.http).delete('/api/v1/customers/2')).expect(404);
      const rows = await testApp.dataSource.query(`SELECT 1 FROM users WHERE id = 2`);
      expect(rows).toHaveLength(1);
    });
  });

  describe('search: exactly the customers the three ILIKEs (email, name, company) found', () => {
    const list = (query: string) => asAdmin(request(testApp.http).get(`/api/v1/customers${query}`));
    type Listed = { items: Array<{ id: number }>; total: number };
    /** The search as it was: each field ILIKE the escaped `%term%`, the default order. */
    const OLD_SEARCH_SQL =
      `SELECT id FROM users customer WHERE role = 'customer' AND (customer.email ILIKE $1 ESCAPE '\\' ` +
      `OR customer.full_name ILIKE $1 ESCAPE '\\' OR customer.company_name ILIKE $1 ESCAPE '\\')`;
    const oldPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const oldSearch = async (term: string, orderBy: string): Promise<number[]> =>
      (
        await testApp.dataSource.query(`${OLD_SEARCH_SQL} ORDER BY ${orderBy}`, [oldPattern(term)])
      ).map((row: { id: number }) => row.id);
    const searched = async (term: string, sort = ''): Promise<Listed> =>
      (await list(`?search=${encodeURIComponent(term)}&page_size=100${sort}`).expect(200)).body;

    const TERMS = [
      ...['ÉLODIE', 'élodie', 'Elodie', 'DUPRÉ', 'é', 'É'],
      ...['straße', 'STRAßE', 'STRASSE', 'strasse', 'ß', 'GmbH'],
      ...['İ', 'i', 'I', 'ı', 'İrem', 'irem', 'IŞIK', 'ışık', 'işık'],
      ...['%', '50%', '50% off', '_', 'under_score', 'under-score', '\\', 'back\\slash', '\\s'],
      // The end of one field and the start of the next: never one field's text.
      ...['span.testquinn', 'testquinn', 'dupréstraße', 'dupré straße', 'test quinn'],
      // U+001F, the separator inside search_text, in the term itself.
      ...[
        '\u001f',
        'span.test\u001fquinn',
        'quinn\u001f',
        '\u001fquinn',
        'unit\u001fsep',
        'UNIT\u001f',
      ],
      ...['quinn', 'q', 'qu', 'ab', '.', '@', 'zz', 'tricky', 'xyzzy-nobody'],
    ];

    beforeAll(async () => {
      await createCustomer({
        email: 'elodie@tricky.test',
        full_name: 'Élodie Dupré',
        company_name: 'Straße GmbH',
      });
      await createCustomer({
        email: 'irem@tricky.test',
        full_name: 'İrem Işık',
        company_name: 'IŞIK Ltd',
      });
      await createCustomer({
        email: 'percent@tricky.test',
        full_name: 'Fifty 50% Off',
        company_name: 'under_score back\\slash',
      });
      // No company: the last field of search_text is empty, not NULL.
      await createCustomer({ email: 'zed@span.test', full_name: 'Quinn', company_name: null });
      await createCustomer({
        email: 'unit@tricky.test',
        full_name: 'Unit\u001fSep',
        company_name: 'Abacus',
        is_active: false,
      });
    });

    it.each(TERMS.map((term) => [JSON.stringify(term), term]))(
      'finds for %s the same customers, in the same order, with the same total',
      async (_label, term) => {
        const newestFirst = await searched(term);
        const expected = await oldSearch(term, 'created_at DESC NULLS LAST, id DESC');
        expect(newestFirst.items.map((c) => c.id)).toEqual(expected);
        expect(newestFirst.total).toBe(expected.length);
        const byCompany = await searched(term, '&sort=-company_name');
        expect(byCompany.items.map((c) => c.id)).toEqual(
          await oldSearch(term, 'company_name DESC NULLS LAST, id DESC'),
        );
      },
    );

    it('covers both outcomes: the tricky terms find some customers and miss others', async () => {
      const found = async (term: string) => (await searched(term)).items.length;
      expect(await found('ÉLODIE')).toBe(1);
      expect(await found('straße')).toBe(1);
      expect(await found('STRASSE')).toBe(0);
      expect(await found('50%')).toBe(1);
      expect(await found('back\\slash')).toBe(1);
      expect(await found('unit\u001fsep')).toBe(1);
      expect(await found('span.testquinn')).toBe(0);
      expect(await found('span.test\u001fquinn')).toBe(0);
      expect(await found('quinn\u001f')).toBe(0);
    });

    it('answers filtered and later pages of a search as the old search did', async () => {
      const term = 'tricky';
      const all = await oldSearch(term, 'created_at DESC NULLS LAST, id DESC');
      expect(all.length).toBeGreaterThanOrEqual(4);
      const second: Listed = (await list(`?search=${term}&page=2&page_size=2`).expect(200)).body;
      expect(second.items.map((c) => c.id)).toEqual(all.slice(2, 4));
      expect(second.total).toBe(all.length);
      const inactive: Listed = (await list(`?search=${term}&is_active=false`).expect(200)).body;
      expect(inactive.items.map((c) => c.id)).toEqual(
        (
          await testApp.dataSource.query(
            `${OLD_SEARCH_SQL} AND is_active = false ORDER BY created_at DESC NULLS LAST, id DESC`,
            [oldPattern(term)],
          )
        ).map((row: { id: number }) => row.id),
      );
      expect(inactive.total).toBe(inactive.items.length);
    });

    it('gets the same customers from the trigram index as from reading every row', async () => {
      // The few test customers are read by a sequential scan (or the newest-first index): make
      // the trigram index the only way in, in a transaction that is rolled back.
      const runner = testApp.dataSource.createQueryRunner();
      await runner.startTransaction();
      const indexed: Array<[string, number[]]> = [];
      try {
        await runner.query('DROP INDEX ix_users_customers_newest_covering, ix_users_role');
        for (const scan of ['seqscan', 'indexscan', 'indexonlyscan']) {
          await runner.query(`SET LOCAL enable_${scan} = off`);
        }
        const sql = `SELECT id FROM users customer WHERE role = 'customer' AND search_text LIKE lower($1) ESCAPE '\\'`;
        const [plan] = await runner.query(`EXPLAIN (FORMAT JSON) ${sql}`, ['%élodie%']);
        expect(JSON.stringify(plan)).toContain('ix_users_search_text_trgm');
        for (const term of TERMS.filter((t) => !t.includes('\u001f'))) {
          const rows = await runner.query(sql, [oldPattern(term)]);
          indexed.push([
            term,
            rows.map((row: { id: number }) => row.id).sort((a: number, b: number) => a - b),
          ]);
        }
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      for (const [term, ids] of indexed) {
        expect([term, ids]).toEqual([term, await oldSearch(term, 'id')]);
      }
    });

    it('finds a customer by the new email, name and company after an update, no longer by the old', async () => {
      const customer = await createCustomer({
        email: 'before-mail@move.test',
        full_name: 'Before Name',
        company_name: 'Before Company',
      });
      const ids = async (term: string) => (await searched(term)).items.map((c) => c.id);
      const patch = (body: object) =>
        asAdmin(request(testApp.http).patch(`/api/v1/customers/${customer.id}`))
          .send(body)
          .expect(200);
      expect(await ids('before-mail')).toEqual([customer.id]);

      await patch({ email: 'after-mail@move.test' });
      expect(await ids('before-mail')).toEqual([]);
      expect(await ids('AFTER-MAIL')).toEqual([customer.id]);
      expect(await ids('before name')).toEqual([customer.id]);

      await patch({ full_name: 'Renamed Person' });
      expect(await ids('before name')).toEqual([]);
      expect(await ids('renamed')).toEqual([customer.id]);
      expect(await ids('before company')).toEqual([customer.id]);

      await patch({ company_name: 'Moved Company' });
      expect(await ids('before company')).toEqual([]);
      expect(await ids('moved company')).toEqual([customer.id]);

      await patch({ company_name: null });
      expect(await ids('moved company')).toEqual([]);
      expect((await searched('moved company')).total).toBe(0);
      const [row] = await testApp.dataSource.query(`SELECT search_text FROM users WHERE id = $1`, [
        customer.id,
      ]);
      expect(row.search_text).toBe('after-mail@move.test\u001frenamed person\u001f');
    });
  });

  describe('search page cache: exact whoever changes the customers', () => {
    const isUnchangedCheck = (text: string) => text.includes('customer_row_changes');
    const isPageRead = (text: string) => text.includes('stats.rows_version AS stats_rows_version');
    type Listed = {
      items: Array<{
        id: number;
        email: string;
        phone: string | null;
        last_login_at: string | null;
      }>;
      total: number;
      page: number;
      page_size: number;
      pages: number;
    };
    const searched = async (query: string): Promise<Listed> =>
      (await asAdmin(request(testApp.http).get(`/api/v1/customers?search=${query}`)).expect(200))
        .body;
    /** Searched twice: the second answer comes from the cache, if there is one. */
    const searchedAndCached = async (query: string): Promise<Listed> => {
      await searched(query);
      return searched(query);
    };
    const stats = async () =>
      (await testApp.dataSource.query(`SELECT version, rows_version FROM customer_stats`))[0];
    const OWN = `role = 'customer' AND email LIKE '%@pagecache.test'`;
    let customers: Array<{ id: number; email: string }>;

    beforeAll(async () => {
      customers = [];
      for (let i = 1; i <= 5; i++) {
        const email = `cache${i}@pagecache.test`;
        const { id } = await createCustomer({
          email,
          full_name: `Cached Person ${i}`,
          is_active: i % 2 === 1,
        });
        customers.push({ id, email });
      }
    });

    it('reads a new search once, then answers it again with one small check', async () => {
      const first = await statementsSent(() => searched('pagecache'));
      expect(first.filter(isUnchangedCheck)).toEqual([]);
      expect(first.filter(isPageRead)).toHaveLength(1);
      const stringify = jest.spyOn(JSON, 'stringify');
      try {
        const again = await statementsSent(async () =>
          expect((await searched('pagecache')).total).toBe(5),
        );
        expect(again).toHaveLength(1);
        expect(isUnchangedCheck(again[0])).toBe(true);
        // Nor is its JSON built again: the cached page's text was kept with it.
        const pagesSerialized = stringify.mock.calls.filter(
          ([value]) => typeof value === 'object' && value !== null && 'items' in value,
        );
        expect(pagesSerialized).toEqual([]);
      } finally {
        stringify.mockRestore();
      }
    });

    it('keeps a cached page through changes to customers the term does not find', async () => {
      const cached = await searchedAndCached('pagecache');
      const before = await stats();
      const [outsider] = await testApp.dataSource.query(
        `INSERT INTO users (email, password_hash, full_name, role)
         VALUES ('outsider@elsewhere.test', 'x', 'Out Sider', 'customer') RETURNING id`,
      );
      await testApp.dataSource.query(`UPDATE users SET phone = '+1 555 0150' WHERE id = $1`, [
        outsider.id,
      ]);
      await loginAs(testApp); // an admin's sign-in: not a customer row at all
      expect(Number((await stats()).rows_version)).toBe(Number(before.rows_version) + 2);
      const again = await statementsSent(async () =>
        expect(await searched('pagecache')).toEqual(cached),
      );
      expect(again).toHaveLength(1);
      expect(isUnchangedCheck(again[0])).toBe(true);
      // And the page it answered is what the database holds.
      expect((await searched('pagecache')).items.map((customer) => customer.id)).toEqual(
        (
          await testApp.dataSource.query(
            `SELECT id FROM users WHERE ${OWN} ORDER BY created_at DESC, id DESC`,
          )
        ).map((row: { id: number }) => row.id),
      );
    });

    it('reads the page again when a change makes a customer match, or stop matching', async () => {
      const [joiner] = await testApp.dataSource.query(
        `INSERT INTO users (email, password_hash, full_name, role)
         VALUES ('joiner@elsewhere.test', 'x', 'Joins Later', 'customer') RETURNING id`,
      );
      const before = await searchedAndCached('pagecache');
      await testApp.dataSource.query(
        `UPDATE users SET company_name = 'PAGECACHE Partners' WHERE id = $1`,
        [joiner.id],
      );
      const joined = await statementsSent(async () => {
        const page = await searched('pagecache');
        expect(page.total).toBe(before.total + 1);
        expect(page.items.map((customer) => customer.id)).toContain(joiner.id);
      });
      expect(joined.filter(isPageRead)).toHaveLength(1);

      await searchedAndCached('pagecache');
      await testApp.dataSource.query(`UPDATE users SET company_name = NULL WHERE id = $1`, [
        joiner.id,
      ]);
      expect(await searched('pagecache')).toEqual(before);
    });

    it('reads the page again after a bulk change, or once the log no longer reaches back to it', async () => {
      await searchedAndCached('pagecache');
      // 101 customers in one statement, none of them found by the term: logged as every row.
      await testApp.dataSource.query(
        `INSERT INTO users (email, password_hash, full_name, role)
         SELECT 'bulk' || g || '@elsewhere.test', 'x', 'Bulk ' || g, 'customer' FROM generate_series(1, 101) g`,
      );
      const afterBulk = await statementsSent(() => searched('pagecache'));
      expect(afterBulk.filter(isPageRead)).toHaveLength(1);

      await searchedAndCached('pagecache');
      // Two unrelated changes, the first pruned from the log: the range since the cached page
      // no longer starts at its next version, so it cannot be told unchanged.
      const unrelatedChange = (phone: string) =>
        testApp.dataSource.query(
          `UPDATE users SET phone = $1 WHERE email = 'bulk1@elsewhere.test'`,
          [phone],
        );
      await unrelatedChange('+1 555 0151');
      await testApp.dataSource.query(`DELETE FROM customer_row_changes`);
      await unrelatedChange('+1 555 0152');
      const afterPrune = await statementsSent(() => searched('pagecache'));
      expect(afterPrune.filter(isPageRead)).toHaveLength(1);
      const settled = await statementsSent(() => searched('pagecache'));
      expect(settled.filter(isPageRead)).toEqual([]);
    });

    it('answers a search matching few customers with one statement, its total exact on any page', async () => {
      const isCount = (text: string) => /count\(\*\) AS total/.test(text);
      // The five matches in one page, in the middle pages of 2, past the end, in other letters
      // and orders: each from the statement that read every match, which counted them too.
      for (const [query, expected] of [
        ['pagecache&page_size=20&sort=email', { total: 5, pages: 1, items: 5 }],
        ['PageCache&page_size=2&sort=full_name', { total: 5, pages: 3, items: 2 }],
        ['pagecache&page_size=2&page=3&sort=email', { total: 5, pages: 3, items: 1 }],
        ['PageCache&page_size=2&page=9&sort=-email', { total: 5, pages: 3, items: 0 }],
        ['pagecache&is_active=false', { total: 2, pages: 1, items: 2 }],
      ] as const) {
        const sent = await statementsSent(async () => {
          const page = await searched(query);
          expect({ total: page.total, pages: page.pages, items: page.items.length }).toEqual(
            expected,
          );
        });
        expect(sent.filter(isPageRead)).toHaveLength(1);
        expect(sent.filter(isCount)).toEqual([]);
      }
      // Each page holds the matches at its place in the order.
      const emails = async (query: string) =>
        (await searched(query)).items.map((customer) => customer.email);
      const all = await emails('pagecache&sort=-email');
      expect(all).toEqual(
        customers
          .map((c) => c.email)
          .sort()
          .reverse(),
      );
      expect(await emails('pagecache&sort=-email&page_size=2&page=2')).toEqual(all.slice(2, 4));
      // The last page number there is: an empty page, the total still exact.
      expect(await searched('pagecache&page_size=100&page=1000000')).toMatchObject({
        total: 5,
        items: [],
      });
    });

    it('walks and counts a search that matches more customers than it reads whole', async () => {
      const isCount = (text: string) => /count\(\*\) AS total/.test(text);
      const isWalk = (text: string) => text.includes('LIMIT $1 OFFSET $2');
      await testApp.dataSource.query(
        `INSERT INTO users (email, password_hash, full_name, role, created_at)
         SELECT 'many' || g || '@manymatches.test', 'x', 'Many ' || g, 'customer',
                now() - g * interval '1 second'
         FROM generate_series(1, 2001) g`,
      );
      try {
        const walked = await statementsSent(async () =>
          expect(await searched('manymatches&page_size=3')).toMatchObject({
            total: 2001,
            items: [
              { email: 'many1@manymatches.test' },
              { email: 'many2@manymatches.test' },
              { email: 'many3@manymatches.test' },
            ],
          }),
        );
        // The statement that found more than it reads whole, then the walk, then the count.
        expect(walked.filter(isPageRead)).toHaveLength(2);
        expect(walked.filter(isWalk)).toHaveLength(1);
        expect(walked.filter(isCount)).toHaveLength(1);
        expect(await searched('manymatches&page_size=3&page=667')).toMatchObject({
          total: 2001,
          items: [
            { email: 'many1999@manymatches.test' },
            { email: 'many2000@manymatches.test' },
            { email: 'many2001@manymatches.test' },
          ],
        });
        // One fewer: read whole again.
        await testApp.dataSource.query(
          `DELETE FROM users WHERE email = 'many2001@manymatches.test'`,
        );
        const whole = await statementsSent(async () =>
          expect(await searched('manymatches&page_size=3&page=667')).toMatchObject({
            total: 2000,
            items: [{ email: 'many1999@manymatches.test' }, { email: 'many2000@manymatches.test' }],
          }),
        );
        expect(whole.filter(isPageRead)).toHaveLength(1);
        expect(whole.filter(isWalk)).toEqual([]);
        expect(whole.filter(isCount)).toEqual([]);
      } finally {
        await testApp.dataSource.query(`DELETE FROM users WHERE email LIKE '%@manymatches.test'`);
      }
    });

    it('shows a phone changed by SQL behind its back, and a sign-in, on the next search', async () => {
      const target = customers[0]; // active, so they can sign in
      const shown = async () =>
        (await searched('pagecache')).items.find((customer) => customer.id === target.id);
      await searchedAndCached('pagecache');
      const before = await stats();
      await testApp.dataSource.query(`UPDATE users SET phone = '+1 555 0142' WHERE id = $1`, [
        target.id,
      ]);
      // The filters' version stays: a page cached by it would still show the old phone.
      expect((await stats()).version).toBe(before.version);
      expect((await shown())?.phone).toBe('+1 555 0142');

      await searchedAndCached('pagecache');
      await loginAs(testApp, { email: target.email, password: 'Customer123!' });
      const [{ last_login_at: signedIn }] = await testApp.dataSource.query(
        `SELECT to_char(last_login_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_login_at
         FROM users WHERE id = $1`,
        [target.id],
      );
      expect(signedIn).toMatch(ISO_DATE);
      expect((await shown())?.last_login_at).toBe(signedIn);
    });

    it('includes a matching customer inserted by SQL, with the right total', async () => {
      const before = await searchedAndCached('pagecache&page_size=3');
      const [inserted] = await testApp.dataSource.query(
        `INSERT INTO users (email, password_hash, full_name, role)
         VALUES ('late@pagecache.test', 'x', 'Late Cached', 'customer') RETURNING id`,
      );
      const after = await searched('pagecache&page_size=3');
      expect(after.total).toBe(before.total + 1);
      expect(after.items.map((customer) => customer.id)).toEqual([
        inserted.id,
        ...before.items.map((customer) => customer.id).slice(0, 2),
      ]);
    });

    it('never answers one page, page size, sort or active filter with another’s entry', async () => {
      const variants: Array<{
        query: string;
        isActive?: boolean;
        orderBy?: string;
        page?: number;
        pageSize?: number;
      }> = [
        { query: '' },
        { query: '&page=2&page_size=2', page: 2, pageSize: 2 },
        { query: '&page_size=2', pageSize: 2 },
        { query: '&page_size=3', pageSize: 3 },
        { query: '&sort=email', orderBy: 'email ASC NULLS LAST, id ASC' },
        { query: '&sort=-email', orderBy: 'email DESC NULLS LAST, id DESC' },
        { query: '&is_active=true', isActive: true },
        { query: '&is_active=false', isActive: false },
        {
          query: '&is_active=true&sort=email&page=2&page_size=1',
          isActive: true,
          orderBy: 'email ASC NULLS LAST, id ASC',
          page: 2,
          pageSize: 1,
        },
      ];
      const expected = async (variant: (typeof variants)[number]) => {
        const ids: number[] = (
          await testApp.dataSource.query(
            `SELECT id FROM users WHERE ${OWN}${variant.isActive === undefined ? '' : ` AND is_active = ${variant.isActive}`}
             ORDER BY ${variant.orderBy ?? 'created_at DESC NULLS LAST, id DESC'}`,
          )
        ).map((row: { id: number }) => row.id);
        const page = variant.page ?? 1;
        const pageSize = variant.pageSize ?? 20;
        return {
          query: variant.query,
          ids: ids.slice((page - 1) * pageSize, page * pageSize),
          total: ids.length,
          page,
          page_size: pageSize,
        };
      };
      // Twice round: the second round is answered from the cache.
      for (let round = 0; round < 2; round++) {
        for (const variant of variants) {
          const body = await searched(`pagecache${variant.query}`);
          expect({
            query: variant.query,
            ids: body.items.map((customer) => customer.id),
            total: body.total,
            page: body.page,
            page_size: body.page_size,
          }).toEqual(await expected(variant));
        }
      }
    });
  });

  describe('search statements: prepared, and planned for each term', () => {
    const search = (term: string) =>
      asAdmin(request(testApp.http).get(`/api/v1/customers?search=${term}&page_size=5`)).expect(
        200,
      );

    it('never settles on a generic plan, however often a named search runs', async () => {
      // One at a time, so the pool hands the same idle connection back each time.
      for (let i = 0; i < 12; i++) await search(`plans-${i}`);
      const pool = testApp.app.get(CustomPlanPool).pool;
      const [prepared] = (
        await pool.query(
          `SELECT coalesce(sum(custom_plans), 0)::int AS custom, coalesce(sum(generic_plans), 0)::int AS generic
           FROM pg_prepared_statements WHERE name LIKE 'customers_search:%'`,
        )
      ).rows;
      // On the main pool PostgreSQL may switch to a generic plan after five custom ones.
      expect(prepared.custom).toBeGreaterThanOrEqual(12);
      expect(prepared.generic).toBe(0);
    });

    it('survives its connections being closed by the server', async () => {
      await search('before-restart');
      const [{ closed }] = await testApp.dataSource.query(
        `SELECT count(pg_terminate_backend(pid))::int AS closed FROM pg_stat_activity
         WHERE application_name = $1 AND datname = current_database()`,
        [CUSTOM_PLAN_APPLICATION_NAME],
      );
      expect(closed).toBeGreaterThan(0);
      // The pool notices the idle connection's end, drops it and opens a new one.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const after = await search('after-restart');
      expect(after.body).toMatchObject({ items: [], total: 0 });
    });
  });

  describe('access', () => {
    const routes: Array<[string, string]> = [
      ['post', '/api/v1/customers'],
      ['get', '/api/v1/customers'],
      ['get', '/api/v1/customers/2'],
      ['patch', '/api/v1/customers/2'],
    ];
    const call = (method: string, url: string): Test =>
      (request(testApp.http) as unknown as Record<string, (url: string) => Test>)
        [method](url)
        .send({})
        .expect(recorder.record);

    it.each(routes)('%s %s needs a token (401)', async (method, url) => {
      const response = await call(method, url).expect(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });

    it.each(routes)('%s %s is for admins only (403 for a customer)', async (method, url) => {
      const token = await loginAs(testApp, {
        email: QUICK_START_CUSTOMER.email,
        password: QUICK_START_CUSTOMER.password,
      });
      const response = await call(method, url).set('Authorization', `Bearer ${token}`).expect(403);
      expect(response.body.code).toBe('FORBIDDEN');
    });
  });

  describe('API documentation', () => {
    it('documents every customer endpoint, its errors, and the response fields actually sent', async () => {
      const { body: docs } = await request(testApp.http).get('/docs-json').expect(200);
      const collection = docs.paths['/api/v1/customers'];
      const item = docs.paths['/api/v1/customers/{id}'];
      expect(Object.keys(collection).sort()).toEqual(['get', 'post']);
      expect(Object.keys(item).sort()).toEqual(['get', 'patch']);
      expect(Object.keys(collection.post.responses).sort()).toEqual([
        '201',
        '400',
        '401',
        '403',
        '409',
        '422',
      ]);
      expect(Object.keys(item.get.responses).sort()).toEqual(['200', '400', '401', '403', '404']);
      expect(Object.keys(item.patch.responses).sort()).toEqual([
        '200',
        '400',
        '401',
        '403',
        '404',
        '409',
      ]);
      expect(item.patch.description).toMatch(/never deleted/);
      expect(collection.get.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
        'is_active',
        'page',
        'page_size',
        'search',
        'sort',
      ]);

      const schemas = docs.components.schemas;
      const details = (await asAdmin(request(testApp.http).get('/api/v1/customers/2')).expect(200))
        .body;
      expect(Object.keys(schemas.CustomerDetailsResponseDto.properties).sort()).toEqual(
        Object.keys(details).sort(),
      );
      const { licenses: _licenses, accounts: _accounts, ...customer } = details;
      expect(Object.keys(schemas.CustomerResponseDto.properties).sort()).toEqual(
        Object.keys(customer).sort(),
      );
      expect(Object.keys(schemas.CreateCustomerDto.properties).sort()).toEqual(
        Object.keys({ ...QUICK_START_CUSTOMER, phone: null }).sort(),
      );
      for (const property of Object.values(schemas.CreateCustomerDto.properties)) {
        expect(property).toHaveProperty('example');
      }
    });
  });

  it('never sends a password, a password hash or a panel secret in any response', () => {
    recorder.expectNoSecrets(plaintexts);
  });
});

/** Statements sent to PostgreSQL while `work` runs, by any pooled connection (ORM or hand-written). */
async function countQueries(_testApp: TestApp, work: () => Promise<unknown>): Promise<number> {
  return (await statementsSent(work)).length;
}

/** The text of each statement sent while `work` runs, in order (see countQueries). */
async function statementsSent(work: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(Client.prototype, 'query');
  try {
    await work();
    // The principal cache's listener checks its connection now and then: not the request's work.
    return spy.mock.calls
      .map(([config]) => statementText(config))
      .filter((text) => !/^SELECT 1$/.test(text));
  } finally {
    spy.mockRestore();
  }
}

function statementText(config: unknown): string {
  if (typeof config === 'string') return config;
  return (config as { text?: string } | undefined)?.text ?? '';
}
