import Stripe from 'stripe';
import request from 'supertest';
import { loginAs } from './support/auth-helpers';
import { addServer } from './support/fixtures';
import {
  clearFaults,
  panelAccounts,
  setFaults,
  spawnSimulator,
  SpawnedSimulator,
} from './support/panel-simulator';
import { SmtpSink } from './support/smtp-sink';
import { StripeApiStub } from './support/stripe-api-stub';
import { createTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const WEBHOOK_SECRET = 'whsec_testsecret0123456789';
const offlineStripe = new Stripe('sk_test_offline');

describe('payment to hosting account', () => {
  let testApp: TestApp;
  let stripeApi: StripeApiStub;
  let smtp: SmtpSink;
  let panel: SpawnedSimulator;
  let adminToken: string;
  let serverId: number;
  let plans: Array<{ id: string; name: string; price_monthly: number; price_yearly: number }>;
  let sequence = 0;

  const sql = <T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> =>
    testApp.dataSource.query(text, params);
  const asAdmin = (call: request.Test) => call.set('Authorization', `Bearer ${adminToken}`);

  const sendEvent = (
    type: string,
    object: Record<string, unknown>,
    id = `evt_${Date.now()}_${++sequence}`,
  ) => {
    const payload = JSON.stringify({
      id,
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
    return request(testApp.http)
      .post('/api/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', header)
      .send(payload);
  };

  async function customerWithOrder(cycle: 'monthly' | 'yearly' = 'monthly', planIndex = 1) {
    const email = `buyer${++sequence}@example.com`;
    const registered = await request(testApp.http)
      .post('/api/v1/auth/register')
      .send({ email, password: 'Buyer12345!', full_name: 'Buyer Person', company_name: 'Buyer Co' })
      .expect(201);
    const token = registered.body.access_token as string;
    const checkout = await request(testApp.http)
      .post('/api/v1/checkout')
      .set('Authorization', `Bearer ${token}`)
      .send({ plan_id: plans[planIndex].id, billing_cycle: cycle })
      .expect(201);
    return {
      email,
      token,
      orderId: checkout.body.order_id as number,
      sessionId: checkout.body.session_id as string,
    };
  }

  const sessionCompleted = (order: { orderId: number; sessionId: string }) => ({
    id: order.sessionId,
    object: 'checkout.session',
    mode: 'subscription',
    payment_status: 'paid',
    status: 'complete',
    client_reference_id: String(order.orderId),
    metadata: { order_id: String(order.orderId) },
    customer: `cus_${order.orderId}`,
    subscription: `sub_${order.orderId}`,
    amount_total: 1499,
    currency: 'usd',
  });

  const orderRow = async (id: number) => (await sql('SELECT * FROM orders WHERE id = $1', [id]))[0];
  const waitForOrder = (id: number, status: string, timeoutMs?: number) =>
    waitFor(
      `order ${id} to be ${status}`,
      async () => ((await orderRow(id)).status === status ? orderRow(id) : null),
      timeoutMs,
    );

  beforeAll(async () => {
    [stripeApi, smtp, panel] = await Promise.all([
      new StripeApiStub().start(),
      new SmtpSink().start(),
      spawnSimulator(),
    ]);
    testApp = await createTestApp({
      JOBS_ENABLED: 'true',
      JOBS_POLL_INTERVAL_MS: '100',
      JOBS_RETRY_BASE_MS: '100',
      JOBS_RETRY_MAX_MS: '300',
      JOBS_MAX_ATTEMPTS: '4',
      JOBS_LEASE_SECONDS: '5',
      PANEL_TIMEOUT_MS: '1500',
      ORDER_CAPACITY_RECHECK_MS: '200',
      STRIPE_SECRET_KEY: 'sk_test_stub123',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: stripeApi.baseUrl,
      SMTP_URL: smtp.url,
      ADMIN_ALERT_EMAIL: 'alerts@hosting.example',
      PUBLIC_APP_URL: 'http://localhost:4000',
    });
    adminToken = await loginAs(testApp);
    serverId = (await addServer(testApp, adminToken, panel, { capacity: 50 })).id;
    plans = (await request(testApp.http).get('/api/v1/plans').expect(200)).body;
  });
  afterAll(() => Promise.all([testApp.close(), stripeApi.stop(), smtp.stop(), panel.stop()]));
  afterEach(() => clearFaults(panel));

  describe('checkout', () => {
    it('says payments are enabled', async () => {
      await request(testApp.http)
        .get('/api/v1/store/config')
        .expect(200, { payments_enabled: true });
    });

    it('opens a subscription Checkout Session through the Stripe SDK, priced from the plan', async () => {
      const order = await customerWithOrder('yearly', 1);
      const sent = stripeApi.requests.at(-1)!;
      expect(sent.method).toBe('POST');
      expect(sent.path).toBe('/v1/checkout/sessions');
      expect(sent.headers.authorization).toBe('Bearer sk_test_stub123');
      expect(sent.headers['idempotency-key']).toBe(`checkout-order-${order.orderId}`);
      expect(sent.form).toMatchObject({
        mode: 'subscription',
        customer_email: order.email,
        client_reference_id: String(order.orderId),
        'metadata[order_id]': String(order.orderId),
        'metadata[plan_id]': plans[1].id,
        'line_items[0][price_data][unit_amount]': String(Math.round(plans[1].price_yearly * 100)),
        'line_items[0][price_data][recurring][interval]': 'year',
        'line_items[0][quantity]': '1',
        success_url: `http://localhost:4000/my?order=${order.orderId}&checkout=success`,
      });
      const row = await orderRow(order.orderId);
      expect(row).toMatchObject({ status: 'pending', stripe_checkout_session_id: order.sessionId });
    });

    it('records a failed Stripe call as a cancelled order and answers 502', async () => {
      stripeApi.failNext = 1;
      const email = `unlucky${++sequence}@example.com`;
      const token = (
        await request(testApp.http)
          .post('/api/v1/auth/register')
          .send({ email, password: 'Buyer12345!', full_name: 'U' })
          .expect(201)
      ).body.access_token;
      const response = await request(testApp.http)
        .post('/api/v1/checkout')
        .set('Authorization', `Bearer ${token}`)
        .send({ plan_id: plans[0].id, billing_cycle: 'monthly' })
        .expect(502);
      expect(response.body.code).toBe('PAYMENT_PROVIDER_ERROR');
      const [row] = await sql(
        `SELECT o.status FROM orders o JOIN users u ON u.id = o.customer_id WHERE u.email = $1`,
        [email],
      );
      expect(row.status).toBe('cancelled');
    });

    it('refuses admins and anonymous callers at checkout', async () => {
      await request(testApp.http)
        .post('/api/v1/checkout')
        .send({ plan_id: plans[0].id, billing_cycle: 'monthly' })
        .expect(401);
      await asAdmin(request(testApp.http).post('/api/v1/checkout'))
        .send({ plan_id: plans[0].id, billing_cycle: 'monthly' })
        .expect(403);
    });
  });

  describe('the webhook', () => {
    it('refuses a bad or missing signature and changes nothing', async () => {
      const order = await customerWithOrder();
      const payload = JSON.stringify({
        id: 'evt_forged',
        type: 'checkout.session.completed',
        data: { object: sessionCompleted(order) },
      });
      const forged = offlineStripe.webhooks.generateTestHeaderString({
        payload,
        secret: 'whsec_not_ours',
      });
      const bad = await request(testApp.http)
        .post('/api/v1/webhooks/stripe')
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', forged)
        .send(payload)
        .expect(400);
      expect(bad.body).toMatchObject({ statusCode: 400, code: 'INVALID_SIGNATURE' });
      await request(testApp.http)
        .post('/api/v1/webhooks/stripe')
        .set('Content-Type', 'application/json')
        .send(payload)
        .expect(400);
      // A valid signature over different bytes is a bad signature too.
      const header = offlineStripe.webhooks.generateTestHeaderString({
        payload,
        secret: WEBHOOK_SECRET,
      });
      await request(testApp.http)
        .post('/api/v1/webhooks/stripe')
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', header)
        .send(payload.replace('paid', 'PAID'))
        .expect(400);
      expect((await orderRow(order.orderId)).status).toBe('pending');
      expect(await sql(`SELECT 1 FROM stripe_events WHERE id = 'evt_forged'`)).toHaveLength(0);
    });

    it('turns a paid checkout into a license, an active account and a welcome email', async () => {
      const order = await customerWithOrder('monthly', 1);
      const response = await sendEvent(
        'checkout.session.completed',
        sessionCompleted(order),
      ).expect(200);
      expect(response.body).toEqual({ received: true, duplicate: false, handled: true });
      const completed = await waitForOrder(order.orderId, 'completed');

      const [license] = await sql(`SELECT * FROM licenses WHERE id = $1`, [completed.license_id]);
      expect(license).toMatchObject({ status: 'active', max_databases: 10 });
      const [subscription] = await sql(`SELECT * FROM subscriptions WHERE license_id = $1`, [
        license.id,
      ]);
      expect(subscription).toMatchObject({
        status: 'active',
        stripe_subscription_id: `sub_${order.orderId}`,
      });
      const [account] = await sql(`SELECT * FROM hosting_accounts WHERE id = $1`, [
        completed.hosting_account_id,
      ]);
      expect(account).toMatchObject({
        status: 'active',
        server_id: serverId,
        license_id: license.id,
      });
      expect(account.username).toMatch(/^buyer\d+\d{4}$/);
      const events = await sql(
        `SELECT from_status, to_status, actor FROM account_events WHERE account_id = $1 ORDER BY id`,
        [account.id],
      );
      expect(events).toEqual([
        { from_status: null, to_status: 'provisioning', actor: 'system:orders.fulfil' },
        { from_status: 'provisioning', to_status: 'active', actor: 'system:orders.fulfil' },
      ]);

      const onPanel = (await panelAccounts(panel)).find((a) => a.username === account.username);
      expect(onPanel).toMatchObject({ id: account.nextpanel_user_id, status: 'active' });

      const mail = await waitFor('the welcome email', async () =>
        smtp.to(order.email).find((m) => m.includes('Your hosting account is ready')),
      );
      expect(mail).toContain(account.username);
      expect(mail).toContain(license.license_key);
      expect(mail).toContain(panel.url);
      const password = /Temporary password: (\S+)/.exec(mail)![1];
      const verify = await fetch(
        `${panel.url}/__control/accounts/${account.nextpanel_user_id}/verify-password`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ password }),
        },
      );
      expect(await verify.json()).toEqual({ matches: true });
      expect(testApp.logs.join('')).not.toContain(password);
      const [stored] = await sql(
        `SELECT * FROM email_outbox WHERE template = 'welcome' AND recipient = $1`,
        [order.email],
      );
      expect(JSON.stringify(stored)).not.toContain(password);
      await waitFor('the receipt', async () =>
        smtp.to(order.email).find((m) => m.includes('Payment received')),
      );

      const mine = await request(testApp.http)
        .get('/api/v1/my')
        .set('Authorization', `Bearer ${order.token}`)
        .expect(200);
      expect(mine.body.licenses).toEqual([
        expect.objectContaining({ license_key: license.license_key }),
      ]);
      expect(mine.body.accounts).toEqual([
        expect.objectContaining({
          username: account.username,
          server_url: panel.url,
          status: 'active',
        }),
      ]);
      const payments = await request(testApp.http)
        .get('/api/v1/my/payments')
        .set('Authorization', `Bearer ${order.token}`)
        .expect(200);
      expect(payments.body).toEqual([
        expect.objectContaining({
          kind: 'checkout',
          status: 'succeeded',
          amount: plans[1].price_monthly,
        }),
      ]);
      expect(JSON.stringify(mine.body)).not.toContain(password);
    });

    it('applies the same event delivered 10 times at once exactly once', async () => {
      const order = await customerWithOrder();
      const eventId = `evt_dupe_${order.orderId}`;
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          sendEvent('checkout.session.completed', sessionCompleted(order), eventId),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(1);
      await waitForOrder(order.orderId, 'completed');
      await waitFor('the welcome email', async () =>
        smtp.to(order.email).find((m) => m.includes('Your hosting account is ready')),
      );
      await new Promise((r) => setTimeout(r, 500));
      const [{ licenses, accounts, payments, welcome }] = await sql(
        `SELECT (SELECT count(*)::int FROM licenses WHERE customer_id = o.customer_id) AS licenses,
                (SELECT count(*)::int FROM hosting_accounts WHERE customer_id = o.customer_id) AS accounts,
                (SELECT count(*)::int FROM payments WHERE order_id = o.id) AS payments,
                (SELECT count(*)::int FROM email_outbox WHERE recipient = $2 AND template = 'welcome') AS welcome
         FROM orders o WHERE o.id = $1`,
        [order.orderId, order.email],
      );
      expect({ licenses, accounts, payments, welcome }).toEqual({
        licenses: 1,
        accounts: 1,
        payments: 1,
        welcome: 1,
      });
      expect(
        smtp.to(order.email).filter((m) => m.includes('Your hosting account is ready')),
      ).toHaveLength(1);
    });

    it('retries a panel that is down and creates the account once it is back', async () => {
      await setFaults(panel, { failure_rate: 1 });
      const order = await customerWithOrder();
      await sendEvent('checkout.session.completed', sessionCompleted(order)).expect(200);
      await waitFor('a failed attempt', async () => {
        const [job] = await sql(`SELECT attempts, last_error FROM jobs WHERE dedupe_key = $1`, [
          `fulfil:order:${order.orderId}`,
        ]);
        return job && job.attempts >= 1 && job.last_error ? job : null;
      });
      const [holding] = await sql(
        `SELECT status FROM hosting_accounts WHERE customer_id = (SELECT customer_id FROM orders WHERE id = $1)`,
        [order.orderId],
      );
      expect(holding.status).toBe('provisioning');
      await clearFaults(panel);
      await waitForOrder(order.orderId, 'completed');
      const accounts = await sql(
        `SELECT status FROM hosting_accounts WHERE customer_id = (SELECT customer_id FROM orders WHERE id = $1)`,
        [order.orderId],
      );
      expect(accounts).toEqual([{ status: 'active' }]);
    });

    it('fails visibly after the last retry, alerts the admins, and can be retried', async () => {
      await setFaults(panel, { failure_rate: 1 });
      const order = await customerWithOrder();
      await sendEvent('checkout.session.completed', sessionCompleted(order)).expect(200);
      const failed = await waitForOrder(order.orderId, 'failed');
      expect(failed.status_reason).toContain('failed with HTTP 500');
      const [account] = await sql(`SELECT status FROM hosting_accounts WHERE id = $1`, [
        failed.hosting_account_id,
      ]);
      expect(account.status).toBe('failed');
      const alert = await waitFor('the admin alert', async () =>
        smtp.to('alerts@hosting.example').find((m) => m.includes(`order #${order.orderId}`)),
      );
      expect(alert).toContain('Provisioning failed');

      const jobs = await asAdmin(
        request(testApp.http).get('/api/v1/jobs?status=failed&queue=orders.fulfil'),
      ).expect(200);
      const job = jobs.body.items.find(
        (j: { payload: { order_id: number } }) => j.payload.order_id === order.orderId,
      );
      expect(job).toMatchObject({
        status: 'failed',
        attempts: 4,
        last_error: expect.stringContaining('HTTP 500'),
      });

      await clearFaults(panel);
      await asAdmin(request(testApp.http).post(`/api/v1/jobs/${job.id}/retry`)).expect(200);
      await waitForOrder(order.orderId, 'completed');
      const accounts = await sql(
        `SELECT status FROM hosting_accounts WHERE customer_id = $1 ORDER BY id`,
        [failed.customer_id],
      );
      // The retry reuses the failed account's username and row (the panel might have had it).
      expect(accounts).toEqual([{ status: 'active' }]);
      const events = await sql(
        `SELECT from_status, to_status FROM account_events WHERE account_id = $1 ORDER BY id`,
        [failed.hosting_account_id],
      );
      expect(events.map((e) => e.to_status)).toEqual([
        'provisioning',
        'failed',
        'provisioning',
        'active',
      ]);
      await asAdmin(request(testApp.http).post(`/api/v1/jobs/${job.id}/retry`)).expect(409);
    });

    it('stops and asks an admin, rather than guess, when a lost answer may have created the account', async () => {
      // The panel creates the account, then answers 500: billing cannot know the create happened.
      await setFaults(panel, { failure_rate: 1, failure_mode: 'after_effect' });
      const order = await customerWithOrder();
      await sendEvent('checkout.session.completed', sessionCompleted(order)).expect(200);
      // Attempts are counted when a job is claimed: wait for the first one to have failed, not just started.
      await waitFor('the first, lost attempt', async () => {
        const [job] = await sql(`SELECT last_error FROM jobs WHERE dedupe_key = $1`, [
          `fulfil:order:${order.orderId}`,
        ]);
        return job?.last_error ? job : null;
      });
      await setFaults(panel, { failure_rate: 0 });
      const failed = await waitForOrder(order.orderId, 'failed');
      expect(failed.status_reason).toContain('an interrupted earlier attempt may have created it');
      const [account] = await sql(`SELECT username, status FROM hosting_accounts WHERE id = $1`, [
        failed.hosting_account_id,
      ]);
      expect(account.status).toBe('failed');
      expect(
        (await panelAccounts(panel)).filter((a) => a.username === account.username),
      ).toHaveLength(1);
      expect(
        await sql(`SELECT 1 FROM email_outbox WHERE recipient = $1 AND template = 'welcome'`, [
          order.email,
        ]),
      ).toHaveLength(0);
      await waitFor('the admin alert', async () =>
        smtp.to('alerts@hosting.example').find((m) => m.includes(`order #${order.orderId}`)),
      );
    });

    it('keeps mail in the outbox while SMTP is down and delivers it when it is back', async () => {
      const port = smtp.port;
      await smtp.stop();
      const order = await customerWithOrder();
      await sendEvent('checkout.session.completed', sessionCompleted(order)).expect(200);
      await waitForOrder(order.orderId, 'completed');
      await waitFor('a failed delivery', async () => {
        const rows = await sql(
          `SELECT * FROM email_outbox WHERE recipient = $1 AND attempts > 0 AND last_error IS NOT NULL`,
          [order.email],
        );
        return rows.length > 0;
      });
      smtp = await new SmtpSink().start(port);
      await waitFor(
        'the welcome email after SMTP came back',
        async () => smtp.to(order.email).find((m) => m.includes('Your hosting account is ready')),
        15_000,
      );
      await waitFor('the outbox to show it sent', async () => {
        const rows = await sql(
          `SELECT status FROM email_outbox WHERE recipient = $1 AND template = 'welcome'`,
          [order.email],
        );
        return rows[0]?.status === 'sent';
      });
    });

    it('waits for capacity, tells the admins, and provisions once a slot frees up', async () => {
      await sql(`UPDATE panel_servers SET is_active = false`);
      try {
        const order = await customerWithOrder();
        await sendEvent('checkout.session.completed', sessionCompleted(order)).expect(200);
        await waitForOrder(order.orderId, 'awaiting_capacity');
        await waitFor('the capacity alert', async () =>
          smtp
            .to('alerts@hosting.example')
            .find((m) => m.includes(`No server capacity for order #${order.orderId}`)),
        );
        await sql(`UPDATE panel_servers SET is_active = true`);
        await waitForOrder(order.orderId, 'completed');
      } finally {
        await sql(`UPDATE panel_servers SET is_active = true`);
      }
    });
  });

  describe('renewals and cancellations', () => {
    let order: Awaited<ReturnType<typeof customerWithOrder>>;
    beforeAll(async () => {
      order = await customerWithOrder();
      await sendEvent('checkout.session.completed', sessionCompleted(order)).expect(200);
      await waitForOrder(order.orderId, 'completed');
    });
    const subscription = async () =>
      (
        await sql(`SELECT * FROM subscriptions WHERE stripe_subscription_id = $1`, [
          `sub_${order.orderId}`,
        ])
      )[0];

    it('ignores the first invoice (the checkout paid it)', async () => {
      const before = await subscription();
      await sendEvent('invoice.paid', {
        id: `in_first_${order.orderId}`,
        object: 'invoice',
        billing_reason: 'subscription_create',
        subscription: `sub_${order.orderId}`,
        amount_paid: 1499,
        currency: 'usd',
      }).expect(200);
      expect((await subscription()).current_period_end).toEqual(before.current_period_end);
    });

    it('extends the paid period on a renewal', async () => {
      const end = Math.floor(Date.now() / 1000) + 62 * 86400;
      await sendEvent('invoice.paid', {
        id: `in_renew_${order.orderId}`,
        object: 'invoice',
        billing_reason: 'subscription_cycle',
        parent: { subscription_details: { subscription: `sub_${order.orderId}` } },
        amount_paid: 1499,
        currency: 'usd',
        lines: { data: [{ period: { start: end - 31 * 86400, end } }] },
      }).expect(200);
      const renewed = await subscription();
      expect(new Date(renewed.current_period_end).getTime()).toBe(end * 1000);
      const [payment] = await sql(
        `SELECT kind, status, amount_cents FROM payments WHERE stripe_invoice_id = $1`,
        [`in_renew_${order.orderId}`],
      );
      expect(payment).toEqual({ kind: 'renewal', status: 'succeeded', amount_cents: 1499 });
    });

    it('marks a failed renewal past due and tells the customer', async () => {
      await sendEvent('invoice.payment_failed', {
        id: `in_fail_${order.orderId}`,
        object: 'invoice',
        subscription: `sub_${order.orderId}`,
        amount_due: 1499,
        currency: 'usd',
      }).expect(200);
      expect((await subscription()).status).toBe('past_due');
      await waitFor('the payment-failed email', async () =>
        smtp.to(order.email).find((m) => m.includes('Payment failed')),
      );
    });

    it('cancels the subscription and the license when Stripe deletes the subscription', async () => {
      await sendEvent('customer.subscription.deleted', {
        id: `sub_${order.orderId}`,
        object: 'subscription',
        status: 'canceled',
      }).expect(200);
      const cancelled = await subscription();
      expect(cancelled.status).toBe('cancelled');
      const [license] = await sql(`SELECT status FROM licenses WHERE id = $1`, [
        cancelled.license_id,
      ]);
      expect(license.status).toBe('cancelled');
    });

    it('answers 200 to events it does not handle', async () => {
      const response = await sendEvent('customer.created', {
        id: 'cus_new',
        object: 'customer',
      }).expect(200);
      expect(response.body).toEqual({ received: true, duplicate: false, handled: false });
    });
  });

  describe('privacy', () => {
    it('shows a customer only their own orders', async () => {
      const alice = await customerWithOrder();
      const bob = await customerWithOrder();
      await request(testApp.http)
        .get(`/api/v1/my/orders/${bob.orderId}`)
        .set('Authorization', `Bearer ${alice.token}`)
        .expect(404);
      await request(testApp.http)
        .get(`/api/v1/my/orders/${alice.orderId}`)
        .set('Authorization', `Bearer ${alice.token}`)
        .expect(200);
      const list = await request(testApp.http)
        .get('/api/v1/my/orders')
        .set('Authorization', `Bearer ${alice.token}`)
        .expect(200);
      expect(list.body.items.map((o: { id: number }) => o.id)).toEqual([alice.orderId]);
      await request(testApp.http)
        .get('/api/v1/orders')
        .set('Authorization', `Bearer ${alice.token}`)
        .expect(403);
    });
  });
});

