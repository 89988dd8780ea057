import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Stripe from 'stripe';
import request from 'supertest';
import { createApp } from '../src/app/create-app';
import { JobQueue } from '../src/jobs/job-queue.service';
import { JobScheduler } from '../src/jobs/job-scheduler';
import {
  ReconciliationResult,
  StripeReconciliation,
  STRIPE_RECONCILIATION_QUEUE,
} from '../src/payments/stripe-reconciliation.service';
import { loginAs } from './support/auth-helpers';
import { addServer } from './support/fixtures';
import { spawnSimulator, SpawnedSimulator } from './support/panel-simulator';
import { SmtpSink } from './support/smtp-sink';
import { StripeApiStub } from './support/stripe-api-stub';
import { createTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const WEBHOOK_SECRET = 'whsec_reconcile0123456789';
const INTERVAL_MS = 10 * 60_000;
const HOUR = 3600;
const offlineStripe = new Stripe('sk_test_offline');
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Stripe reconciliation', () => {
  let testApp: TestApp;
  let secondProcess: NestFastifyApplication;
  let stripeApi: StripeApiStub;
  let smtp: SmtpSink;
  let panel: SpawnedSimulator;
  let adminToken: string;
  let planId: string;
  let sequence = 0;
  // Each run gets a time slot of its own: the slot, not the wall clock, is what the dedupe key holds.
  let slot = Math.floor(Date.UTC(2031, 0, 1) / INTERVAL_MS);

  const sql = <T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> =>
    testApp.dataSource.query(text, params);

  const sendEvent = (type: string, object: Record<string, unknown>) => {
    const payload = JSON.stringify({
      id: `evt_late_${++sequence}`,
      object: 'event',
      type,
      api_version: '2025-01-01',
      created: nowSeconds(),
      data: { object },
    });
    return request(testApp.http)
      .post('/api/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set(
        'Stripe-Signature',
        offlineStripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
      )
      .send(payload);
  };

  async function customerWithOrder() {
    const email = `late${++sequence}@example.com`;
    const token = (
      await request(testApp.http)
        .post('/api/v1/auth/register')
        .send({ email, password: 'Buyer12345!', full_name: 'Late Hook' })
        .expect(201)
    ).body.access_token as string;
    const checkout = await request(testApp.http)
      .post('/api/v1/checkout')
      .set('Authorization', `Bearer ${token}`)
      .send({ plan_id: planId, billing_cycle: 'monthly' })
      .expect(201);
    return {
      email,
      orderId: checkout.body.order_id as number,
      sessionId: checkout.body.session_id as string,
    };
  }

  /** What Stripe shows once the customer paid: the session the dropped webhook would have carried. */
  const pay = (order: { orderId: number; sessionId: string }) =>
    stripeApi.completeSession(order.sessionId, {
      customer: `cus_${order.orderId}`,
      subscription: `sub_${order.orderId}`,
      amount_total: 1499,
      currency: 'usd',
    });

  /** Ticks the scheduler into a fresh slot and waits for that slot's reconciliation job to finish. */
  async function runReconciliation(
    processes: NestFastifyApplication[] = [testApp.app],
  ): Promise<{ result: ReconciliationResult; jobs: number }> {
    slot += 1;
    const now = new Date(slot * INTERVAL_MS + 1234);
    await Promise.all(processes.map((p) => p.get(JobScheduler).tick(now)));
    const dedupeKey = `cron:stripe-reconciliation:${slot}`;
    const job = await waitFor(`reconciliation job for slot ${slot}`, async () => {
      const [row] = await sql(
        `SELECT status, payload, last_error FROM jobs WHERE dedupe_key = $1`,
        [dedupeKey],
      );
      return row && (row.status === 'succeeded' || row.status === 'failed') ? row : null;
    });
    expect(job).toMatchObject({ status: 'succeeded', last_error: null });
    const [{ jobs }] = await sql(
      `SELECT count(*)::int AS jobs FROM jobs WHERE queue = $1 AND payload->>'slot' = $2`,
      [STRIPE_RECONCILIATION_QUEUE, String(slot)],
    );
    return { result: job.payload.result as ReconciliationResult, jobs };
  }

  const orderRow = async (id: number) => (await sql('SELECT * FROM orders WHERE id = $1', [id]))[0];
  const waitForOrder = (id: number, status: string) =>
    waitFor(`order ${id} to be ${status}`, async () =>
      (await orderRow(id)).status === status ? orderRow(id) : null,
    );
  const countsFor = async (order: { orderId: number; email: string }) =>
    (
      await sql(
        `SELECT (SELECT count(*)::int FROM payments WHERE order_id = o.id) AS payments,
                (SELECT count(*)::int FROM licenses WHERE customer_id = o.customer_id) AS licenses,
                (SELECT count(*)::int FROM hosting_accounts WHERE customer_id = o.customer_id) AS accounts,
                (SELECT count(*)::int FROM email_outbox WHERE recipient = $2 AND template = 'welcome') AS welcome
         FROM orders o WHERE o.id = $1`,
        [order.orderId, order.email],
      )
    )[0];

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
      PANEL_TIMEOUT_MS: '1500',
      STRIPE_SECRET_KEY: 'sk_test_reconcile123',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: stripeApi.baseUrl,
      STRIPE_RECONCILIATION_INTERVAL_MS: String(INTERVAL_MS),
      SMTP_URL: smtp.url,
    });
    // A second API process on the same database, as a second replica would be.
    secondProcess = await createApp(testApp.config, {
      logStream: new Writable({
        write(chunk: Buffer, _encoding, done) {
          testApp.logs.push(chunk.toString());
          done();
        },
      }),
    });
    await secondProcess.init();
    secondProcess.flushLogs();
    adminToken = await loginAs(testApp);
    await addServer(testApp, adminToken, panel, { capacity: 50 });
    planId = (await request(testApp.http).get('/api/v1/plans').expect(200)).body[1].id;
  });
  afterAll(async () => {
    // Closing under a running job (a fulfilment, an email) would fail it on a closed pool.
    await waitFor(
      'the queue to be idle',
      async () => (await sql(`SELECT 1 FROM jobs WHERE status = 'running'`)).length === 0,
    );
    await secondProcess.close();
    await Promise.all([testApp.close(), stripeApi.stop(), smtp.stop(), panel.stop()]);
  });
  afterEach(() => {
    stripeApi.maxPageSize = 100;
  });

  describe('a checkout whose webhook was dropped', () => {
    let order: Awaited<ReturnType<typeof customerWithOrder>>;
    let paidSession: Record<string, unknown>;

    it('is recovered by the job: paid order, license, active account and welcome email, as by the webhook', async () => {
      order = await customerWithOrder();
      paidSession = { ...pay(order) };
      const before = stripeApi.listCalls('/v1/checkout/sessions').length;

      const { result, jobs } = await runReconciliation();
      expect(jobs).toBe(1);
      expect(result).toMatchObject({ skipped: false, errors: [] });
      expect(result.recovered_checkout_sessions).toEqual([order.sessionId]);

      // The SDK asked for completed sessions of the last 48 hours, with our secret key.
      const [call] = stripeApi.listCalls('/v1/checkout/sessions').slice(before);
      expect(call.headers.authorization).toBe('Bearer sk_test_reconcile123');
      expect(call.query).toMatchObject({ status: 'complete', limit: '100' });
      expect(Number(call.query['created[gte]'])).toBeGreaterThanOrEqual(
        nowSeconds() - 48 * HOUR - 60,
      );
      expect(Number(call.query['created[gte]'])).toBeLessThanOrEqual(nowSeconds() - 48 * HOUR);
      const invoiceCall = stripeApi.listCalls('/v1/invoices').at(-1)!;
      expect(invoiceCall.query).toMatchObject({ status: 'paid', limit: '100' });
      expect(invoiceCall.query['created[gte]']).toBe(call.query['created[gte]']);

      const completed = await waitForOrder(order.orderId, 'completed');
      expect(completed.stripe_subscription_id).toBe(`sub_${order.orderId}`);
      const [license] = await sql(`SELECT status FROM licenses WHERE id = $1`, [
        completed.license_id,
      ]);
      expect(license.status).toBe('active');
      const [account] = await sql(`SELECT status, username FROM hosting_accounts WHERE id = $1`, [
        completed.hosting_account_id,
      ]);
      expect(account.status).toBe('active');
      const mail = await waitFor('the welcome email', async () =>
        smtp.to(order.email).find((m) => m.includes('Your hosting account is ready')),
      );
      expect(mail).toContain(account.username);
      expect(
        await sql(`SELECT kind, status, stripe_event_id FROM payments WHERE order_id = $1`, [
          order.orderId,
        ]),
      ).toEqual([
        { kind: 'checkout', status: 'succeeded', stripe_event_id: `reconciled:${order.sessionId}` },
      ]);
      expect(
        await sql(`SELECT type FROM stripe_events WHERE id = $1`, [
          `reconciled:${order.sessionId}`,
        ]),
      ).toEqual([{ type: 'checkout.session.completed' }]);
      expect(testApp.logs.join('')).toContain('Stripe reconciliation recovered payments');
    });

    it('then ignores the real webhook arriving late: still one payment, one account, one welcome email', async () => {
      const late = await sendEvent('checkout.session.completed', paidSession).expect(200);
      expect(late.body).toEqual({ received: true, duplicate: false, handled: false });
      expect(await countsFor(order)).toEqual({ payments: 1, licenses: 1, accounts: 1, welcome: 1 });
    });

    it('and does not recover it a second time on the next run', async () => {
      const { result } = await runReconciliation();
      expect(result.recovered_checkout_sessions).toEqual([]);
      expect(result.checkout_sessions_seen).toBeGreaterThanOrEqual(1);
      expect(await countsFor(order)).toEqual({ payments: 1, licenses: 1, accounts: 1, welcome: 1 });
    });
  });

  it('leaves alone a checkout whose webhook did arrive', async () => {
    const order = await customerWithOrder();
    const session = pay(order);
    await sendEvent('checkout.session.completed', { ...session })
      .expect(200)
      .expect((r) => expect(r.body.handled).toBe(true));
    const { result } = await runReconciliation();
    expect(result.recovered_checkout_sessions).not.toContain(order.sessionId);
    await waitForOrder(order.orderId, 'completed');
    expect((await countsFor(order)).payments).toBe(1);
  });

  it('ignores sessions older than 48 hours, unpaid ones and open ones', async () => {
    const old = await customerWithOrder();
    pay(old);
    stripeApi.updateSession(old.sessionId, { created: nowSeconds() - 49 * HOUR });
    const unpaid = await customerWithOrder();
    stripeApi.completeSession(unpaid.sessionId, { payment_status: 'unpaid' });
    const open = await customerWithOrder();

    const { result } = await runReconciliation();
    expect(result.recovered_checkout_sessions).toEqual([]);
    for (const order of [old, unpaid, open])
      expect((await orderRow(order.orderId)).status).toBe('pending');
    // The old session never even came back from Stripe: the window is the list's own filter.
    const call = stripeApi.listCalls('/v1/checkout/sessions').at(-1)!;
    expect(Number(call.query['created[gte]'])).toBeGreaterThan(nowSeconds() - 49 * HOUR);
    expect(
      await sql(`SELECT 1 FROM payments WHERE order_id = ANY($1)`, [
        [old.orderId, unpaid.orderId, open.orderId],
      ]),
    ).toEqual([]);
  });

  it('follows Stripe’s pagination to the last page', async () => {
    const orders = [
      await customerWithOrder(),
      await customerWithOrder(),
      await customerWithOrder(),
    ];
    orders.forEach(pay);
    stripeApi.maxPageSize = 2;
    const before = stripeApi.listCalls('/v1/checkout/sessions').length;
    const { result } = await runReconciliation();
    expect(result.recovered_checkout_sessions.sort()).toEqual(
      orders.map((o) => o.sessionId).sort(),
    );
    const pages = stripeApi.listCalls('/v1/checkout/sessions').slice(before);
    expect(pages.length).toBe(Math.ceil(result.checkout_sessions_seen / 2));
    expect(pages[0].query.starting_after).toBeUndefined();
    expect(pages.slice(1).every((p) => p.query.starting_after?.startsWith('cs_'))).toBe(true);
    await Promise.all(orders.map((o) => waitForOrder(o.orderId, 'completed')));
  });

  describe('a renewal invoice paid but never delivered', () => {
    let order: Awaited<ReturnType<typeof customerWithOrder>>;
    const subscriptionId = () => `sub_${order.orderId}`;
    const subscription = async () =>
      (
        await sql(`SELECT * FROM subscriptions WHERE stripe_subscription_id = $1`, [
          subscriptionId(),
        ])
      )[0];
    const renewalsOf = async () => {
      const sub = await subscription();
      return sql(
        `SELECT stripe_invoice_id, status, amount_cents FROM payments WHERE subscription_id = $1 AND kind = 'renewal' ORDER BY id`,
        [sub.id],
      );
    };
    const invoice = (fields: Record<string, unknown>) =>
      stripeApi.addInvoice({
        billing_reason: 'subscription_cycle',
        parent: { subscription_details: { subscription: subscriptionId() } },
        amount_paid: 1499,
        amount_due: 1499,
        ...fields,
      });

    beforeAll(async () => {
      order = await customerWithOrder();
      await sendEvent('checkout.session.completed', { ...pay(order) }).expect(200);
      await waitForOrder(order.orderId, 'completed');
    });

    it('is recovered once; the first invoice (the checkout’s) is not a renewal', async () => {
      stripeApi.addInvoice({
        billing_reason: 'subscription_create',
        parent: { subscription_details: { subscription: subscriptionId() } },
        amount_paid: 1499,
      });
      const end = nowSeconds() + 60 * 86400;
      const renewal = invoice({
        lines: { object: 'list', data: [{ period: { start: end - 30 * 86400, end } }] },
      });

      const { result } = await runReconciliation();
      expect(result.recovered_invoices).toEqual([renewal.id]);
      expect(new Date((await subscription()).current_period_end).getTime()).toBe(end * 1000);
      expect(await renewalsOf()).toEqual([
        { stripe_invoice_id: renewal.id, status: 'succeeded', amount_cents: 1499 },
      ]);
      await waitFor('the receipt', async () =>
        smtp.to(order.email).filter((m) => m.includes('Payment received')).length >= 2
          ? true
          : null,
      );

      // The job again, then the real event arriving late: neither pays the invoice twice.
      expect((await runReconciliation()).result.recovered_invoices).toEqual([]);
      const late = await sendEvent('invoice.paid', { ...renewal }).expect(200);
      expect(late.body).toEqual({ received: true, duplicate: false, handled: false });
      expect(await renewalsOf()).toHaveLength(1);
      expect(new Date((await subscription()).current_period_end).getTime()).toBe(end * 1000);
    });

    it('is not recovered when its webhook came first', async () => {
      const end = nowSeconds() + 90 * 86400;
      const delivered = invoice({
        lines: { object: 'list', data: [{ period: { start: end - 30 * 86400, end } }] },
      });
      await sendEvent('invoice.paid', { ...delivered })
        .expect(200)
        .expect((r) => expect(r.body.handled).toBe(true));
      const { result } = await runReconciliation();
      expect(result.recovered_invoices).toEqual([]);
      expect(await renewalsOf()).toHaveLength(2);
    });

    it('is found even when Stripe created it days ago (a retried renewal), through the overdue subscription', async () => {
      // Locally the paid period ended five days ago; Stripe's invoice then is out of the 48 h window.
      const periodEnd = nowSeconds() - 5 * 86400;
      await sql(
        `UPDATE subscriptions SET status = 'past_due', current_period_start = to_timestamp($2), current_period_end = to_timestamp($3) WHERE id = $1`,
        [(await subscription()).id, periodEnd - 30 * 86400, periodEnd],
      );
      const retried = invoice({
        created: periodEnd + 600,
        lines: {
          object: 'list',
          data: [{ period: { start: periodEnd, end: periodEnd + 30 * 86400 } }],
        },
      });
      const stale = stripeApi.addInvoice({
        billing_reason: 'subscription_cycle',
        parent: { subscription_details: { subscription: 'sub_somebody_else' } },
        created: nowSeconds() - 4 * 86400,
        amount_paid: 999,
      });

      const { result } = await runReconciliation();
      expect(result.recovered_invoices).toEqual([retried.id]);
      expect(result.recovered_invoices).not.toContain(stale.id);
      const asked = stripeApi
        .listCalls('/v1/invoices')
        .find((c) => c.query.subscription === subscriptionId());
      expect(Number(asked!.query['created[gte]'])).toBe(periodEnd - 86400);
      expect(await subscription()).toMatchObject({ status: 'active' });
      expect(new Date((await subscription()).current_period_end).getTime()).toBe(
        (periodEnd + 30 * 86400) * 1000,
      );
    });
  });

  it('runs once per slot across two API processes, and records what it found on the job', async () => {
    const before = stripeApi.listCalls('/v1/checkout/sessions').length;
    const { result, jobs } = await runReconciliation([testApp.app, secondProcess, testApp.app]);
    expect(jobs).toBe(1);
    expect(stripeApi.listCalls('/v1/checkout/sessions').length - before).toBe(1);
    // A late tick in the same slot, from either process, adds nothing.
    await secondProcess.get(JobScheduler).tick(new Date(slot * INTERVAL_MS + INTERVAL_MS - 1));
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM jobs WHERE dedupe_key = $1`, [
      `cron:stripe-reconciliation:${slot}`,
    ]);
    expect(n).toBe(1);

    const listed = await request(testApp.http)
      .get(`/api/v1/jobs?queue=${STRIPE_RECONCILIATION_QUEUE}&status=succeeded`)
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    const job = listed.body.items.find(
      (j: { payload: { slot: number } }) => j.payload.slot === slot,
    );
    expect(job.payload.result).toEqual(result);
    expect(result).toMatchObject({
      skipped: false,
      since: expect.any(String),
      checkout_sessions_seen: expect.any(Number),
      invoices_seen: expect.any(Number),
      recovered_checkout_sessions: [],
      recovered_invoices: [],
      errors: [],
    });
  });

  it('fails the run visibly when Stripe cannot be reached, and recovers on the next one', async () => {
    const order = await customerWithOrder();
    pay(order);
    stripeApi.failNext = 1;
    slot += 1;
    await testApp.app.get(JobScheduler).tick(new Date(slot * INTERVAL_MS));
    const failed = await waitFor('the failed run', async () => {
      const [row] = await sql(`SELECT status, last_error FROM jobs WHERE dedupe_key = $1`, [
        `cron:stripe-reconciliation:${slot}`,
      ]);
      return row?.status === 'failed' ? row : null;
    });
    expect(failed.last_error).toContain('Stub refused the request');
    stripeApi.failNext = 0;
    const { result } = await runReconciliation();
    expect(result.recovered_checkout_sessions).toEqual([order.sessionId]);
    await waitForOrder(order.orderId, 'completed');
  });
});

describe('Stripe reconciliation without Stripe keys', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('is not scheduled, and a run does nothing and does not fail', async () => {
    await testApp.app.get(JobScheduler).tick(new Date(Date.UTC(2031, 0, 1)));
    expect(
      await testApp.dataSource.query(`SELECT 1 FROM jobs WHERE queue = $1`, [
        STRIPE_RECONCILIATION_QUEUE,
      ]),
    ).toEqual([]);

    expect(await testApp.app.get(StripeReconciliation).reconcile()).toMatchObject({
      skipped: true,
      recovered_checkout_sessions: [],
      recovered_invoices: [],
      errors: [],
    });
    // A job left from when keys were configured still finishes cleanly.
    const queue = testApp.app.get(JobQueue);
    const id = await queue.enqueue({ queue: STRIPE_RECONCILIATION_QUEUE, payload: { slot: 1 } });
    await queue.drain();
    const [job] = await testApp.dataSource.query(
      `SELECT status, last_error, payload FROM jobs WHERE id = $1`,
      [id],
    );
    expect(job).toMatchObject({ status: 'succeeded', last_error: null });
    expect(job.payload.result).toMatchObject({ skipped: true });
  });
});
