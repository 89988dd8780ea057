import Stripe from 'stripe';
import request from 'supertest';
import { JobQueue } from '../src/jobs/job-queue.service';
import { ServerMonitor } from '../src/servers/server-monitor.service';
import { loginAs } from './support/auth-helpers';
import { addServer, insertCustomer } from './support/fixtures';
import {
  clearFaults,
  setFaults,
  spawnSimulator,
  SpawnedSimulator,
} from './support/panel-simulator';
import { ADMIN, createTestApp, TestApp } from './support/test-app';

const WEBHOOK_SECRET = 'whsec_audittestsecret0123456789';
const offlineStripe = new Stripe('sk_test_offline');
/** supertest connects over loopback; Node reports it as IPv4 or IPv4-mapped IPv6. */
const LOOPBACK = ['127.0.0.1', '::ffff:127.0.0.1'];

type Row = Record<string, any>;

describe('audit log', () => {
  let testApp: TestApp;
  let panel: SpawnedSimulator;
  let adminToken: string;
  let adminId: number;
  let serverId: number;
  let plans: Array<{ id: string; name: string }>;
  let sequence = 0;
  /** Every secret a test handed to the API: none of them may ever reach the audit log. */
  const secrets: string[] = [];

  const sql = <T = Row>(text: string, params: unknown[] = []): Promise<T[]> =>
    testApp.dataSource.query(text, params);
  const asAdmin = (call: request.Test) => call.set('Authorization', `Bearer ${adminToken}`);
  const api = () => request(testApp.http);

  const entries = (action: string, entityId?: string | number): Promise<Row[]> =>
    sql(
      `SELECT * FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY id`,
      [action, entityId === undefined ? null : String(entityId)],
    );
  /** The one entry an action left; fails when there is none or more than one. */
  const onlyEntry = async (action: string, entityId?: string | number): Promise<Row> => {
    const found = await entries(action, entityId);
    if (found.length !== 1)
      throw new Error(`expected one ${action} entry for #${entityId}, found ${found.length}`);
    return found[0];
  };
  const auditCount = async (): Promise<number> =>
    (await sql(`SELECT count(*)::int AS n FROM audit_log`))[0].n;

  /** Who, from where and in which request: the signed-in admin, over loopback, this response's id. */
  const expectByAdmin = (entry: Row, response: request.Response) => {
    expect(entry).toMatchObject({
      actor_type: 'admin',
      actor_id: String(adminId),
      actor_label: ADMIN.email,
      request_id: response.headers['x-request-id'],
    });
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
    expect(LOOPBACK).toContain(entry.ip);
  };

  const newCustomer = async (overrides: Record<string, unknown> = {}) => {
    const password = `Secret${++sequence}Pass!x`;
    secrets.push(password);
    const response = await asAdmin(api().post('/api/v1/customers'))
      .send({
        email: `audited${sequence}@example.com`,
        full_name: 'Audited Person',
        password,
        ...overrides,
      })
      .expect(201);
    return { response, customer: response.body as { id: number; email: string }, password };
  };

  const pendingOrder = async (customerId: number, planIndex = 1): Promise<number> => {
    const [order] = await sql<{ id: number }>(
      `INSERT INTO orders (customer_id, plan_id, billing_cycle, status, amount_cents, currency)
       VALUES ($1, $2, 'monthly', 'pending', 1499, 'USD') RETURNING id`,
      [customerId, plans[planIndex].id],
    );
    return order.id;
  };

  const sendStripeEvent = (type: string, object: Record<string, unknown>) => {
    const payload = JSON.stringify({
      id: `evt_audit_${Date.now()}_${++sequence}`,
      object: 'event',
      type,
      api_version: '2025-01-01',
      created: Math.floor(Date.now() / 1000),
      data: { object },
    });
    const header = offlineStripe.webhooks.generateTestHeaderString({
      payload,
      secret: WEBHOOK_SECRET,
    });
    return api()
      .post('/api/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', header)
      .send(payload)
      .expect(200);
  };

  const drainJobs = () => testApp.app.get(JobQueue).drain();

  beforeAll(async () => {
    panel = await spawnSimulator();
    secrets.push(panel.apiKey, panel.apiSecret);
    testApp = await createTestApp({
      JOBS_MAX_ATTEMPTS: '1',
      PANEL_TIMEOUT_MS: '1500',
      STRIPE_SECRET_KEY: 'sk_test_auditstub123',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      // Nothing listens there: these tests never open a checkout.
      STRIPE_API_BASE: 'http://127.0.0.1:9',
    });
    secrets.push(WEBHOOK_SECRET, 'sk_test_auditstub123', ADMIN.password);
    adminToken = await loginAs(testApp);
    secrets.push(adminToken);
    adminId = (await asAdmin(api().get('/api/v1/auth/me')).expect(200)).body.id;
    serverId = (await addServer(testApp, adminToken, panel, { capacity: 50 })).id;
    plans = (await api().get('/api/v1/plans').expect(200)).body;
  });
  afterAll(() => Promise.all([testApp?.close(), panel?.stop()]));
  afterEach(() => clearFaults(panel));

  describe('customers', () => {
    it('records an admin creating a customer, with the response as `after` and no password', async () => {
      const { response, customer, password } = await newCustomer();
      const entry = await onlyEntry('customer.create', customer.id);
      expectByAdmin(entry, response);
      expect(entry).toMatchObject({ entity_type: 'customer', before: null });
      expect(entry.after).toEqual(response.body);
      expect(JSON.stringify(entry)).not.toContain(password);
    });

    it('records an update with before and after, a new password only as "[redacted]"', async () => {
      const { customer } = await newCustomer();
      const password = 'Changed12345!abc';
      secrets.push(password);
      const response = await asAdmin(api().patch(`/api/v1/customers/${customer.id}`))
        .send({ full_name: 'Renamed Person', password })
        .expect(200);
      const entry = await onlyEntry('customer.update', customer.id);
      expectByAdmin(entry, response);
      expect(entry.before).toMatchObject({ full_name: 'Audited Person', is_active: true });
      expect(entry.after).toMatchObject({ full_name: 'Renamed Person', password: '[redacted]' });
      expect(entry.before.password).toBeUndefined();
    });

    it('records deactivation as its own action', async () => {
      const { customer } = await newCustomer();
      const response = await asAdmin(api().patch(`/api/v1/customers/${customer.id}`))
        .send({ is_active: false })
        .expect(200);
      const entry = await onlyEntry('customer.deactivate', customer.id);
      expectByAdmin(entry, response);
      expect(entry.before.is_active).toBe(true);
      expect(entry.after.is_active).toBe(false);
      expect(await entries('customer.update', customer.id)).toHaveLength(0);
    });

    it('records nothing for an update that changes nothing', async () => {
      const { customer } = await newCustomer();
      const count = await auditCount();
      await asAdmin(api().patch(`/api/v1/customers/${customer.id}`))
        .send({})
        .expect(200);
      expect(await auditCount()).toBe(count);
    });

    it('records a storefront sign-up as the new customer’s own action', async () => {
      const email = `self${++sequence}@example.com`;
      const password = 'SelfSignUp123!';
      secrets.push(password);
      const response = await api()
        .post('/api/v1/auth/register')
        .send({ email, password, full_name: 'Self Starter' })
        .expect(201);
      const [user] = await sql(`SELECT id FROM users WHERE email = $1`, [email]);
      const entry = await onlyEntry('customer.register', user.id);
      expect(entry).toMatchObject({
        actor_type: 'customer',
        actor_id: String(user.id),
        actor_label: email,
        entity_type: 'customer',
        request_id: response.headers['x-request-id'],
      });
      expect(LOOPBACK).toContain(entry.ip);
      expect(entry.after).toMatchObject({ email, full_name: 'Self Starter', is_active: true });
      expect(await entries('customer.create', user.id)).toHaveLength(0);
    });
  });

  describe('plans and licenses', () => {
    it('records creating and updating a plan', async () => {
      const created = await asAdmin(api().post('/api/v1/plans'))
        .send({
          name: `Audited plan ${++sequence}`,
          max_databases: 1,
          max_domains: 1,
          max_email_accounts: 1,
          max_disk_gb: 1,
          price_monthly: 1,
          price_yearly: 10,
        })
        .expect(201);
      const createEntry = await onlyEntry('plan.create', created.body.id);
      expectByAdmin(createEntry, created);
      expect(createEntry.after).toEqual(created.body);

      const updated = await asAdmin(api().patch(`/api/v1/plans/${created.body.id}`))
        .send({ price_monthly: 2.5, is_active: false })
        .expect(200);
      const updateEntry = await onlyEntry('plan.update', created.body.id);
      expectByAdmin(updateEntry, updated);
      expect(updateEntry.before).toMatchObject({ price_monthly: 1, is_active: true });
      expect(updateEntry.after).toMatchObject({ price_monthly: 2.5, is_active: false });
    });

    it('records selling a license', async () => {
      const { customer } = await newCustomer();
      const response = await asAdmin(api().post(`/api/v1/customers/${customer.id}/licenses`))
        .send({ plan_id: plans[0].id, billing_cycle: 'yearly' })
        .expect(201);
      const entry = await onlyEntry('license.create', response.body.id);
      expectByAdmin(entry, response);
      expect(entry.after).toMatchObject({
        license_key: response.body.license_key,
        customer_id: customer.id,
        status: 'active',
        billing_cycle: 'yearly',
      });
    });
  });

  describe('servers', () => {
    it('records adding, rotating, deactivating and deleting a server without its secret', async () => {
      const created = await asAdmin(api().post('/api/v1/nextpanel/servers'))
        .send({
          name: `Audited server ${++sequence}`,
          base_url: panel.url,
          api_key: panel.apiKey,
          api_secret: panel.apiSecret,
          capacity: 5,
        })
        .expect(201);
      const id = created.body.id as number;
      const createEntry = await onlyEntry('server.create', id);
      expectByAdmin(createEntry, created);
      expect(createEntry.after).toMatchObject({
        name: created.body.name,
        base_url: panel.url,
        api_key_masked: created.body.api_key,
        capacity: 5,
      });
      expect(createEntry.after.api_key_masked).not.toBe(panel.apiKey);

      const newKey = `npk_rotated_${sequence}abcdefgh`;
      const newSecret = `nps_rotated_${sequence}0123456789abcdef`;
      secrets.push(newKey, newSecret);
      const rotated = await asAdmin(api().patch(`/api/v1/nextpanel/servers/${id}`))
        .send({ api_key: newKey, api_secret: newSecret })
        .expect(200);
      const rotateEntry = await onlyEntry('server.rotate_credentials', id);
      expectByAdmin(rotateEntry, rotated);
      expect(rotateEntry.before.api_key_masked).toBe(created.body.api_key);
      expect(rotateEntry.after).toMatchObject({
        api_key_masked: rotated.body.api_key,
        api_secret: '[redacted]',
      });

      const deactivated = await asAdmin(api().patch(`/api/v1/nextpanel/servers/${id}`))
        .send({ is_active: false })
        .expect(200);
      const deactivateEntry = await onlyEntry('server.deactivate', id);
      expectByAdmin(deactivateEntry, deactivated);
      expect(deactivateEntry.after.api_secret).toBeUndefined();

      const removed = await asAdmin(api().delete(`/api/v1/nextpanel/servers/${id}`)).expect(204);
      const deleteEntry = await onlyEntry('server.delete', id);
      expectByAdmin(deleteEntry, removed);
      expect(deleteEntry.before).toMatchObject({ name: created.body.name, is_active: false });
      expect(deleteEntry.after).toBeNull();
    });

    it('records the health check marking a server offline and online as the system', async () => {
      const monitor = testApp.app.get(ServerMonitor);
      await setFaults(panel, { health_down: true });
      await monitor.checkAll();
      expect(await entries('server.offline', serverId)).toHaveLength(0);
      await monitor.checkAll();
      const offline = await onlyEntry('server.offline', serverId);
      expect(offline).toMatchObject({
        actor_type: 'system',
        actor_id: null,
        actor_label: 'servers.health-check',
        ip: null,
        request_id: null,
        entity_type: 'server',
      });
      expect(offline.before).toMatchObject({ is_online: true });
      expect(offline.after).toMatchObject({ is_online: false, consecutive_failures: 2 });
      // Still down: nothing changed, nothing recorded.
      await monitor.checkAll();
      expect(await entries('server.offline', serverId)).toHaveLength(1);

      await clearFaults(panel);
      await monitor.checkAll();
      const online = await onlyEntry('server.online', serverId);
      expect(online).toMatchObject({ actor_type: 'system', actor_label: 'servers.health-check' });
      expect(online.after).toMatchObject({ is_online: true, consecutive_failures: 0 });
    });

    it('records an admin’s status check that finds a server down as that admin’s', async () => {
      await setFaults(panel, { health_down: true });
      const down = await asAdmin(api().get('/api/v1/nextpanel/servers/status')).expect(200);
      const offline = (await entries('server.offline', serverId)).at(-1)!;
      expectByAdmin(offline, down);
      await clearFaults(panel);
      const up = await asAdmin(api().get('/api/v1/nextpanel/servers/status')).expect(200);
      expectByAdmin((await entries('server.online', serverId)).at(-1)!, up);
    });
  });

  describe('orders, fulfilment, jobs and emails', () => {
    it('records marking an order paid, the payment, and fulfilment as orders.fulfil', async () => {
      const customer = await insertCustomer(testApp);
      const orderId = await pendingOrder(customer.id);
      const response = await asAdmin(api().post(`/api/v1/orders/${orderId}/mark-paid`)).expect(200);
      const marked = await onlyEntry('order.mark_paid', orderId);
      expectByAdmin(marked, response);
      expect(marked.before).toMatchObject({ id: orderId, status: 'pending', paid_at: null });
      expect(marked.after).toMatchObject({ id: orderId, status: 'paid' });
      const [payment] = await sql(`SELECT id FROM payments WHERE order_id = $1`, [orderId]);
      const paid = await onlyEntry('payment.record', payment.id);
      expectByAdmin(paid, response);
      expect(paid.after).toMatchObject({ order_id: orderId, kind: 'manual', amount: 14.99 });

      await drainJobs();
      const [order] = await sql(`SELECT * FROM orders WHERE id = $1`, [orderId]);
      expect(order.status).toBe('completed');
      const fulfilment = {
        actor_type: 'system',
        actor_id: null,
        actor_label: 'orders.fulfil',
        // Traced back to the request that set it off.
        request_id: response.headers['x-request-id'],
      };
      expect(await onlyEntry('license.issue', order.license_id)).toMatchObject({
        ...fulfilment,
        entity_type: 'license',
        after: expect.objectContaining({ customer_id: customer.id, status: 'active' }),
      });
      const provisioned = await onlyEntry('account.provision', order.hosting_account_id);
      expect(provisioned).toMatchObject({
        ...fulfilment,
        entity_type: 'account',
        before: { status: 'provisioning' },
        after: expect.objectContaining({ status: 'active', order_id: orderId }),
      });
      expect(await onlyEntry('order.complete', orderId)).toMatchObject({
        ...fulfilment,
        before: expect.objectContaining({ status: 'paid' }),
        after: expect.objectContaining({ status: 'completed' }),
      });
    });

    it('records a failed fulfilment, a job retry and an order retry', async () => {
      const customer = await insertCustomer(testApp);
      const orderId = await pendingOrder(customer.id);
      await asAdmin(api().post(`/api/v1/orders/${orderId}/mark-paid`)).expect(200);
      await setFaults(panel, { failure_rate: 1 });
      await drainJobs();
      const [failed] = await sql(`SELECT * FROM orders WHERE id = $1`, [orderId]);
      expect(failed.status).toBe('failed');
      expect(await onlyEntry('account.fail', failed.hosting_account_id)).toMatchObject({
        actor_type: 'system',
        actor_label: 'orders.fulfil',
        before: { status: 'provisioning' },
        after: expect.objectContaining({ status: 'failed' }),
      });
      expect(await onlyEntry('order.fail', orderId)).toMatchObject({
        actor_label: 'orders.fulfil',
        after: expect.objectContaining({ status: 'failed' }),
      });

      const [job] = await sql(`SELECT id FROM jobs WHERE dedupe_key = $1`, [
        `fulfil:order:${orderId}`,
      ]);
      const retriedJob = await asAdmin(api().post(`/api/v1/jobs/${job.id}/retry`)).expect(200);
      const jobEntry = await onlyEntry('job.retry', job.id);
      expectByAdmin(jobEntry, retriedJob);
      expect(jobEntry).toMatchObject({
        entity_type: 'job',
        before: expect.objectContaining({ status: 'failed', queue: 'orders.fulfil' }),
        after: expect.objectContaining({ status: 'queued', attempts: 0 }),
      });
      expect(jobEntry.before.payload).toBeUndefined();
      await drainJobs();
      expect((await sql(`SELECT status FROM orders WHERE id = $1`, [orderId]))[0].status).toBe(
        'failed',
      );

      await clearFaults(panel);
      const retriedOrder = await asAdmin(api().post(`/api/v1/orders/${orderId}/retry`)).expect(200);
      const orderEntry = await onlyEntry('order.retry', orderId);
      expectByAdmin(orderEntry, retriedOrder);
      expect(orderEntry.before.status).toBe('failed');
      expect(orderEntry.after.status).toBe('paid');
      await drainJobs();
      expect((await sql(`SELECT status FROM orders WHERE id = $1`, [orderId]))[0].status).toBe(
        'completed',
      );
    });

    it('records resending an email, without its body', async () => {
      // Without SMTP every email is held in the outbox.
      const [email] = await sql(
        `SELECT id FROM email_outbox WHERE status = 'held' ORDER BY id LIMIT 1`,
      );
      expect(email).toBeDefined();
      const response = await asAdmin(api().post(`/api/v1/emails/${email.id}/resend`)).expect(200);
      const entry = await onlyEntry('email.resend', email.id);
      expectByAdmin(entry, response);
      expect(entry.before).toMatchObject({ id: email.id, status: 'held' });
      expect(entry.after).toMatchObject({ id: email.id, status: 'pending' });
      expect(Object.keys(entry.after)).not.toContain('text_body_sealed');
    });
  });

  describe('Stripe events', () => {
    let orderId: number;
    let subscriptionId: number;

    it('records a paid checkout as Stripe’s payment, fulfilled by orders.fulfil', async () => {
      const customer = await insertCustomer(testApp);
      orderId = await pendingOrder(customer.id);
      const response = await sendStripeEvent('checkout.session.completed', {
        id: `cs_audit_${orderId}`,
        object: 'checkout.session',
        payment_status: 'paid',
        client_reference_id: String(orderId),
        metadata: { order_id: String(orderId) },
        customer: `cus_audit_${orderId}`,
        subscription: `sub_audit_${orderId}`,
      });
      const [payment] = await sql(`SELECT id FROM payments WHERE order_id = $1`, [orderId]);
      const entry = await onlyEntry('payment.record', payment.id);
      expect(entry).toMatchObject({
        actor_type: 'system',
        actor_label: 'stripe.webhook',
        request_id: response.headers['x-request-id'],
        after: expect.objectContaining({ kind: 'checkout', order_id: orderId }),
      });
      expect(await entries('order.mark_paid', orderId)).toHaveLength(0);
      await drainJobs();
      const [order] = await sql(`SELECT * FROM orders WHERE id = $1`, [orderId]);
      expect(await onlyEntry('order.complete', orderId)).toMatchObject({
        actor_label: 'orders.fulfil',
      });
      subscriptionId = (
        await sql(`SELECT id FROM subscriptions WHERE license_id = $1`, [order.license_id])
      )[0].id;
    });

    it('records a renewal and its payment, a failed renewal, and a cancellation', async () => {
      const end = Math.floor(Date.now() / 1000) + 62 * 86400;
      await sendStripeEvent('invoice.paid', {
        id: `in_audit_renew_${orderId}`,
        object: 'invoice',
        billing_reason: 'subscription_cycle',
        subscription: `sub_audit_${orderId}`,
        amount_paid: 1499,
        currency: 'usd',
        lines: { data: [{ period: { start: end - 31 * 86400, end } }] },
      });
      const renewed = await onlyEntry('subscription.renew', subscriptionId);
      expect(renewed).toMatchObject({ actor_type: 'system', actor_label: 'stripe.webhook' });
      expect(new Date(renewed.after.current_period_end).getTime()).toBe(end * 1000);
      expect(renewed.before.current_period_end).not.toBe(renewed.after.current_period_end);
      const [renewal] = await sql(`SELECT id FROM payments WHERE stripe_invoice_id = $1`, [
        `in_audit_renew_${orderId}`,
      ]);
      expect((await onlyEntry('payment.record', renewal.id)).after).toMatchObject({
        kind: 'renewal',
        status: 'succeeded',
        amount: 14.99,
      });

      await sendStripeEvent('invoice.payment_failed', {
        id: `in_audit_fail_${orderId}`,
        object: 'invoice',
        subscription: `sub_audit_${orderId}`,
        amount_due: 1499,
        currency: 'usd',
      });
      const pastDue = await onlyEntry('subscription.mark_past_due', subscriptionId);
      expect(pastDue.before.status).toBe('active');
      expect(pastDue.after.status).toBe('past_due');

      await sendStripeEvent('customer.subscription.deleted', {
        id: `sub_audit_${orderId}`,
        object: 'subscription',
        status: 'canceled',
      });
      const cancelled = await onlyEntry('subscription.cancel', subscriptionId);
      expect(cancelled.after.status).toBe('cancelled');
      const [license] = await sql(`SELECT id, license_key FROM licenses WHERE id = $1`, [
        cancelled.after.license_id,
      ]);
      expect(await onlyEntry('license.cancel', license.id)).toMatchObject({
        actor_label: 'stripe.webhook',
        before: { license_key: license.license_key, status: 'active' },
        after: { license_key: license.license_key, status: 'cancelled' },
      });
    });
  });

  describe('refused requests', () => {
    it('leave no entry and change nothing', async () => {
      const { customer } = await newCustomer();
      const other = await newCustomer();
      const count = await auditCount();
      const [before] = await sql(`SELECT * FROM users WHERE id = $1`, [customer.id]);

      const invalid = await asAdmin(api().patch(`/api/v1/customers/${customer.id}`))
        .send({ email: 'not-an-email' })
        .expect(400);
      expect(invalid.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      const taken = await asAdmin(api().patch(`/api/v1/customers/${customer.id}`))
        .send({ email: other.customer.email })
        .expect(409);
      expect(taken.body).toMatchObject({ statusCode: 409, code: 'CUSTOMER_EMAIL_TAKEN' });
      await asAdmin(api().patch(`/api/v1/customers/999999`)).send({ full_name: 'X' }).expect(404);
      const sameName = await asAdmin(api().post('/api/v1/plans'))
        .send({
          name: plans[0].name,
          max_databases: 1,
          max_domains: 1,
          max_email_accounts: 1,
          max_disk_gb: 1,
          price_monthly: 1,
          price_yearly: 10,
        })
        .expect(409);
      expect(sameName.body.code).toBe('PLAN_NAME_TAKEN');
      await asAdmin(api().delete(`/api/v1/nextpanel/servers/999999`)).expect(404);
      const notPending = await asAdmin(
        api().post(`/api/v1/orders/${await pendingOrder(customer.id)}/mark-paid`),
      ).expect(200);
      expect(notPending.body.status).toBe('paid');
      const twice = await asAdmin(
        api().post(`/api/v1/orders/${notPending.body.id}/mark-paid`),
      ).expect(409);
      expect(twice.body.code).toBe('ORDER_NOT_PENDING');
      // A customer may not change another customer.
      const customerToken = await loginAs(testApp, {
        email: other.customer.email,
        password: other.password,
      });
      await api()
        .patch(`/api/v1/customers/${customer.id}`)
        .set('Authorization', `Bearer ${customerToken}`)
        .send({ full_name: 'Hijacked' })
        .expect(403);

      // Only the one mark-paid that succeeded (and its payment) were recorded.
      expect(await auditCount()).toBe(count + 2);
      expect(await sql(`SELECT * FROM users WHERE id = $1`, [customer.id])).toEqual([before]);
    });
  });

  describe('GET /audit-log', () => {
    it('is for admins only', async () => {
      const { customer, password } = await newCustomer();
      const token = await loginAs(testApp, { email: customer.email, password });
      const forbidden = await api()
        .get('/api/v1/audit-log')
        .set('Authorization', `Bearer ${token}`)
        .expect(403);
      expect(forbidden.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      const anonymous = await api().get('/api/v1/audit-log').expect(401);
      expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    });

    it('filters by actor, action prefix, entity and time range, newest first', async () => {
      const startedAt = new Date((await sql(`SELECT now() AS now`))[0].now);
      const { customer } = await newCustomer();
      await asAdmin(api().patch(`/api/v1/customers/${customer.id}`))
        .send({ phone: '+1 555 0100' })
        .expect(200);
      const endedAt = new Date(Date.now() + 1000);

      const forCustomer = await asAdmin(
        api()
          .get('/api/v1/audit-log')
          .query({ entity_type: 'customer', entity_id: String(customer.id) }),
      ).expect(200);
      expect(forCustomer.body).toMatchObject({ total: 2, page: 1 });
      expect(forCustomer.body.items.map((e: Row) => e.action)).toEqual([
        'customer.update',
        'customer.create',
      ]);
      expect(forCustomer.body.items[0]).toMatchObject({
        actor_type: 'admin',
        actor_id: String(adminId),
        actor_label: ADMIN.email,
        entity_type: 'customer',
        entity_id: String(customer.id),
        before: expect.objectContaining({ phone: null }),
        after: expect.objectContaining({ phone: '+1 555 0100' }),
      });

      const prefix = await asAdmin(
        api().get('/api/v1/audit-log').query({ action: 'server.', page_size: 100 }),
      ).expect(200);
      expect(prefix.body.total).toBeGreaterThan(0);
      expect(prefix.body.items.every((e: Row) => e.action.startsWith('server.'))).toBe(true);
      const exact = await asAdmin(
        api().get('/api/v1/audit-log').query({ action: 'server.offline', page_size: 100 }),
      ).expect(200);
      expect(exact.body.items.every((e: Row) => e.action === 'server.offline')).toBe(true);
      expect(exact.body.total).toBeLessThan(prefix.body.total);

      const bySystem = await asAdmin(
        api()
          .get('/api/v1/audit-log')
          .query({ actor_type: 'system', actor: 'FULFIL', page_size: 100 }),
      ).expect(200);
      expect(bySystem.body.total).toBeGreaterThan(0);
      expect(bySystem.body.items.every((e: Row) => e.actor_label === 'orders.fulfil')).toBe(true);
      const byAdmin = await asAdmin(
        api().get('/api/v1/audit-log').query({ actor: 'admin@test', page_size: 1 }),
      ).expect(200);
      expect(byAdmin.body.items).toHaveLength(1);
      expect(byAdmin.body.total).toBeGreaterThan(1);

      const inRange = await asAdmin(
        api()
          .get('/api/v1/audit-log')
          .query({ from: startedAt.toISOString(), to: endedAt.toISOString(), page_size: 100 }),
      ).expect(200);
      expect(inRange.body.items.map((e: Row) => e.action)).toEqual([
        'customer.update',
        'customer.create',
      ]);
      const beforeRange = await asAdmin(
        api()
          .get('/api/v1/audit-log')
          .query({ to: startedAt.toISOString(), entity_id: String(customer.id) }),
      ).expect(200);
      expect(beforeRange.body.total).toBe(0);
    });

    it('refuses bad filters with 400 in the one error shape', async () => {
      for (const query of [
        { action: 'Customer.Update' },
        { action: 'customer..update; DROP' },
        { actor_type: 'robot' },
        { entity_type: 'Customer' },
        { from: 'yesterday' },
        { to: '2026-13-45' },
        { page_size: '1000' },
        { unknown: 'x' },
      ]) {
        const response = await asAdmin(api().get('/api/v1/audit-log').query(query)).expect(400);
        expect(response.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          request_id: response.headers['x-request-id'],
          details: expect.any(Array),
        });
      }
    });
  });

  describe('secrets', () => {
    it('never reach the audit log: no key, secret, password, hash or token in any entry', async () => {
      const rows = await sql<{ text: string }>(`SELECT audit_log::text AS text FROM audit_log`);
      expect(rows.length).toBeGreaterThan(20);
      const everything = rows.map((row) => row.text).join('\n');
      expect(secrets.length).toBeGreaterThan(10);
      for (const secret of secrets) expect(everything).not.toContain(secret);
      const [stored] = await sql(`SELECT api_secret_encrypted FROM panel_servers WHERE id = $1`, [
        serverId,
      ]);
      expect(everything).not.toContain(stored.api_secret_encrypted);
      expect(everything).not.toMatch(/\$argon2/);
    });
  });
});