describe('without Stripe keys', () => {
  let testApp: TestApp;
  let panel: SpawnedSimulator;

  beforeAll(async () => {
    panel = await spawnSimulator();
    testApp = await createTestApp({ JOBS_ENABLED: 'true', JOBS_POLL_INTERVAL_MS: '100' });
    await addServer(testApp, await loginAs(testApp), panel);
  });
  afterAll(() => Promise.all([testApp.close(), panel.stop()]));

  it('records the order, says payments are off, and lets an admin mark it paid, which runs the same flow', async () => {
    await request(testApp.http)
      .get('/api/v1/store/config')
      .expect(200, { payments_enabled: false });
    const token = (
      await request(testApp.http)
        .post('/api/v1/auth/register')
        .send({ email: 'offline@example.com', password: 'Offline123!', full_name: 'Off Line' })
        .expect(201)
    ).body.access_token;
    const plans = (await request(testApp.http).get('/api/v1/plans').expect(200)).body;
    const refused = await request(testApp.http)
      .post('/api/v1/checkout')
      .set('Authorization', `Bearer ${token}`)
      .send({ plan_id: plans[0].id, billing_cycle: 'monthly' })
      .expect(503);
    expect(refused.body.code).toBe('PAYMENTS_NOT_CONFIGURED');
    const orders = await request(testApp.http)
      .get('/api/v1/my/orders')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const orderId = orders.body.items[0].id;
    expect(orders.body.items[0].status).toBe('pending');

    const admin = await loginAs(testApp);
    await request(testApp.http)
      .post(`/api/v1/orders/${orderId}/mark-paid`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    await waitFor('the order to complete', async () => {
      const order = await request(testApp.http)
        .get(`/api/v1/orders/${orderId}`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      return order.body.status === 'completed' ? order.body : null;
    });
    await request(testApp.http)
      .post(`/api/v1/orders/${orderId}/mark-paid`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(409);
    expect(await panelAccounts(panel)).toHaveLength(1);
    // The email job holds it (no SMTP); it may still be queued when the order completes.
    await waitFor('the welcome email to be held', async () => {
      const [email] = await testApp.dataSource.query(
        `SELECT status FROM email_outbox WHERE template = 'welcome'`,
      );
      return email?.status === 'held';
    });
    const emails = await request(testApp.http)
      .get('/api/v1/emails')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(emails.body.items.map((e: { template: string }) => e.template).sort()).toEqual([
      'payment_received',
      'welcome',
    ]);
    expect(JSON.stringify(emails.body)).not.toMatch(/Temporary password/);
  });
});
