import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { AutomationRunDetailResponse, AutomationRunResponse } from '@nextpanel/shared';
import Stripe from 'stripe';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app/create-app';
import { JobQueue } from '../src/jobs/job-queue.service';
import { JobScheduler } from '../src/jobs/job-scheduler';
import { loginAs } from './support/auth-helpers';
import { addServer, insertCustomer } from './support/fixtures';
import {
  clearFaults,
  setFaults,
  spawnSimulator,
  SpawnedSimulator,
} from './support/panel-simulator';
import { SmtpSink } from './support/smtp-sink';
import { StripeApiStub } from './support/stripe-api-stub';
import { createTestApp, TestApp } from './support/test-app';

const WEBHOOK_SECRET = 'whsec_automationsecret0123456789';
const offlineStripe = new Stripe('sk_test_offline');
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const PASSWORD = 'Automate123!';

describe('billing automation', () => {
  let testApp: TestApp;
  let secondProcess: NestFastifyApplication;
  let panel: SpawnedSimulator;
  let downPanel: SpawnedSimulator;
  let smtp: SmtpSink;
  let stripeApi: StripeApiStub;
  let token: string;
  let serverId: number;
  let downServerId: number;
  let planId: string;
  let sequence = 0;
  /** The hour slots the tests tick, one new slot per run: a slot's job is scheduled only once. */
  let slotCounter = 0;
  const firstSlot = Math.floor(Date.now() / HOUR) * HOUR;

  const sql = <T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> =>
    testApp.dataSource.query(text, params);
  const auth = <T extends request.Test>(test: T, bearer = token): T =>
    test.set('Authorization', `Bearer ${bearer}`) as T;
  const jobs = () => testApp.app.get(JobQueue);

  const nextSlot = (): Date => new Date(firstSlot + ++slotCounter * HOUR);

  /** Ticks the scheduler at `at` (from `app`) and runs whatever is due. Returns the slot's run. */
  const runScheduled = async (
    at: Date,
    app: NestFastifyApplication = testApp.app,
  ): Promise<AutomationRunDetailResponse> => {
    await app.get(JobScheduler).tick(at);
    await jobs().drain();
    const [run] = await sql<{ id: string }>(
      `SELECT id FROM automation_runs WHERE trigger = 'schedule' AND as_of = $1`,
      [at],
    );
    expect(run).toBeDefined();
    return (await auth(request(testApp.http).get(`/api/v1/automation/runs/${run.id}`)).expect(200))
      .body;
  };

  const itemsOf = (run: AutomationRunDetailResponse, licenseId: number) =>
    run.items.filter((item) => item.license_id === licenseId);

  /** A customer with a license (a subscription billed by hand) and, optionally, accounts on it. */
  const customerWithLicense = async (options: { accounts?: number; server?: number } = {}) => {
    const customer = await insertCustomer(testApp, { fullName: 'Ada Lovelace' });
    const license = await auth(
      request(testApp.http).post(`/api/v1/customers/${customer.id}/licenses`),
    )
      .send({ plan_id: planId, billing_cycle: 'monthly' })
      .expect(201);
    const accounts: Array<{ id: number; panelUserId: number }> = [];
    for (let i = 0; i < (options.accounts ?? 0); i += 1) {
      sequence += 1;
      const provisioned = await auth(request(testApp.http).post('/api/v1/nextpanel/provision'))
        .send({
          customer_id: customer.id,
          username: `auto${sequence}`,
          password: PASSWORD,
          license_id: license.body.id,
          server_id: options.server ?? serverId,
        })
        .expect(201);
      accounts.push({
        id: provisioned.body.account_id as number,
        panelUserId: provisioned.body.nextpanel_user_id as number,
      });
    }
    return {
      customer,
      licenseId: license.body.id as number,
      subscriptionId: license.body.subscription.id as number,
      accounts,
    };
  };

  /** Moves a subscription's paid period so that it ends at `end` (30 days long). */
  const periodEndsAt = (
    subscriptionId: number,
    end: Date,
    changes: { status?: string; stripe?: string; cancelAtPeriodEnd?: boolean } = {},
  ) =>
    sql(
      `UPDATE subscriptions SET current_period_start = $2, current_period_end = $3,
              status = COALESCE($4, status), stripe_subscription_id = COALESCE($5, stripe_subscription_id),
              cancel_at_period_end = COALESCE($6, cancel_at_period_end)
       WHERE id = $1`,
      [
        subscriptionId,
        new Date(end.getTime() - 30 * DAY),
        end,
        changes.status ?? null,
        changes.stripe ?? null,
        changes.cancelAtPeriodEnd ?? null,
      ],
    );

  const licenseStatus = async (id: number) =>
    (await sql(`SELECT status FROM licenses WHERE id = $1`, [id]))[0].status as string;
  const account = async (id: number) =>
    (await sql(`SELECT * FROM hosting_accounts WHERE id = $1`, [id]))[0];
  const onPanel = async (sim: SpawnedSimulator, panelUserId: number) => {
    const response = await fetch(`${sim.url}/__control/accounts/${panelUserId}`, {
      headers: sim.controlHeaders,
    });
    return response.status === 404 ? null : ((await response.json()) as { status: string });
  };
  const outbox = (recipient: string, template: string) =>
    sql<{ subject: string; dedupe_key: string }>(
      `SELECT subject, dedupe_key FROM email_outbox WHERE recipient = $1 AND template = $2 ORDER BY id`,
      [recipient, template],
    );

  const sendStripeEvent = (type: string, object: Record<string, unknown>) => {
    const payload = JSON.stringify({
      id: `evt_auto_${Date.now()}_${++sequence}`,
      object: 'event',
      type,
      api_version: '2025-01-01',
      created: Math.floor(Date.now() / 1000),
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

  /** Stripe telling us the renewal invoice of `stripeSubscriptionId` was paid: 30 more days. */
  const renewalPaid = (stripeSubscriptionId: string) => {
    const end = Math.floor(Date.now() / 1000) + 30 * 86400;
    return sendStripeEvent('invoice.paid', {
      id: `in_auto_${++sequence}`,
      object: 'invoice',
      billing_reason: 'subscription_cycle',
      parent: { subscription_details: { subscription: stripeSubscriptionId } },
      amount_paid: 1499,
      currency: 'usd',
      lines: { data: [{ period: { start: end - 30 * 86400, end } }] },
    }).expect(200);
  };

  const changeSettings = (body: object) =>
    auth(request(testApp.http).put('/api/v1/automation/settings')).send(body);

  beforeAll(async () => {
    [panel, downPanel, smtp, stripeApi] = await Promise.all([
      spawnSimulator(),
      spawnSimulator(),
      new SmtpSink().start(),
      new StripeApiStub().start(),
    ]);
    testApp = await createTestApp({
      SMTP_URL: smtp.url,
      // A panel failure is retried a minute later: within a test the action stays queued.
      JOBS_RETRY_BASE_MS: '60000',
      PANEL_TIMEOUT_MS: '3000',
      STRIPE_SECRET_KEY: 'sk_test_automation',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: stripeApi.baseUrl,
      AUTOMATION_INTERVAL_MS: String(HOUR),
    });
    // A second API process on the same database, as a second replica would be.
    secondProcess = await createApp(testApp.config);
    await secondProcess.init();
    token = await loginAs(testApp);
    serverId = (await addServer(testApp, token, panel)).id;
    downServerId = (await addServer(testApp, token, downPanel)).id;
    const plans = await auth(request(testApp.http).get('/api/v1/plans')).expect(200);
    planId = plans.body.find((p: { name: string }) => p.name === 'Starter').id;
  });
  afterAll(async () => {
    await secondProcess?.close();
    await Promise.all([
      testApp.close(),
      panel.stop(),
      downPanel.stop(),
      smtp.stop(),
      stripeApi.stop(),
    ]);
  });

  it('sends the 7-day and the 1-day expiry warning once each, however often and from however many processes it runs', async () => {
    const { customer, licenseId, subscriptionId } = await customerWithLicense();
    const first = nextSlot();
    await periodEndsAt(subscriptionId, new Date(first.getTime() + 6.5 * DAY));

    // Both processes propose the same slot: one run.
    await Promise.all([
      testApp.app.get(JobScheduler).tick(first),
      secondProcess.get(JobScheduler).tick(first),
    ]);
    const run = await runScheduled(first);
    expect(
      await sql(`SELECT count(*)::int AS n FROM automation_runs WHERE as_of = $1`, [first]),
    ).toEqual([{ n: 1 }]);
    expect(run).toMatchObject({
      trigger: 'schedule',
      status: 'succeeded',
      as_of: first.toISOString(),
    });
    expect(itemsOf(run, licenseId)).toEqual([
      expect.objectContaining({
        kind: 'expiry_warning',
        outcome: 'done',
        subscription_id: subscriptionId,
        customer_email: customer.email,
        detail: expect.stringContaining('7-day warning'),
      }),
    ]);

    // The next hours (either process) send nothing new, nor does a second run in the same hour.
    await runScheduled(nextSlot(), secondProcess);
    await runScheduled(nextSlot());
    expect(await outbox(customer.email, 'expiry_warning')).toHaveLength(1);

    // A day before the end: the 1-day warning, once.
    const dayBefore = new Date(first.getTime() + 6 * DAY);
    const later = await runScheduled(dayBefore, secondProcess);
    expect(itemsOf(later, licenseId).map((i) => i.detail)).toEqual([
      expect.stringContaining('1-day warning'),
    ]);
    await runScheduled(new Date(dayBefore.getTime() + HOUR));
    const warnings = await outbox(customer.email, 'expiry_warning');
    expect(warnings.map((w) => w.subject)).toEqual([
      'Your Starter plan ends in 7 days',
      'Your Starter plan ends tomorrow',
    ]);
    const end = new Date(first.getTime() + 6.5 * DAY).toISOString();
    expect(warnings.map((w) => w.dedupe_key)).toEqual([
      `expiry:${subscriptionId}:${end}:7d`,
      `expiry:${subscriptionId}:${end}:1d`,
    ]);
    const delivered = smtp.to(customer.email);
    expect(delivered).toHaveLength(2);
    expect(delivered[0]).toContain('does not renew by itself');
    const audit = await sql(
      `SELECT actor_type, actor_label FROM audit_log WHERE action = 'automation.expiry_warning' AND entity_id = $1`,
      [String(subscriptionId)],
    );
    expect(audit).toEqual([
      { actor_type: 'system', actor_label: 'automation.run' },
      { actor_type: 'system', actor_label: 'automation.run' },
    ]);
  });

  it('reminds a customer once before Stripe renews the subscription by itself', async () => {
    const { customer, licenseId, subscriptionId } = await customerWithLicense();
    const at = nextSlot();
    await periodEndsAt(subscriptionId, new Date(at.getTime() + 5 * DAY), {
      stripe: `sub_remind_${licenseId}`,
    });
    const run = await runScheduled(at);
    expect(itemsOf(run, licenseId)).toEqual([
      expect.objectContaining({ kind: 'renewal_reminder', outcome: 'done' }),
    ]);
    await runScheduled(nextSlot());
    const reminders = await outbox(customer.email, 'renewal_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].subject).toMatch(/^Your Starter plan renews on /);
    expect(await outbox(customer.email, 'expiry_warning')).toHaveLength(0);
  });

  it('suspends an overdue license and its account for non-payment; the renewal payment brings both back', async () => {
    const { customer, licenseId, subscriptionId, accounts } = await customerWithLicense({
      accounts: 1,
    });
    const [hosting] = accounts;
    const at = nextSlot();
    const stripeId = `sub_overdue_${licenseId}`;
    // Stripe's renewal failed four days ago (past the default three days of grace).
    await periodEndsAt(subscriptionId, new Date(at.getTime() - 4 * DAY), {
      status: 'past_due',
      stripe: stripeId,
    });

    const run = await runScheduled(at);
    expect(itemsOf(run, licenseId)).toEqual([
      expect.objectContaining({
        kind: 'suspend_license',
        outcome: 'done',
        detail: expect.stringContaining('Payment overdue'),
      }),
      expect.objectContaining({
        kind: 'suspend_account',
        outcome: 'done',
        account_id: hosting.id,
        account_username: expect.stringMatching(/^auto\d+$/),
      }),
    ]);
    expect(run.counts).toMatchObject({ suspend_license: 1, suspend_account: 1 });
    expect(await licenseStatus(licenseId)).toBe('suspended');
    expect(await account(hosting.id)).toMatchObject({
      status: 'suspended',
      suspension_kind: 'non_payment',
      status_reason: expect.stringContaining('Payment overdue'),
    });
    expect((await onPanel(panel, hosting.panelUserId))?.status).toBe('suspended');
    const [licenseEvent] = await sql(
      `SELECT actor, to_status FROM license_events WHERE license_id = $1 ORDER BY id DESC LIMIT 1`,
      [licenseId],
    );
    expect(licenseEvent).toEqual({ actor: 'system:automation.run', to_status: 'suspended' });
    const audit = await sql(
      `SELECT action, actor_type, actor_label FROM audit_log
       WHERE (entity_type = 'license' AND entity_id = $1) OR (entity_type = 'account' AND entity_id = $2)
       ORDER BY id`,
      [String(licenseId), String(hosting.id)],
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'license.suspend', actor_type: 'system', actor_label: 'automation.run' },
        // The panel call runs as the account action job; its event names the automation.
        expect.objectContaining({ action: 'account.suspend', actor_type: 'system' }),
      ]),
    );
    const [accountEvent] = await sql(
      `SELECT actor, to_status FROM account_events WHERE account_id = $1 ORDER BY id DESC LIMIT 1`,
      [hosting.id],
    );
    expect(accountEvent).toEqual({ actor: 'system:automation.run', to_status: 'suspended' });
    expect(smtp.to(customer.email).some((m) => m.includes('is suspended'))).toBe(true);

    // Later runs in the same overdue period change nothing.
    const again = await runScheduled(nextSlot());
    expect(itemsOf(again, licenseId)).toEqual([]);

    // Stripe retries the card and it goes through: the real webhook path.
    await renewalPaid(stripeId);
    await jobs().drain();
    expect(await licenseStatus(licenseId)).toBe('active');
    expect(await account(hosting.id)).toMatchObject({ status: 'active', suspension_kind: null });
    expect((await onPanel(panel, hosting.panelUserId))?.status).toBe('active');
    const paymentRuns = await auth(
      request(testApp.http).get('/api/v1/automation/runs').query({ trigger: 'payment' }),
    ).expect(200);
    const paymentRun = paymentRuns.body.items[0] as AutomationRunResponse;
    expect(paymentRun).toMatchObject({ trigger: 'payment', status: 'succeeded' });
    const detail = (
      await auth(request(testApp.http).get(`/api/v1/automation/runs/${paymentRun.id}`)).expect(200)
    ).body as AutomationRunDetailResponse;
    expect(detail.items.map((i) => [i.kind, i.outcome, i.license_id])).toEqual([
      ['reactivate_license', 'done', licenseId],
      ['unsuspend_account', 'done', licenseId],
    ]);
    const [lifted] = await sql(
      `SELECT actor FROM account_events WHERE account_id = $1 ORDER BY id DESC LIMIT 1`,
      [hosting.id],
    );
    expect(lifted.actor).toBe('system:automation.payment-received');

    // Paid up: the next run leaves it alone.
    expect(itemsOf(await runScheduled(nextSlot()), licenseId)).toEqual([]);
  });

  it('never lifts a suspension an administrator made by hand, even when the payment arrives', async () => {
    const { licenseId, subscriptionId, accounts } = await customerWithLicense({ accounts: 2 });
    const [unpaid, byHand] = accounts;
    const stripeId = `sub_byhand_${licenseId}`;
    const at = nextSlot();
    await periodEndsAt(subscriptionId, new Date(at.getTime() - 5 * DAY), {
      status: 'past_due',
      stripe: stripeId,
    });
    await runScheduled(at);
    expect((await account(byHand.id)).suspension_kind).toBe('non_payment');

    // An admin suspends one of them too (abuse): the suspension is now the admin's.
    await auth(request(testApp.http).post(`/api/v1/nextpanel/accounts/${byHand.id}/suspend`))
      .send({ reason: 'Abuse report' })
      .expect(200);
    expect(await account(byHand.id)).toMatchObject({
      status: 'suspended',
      suspension_kind: 'admin',
    });

    await renewalPaid(stripeId);
    await jobs().drain();
    expect(await licenseStatus(licenseId)).toBe('active');
    expect(await account(unpaid.id)).toMatchObject({ status: 'active' });
    expect(await account(byHand.id)).toMatchObject({
      status: 'suspended',
      suspension_kind: 'admin',
      status_reason: 'Abuse report',
    });
    expect((await onPanel(panel, byHand.panelUserId))?.status).toBe('suspended');
    const [run] = await sql<{ id: string }>(
      `SELECT run_id AS id FROM automation_run_items WHERE account_id = $1 AND kind = 'unsuspend_account'`,
      [byHand.id],
    );
    const detail = (
      await auth(request(testApp.http).get(`/api/v1/automation/runs/${run.id}`)).expect(200)
    ).body as AutomationRunDetailResponse;
    expect(detail.items.find((i) => i.account_id === byHand.id)).toMatchObject({
      outcome: 'skipped',
      detail: 'Suspended by an administrator; only an administrator lifts it',
    });

    // Nor does the hourly run.
    await runScheduled(nextSlot());
    expect(await account(byHand.id)).toMatchObject({
      status: 'suspended',
      suspension_kind: 'admin',
    });
  });

  it('lets an administrator undo a suspension: it is not imposed again for the same period', async () => {
    const { licenseId, subscriptionId, accounts } = await customerWithLicense({ accounts: 1 });
    const at = nextSlot();
    await periodEndsAt(subscriptionId, new Date(at.getTime() - 10 * DAY));
    await runScheduled(at);
    expect(await licenseStatus(licenseId)).toBe('suspended');

    await auth(request(testApp.http).post(`/api/v1/licenses/${licenseId}/reactivate`))
      .send({})
      .expect(200);
    expect(await licenseStatus(licenseId)).toBe('active');
    expect((await account(accounts[0].id)).status).toBe('active');

    const next = await runScheduled(nextSlot());
    expect(itemsOf(next, licenseId)).toEqual([]);
    expect(await licenseStatus(licenseId)).toBe('active');
    expect((await account(accounts[0].id)).status).toBe('active');
  });

  it('expires a license whose subscription was cancelled once its paid period is over', async () => {
    const { customer, licenseId, subscriptionId, accounts } = await customerWithLicense({
      accounts: 1,
    });
    const at = nextSlot();
    await periodEndsAt(subscriptionId, new Date(at.getTime() + 3 * DAY), {
      cancelAtPeriodEnd: true,
      stripe: `sub_cancelled_${licenseId}`,
    });
    // Cancelled at period end: an expiry warning rather than a renewal reminder.
    const before = await runScheduled(at);
    expect(itemsOf(before, licenseId).map((i) => i.kind)).toEqual(['expiry_warning']);
    expect((await outbox(customer.email, 'expiry_warning'))[0].subject).toBe(
      'Your Starter plan ends in 3 days',
    );

    await periodEndsAt(subscriptionId, new Date(at.getTime() - HOUR));
    const after = await runScheduled(nextSlot());
    expect(itemsOf(after, licenseId).map((i) => [i.kind, i.outcome])).toEqual([
      ['expire_license', 'done'],
      ['suspend_account', 'done'],
    ]);
    expect(await licenseStatus(licenseId)).toBe('expired');
    expect(await account(accounts[0].id)).toMatchObject({
      status: 'suspended',
      suspension_kind: 'non_payment',
    });
  });

  it('terminates accounts suspended for non-payment for M days, only when that is switched on', async () => {
    const { licenseId, subscriptionId, accounts } = await customerWithLicense({ accounts: 1 });
    const [hosting] = accounts;
    const at = nextSlot();
    await periodEndsAt(subscriptionId, new Date(at.getTime() - 40 * DAY));
    await runScheduled(at);
    expect((await account(hosting.id)).suspension_kind).toBe('non_payment');
    // The suspension is 31 days old.
    await sql(
      `UPDATE account_events SET created_at = created_at - interval '31 days' WHERE account_id = $1 AND to_status = 'suspended'`,
      [hosting.id],
    );

    const off = await runScheduled(nextSlot());
    expect(itemsOf(off, licenseId)).toEqual([]);
    expect((await account(hosting.id)).status).toBe('suspended');

    await changeSettings({ terminate_enabled: true, terminate_after_days_suspended: 30 }).expect(
      200,
    );
    try {
      const on = await runScheduled(nextSlot());
      expect(itemsOf(on, licenseId).map((i) => [i.kind, i.outcome])).toEqual([
        ['cancel_license', 'done'],
        ['terminate_account', 'done'],
      ]);
      expect(await licenseStatus(licenseId)).toBe('cancelled');
      expect((await account(hosting.id)).status).toBe('terminated');
      expect(await onPanel(panel, hosting.panelUserId)).toBeNull();
    } finally {
      await changeSettings({ terminate_enabled: false }).expect(200);
    }
  });

  it('records what failed: a panel that is down leaves the suspension queued, a refusal fails the item, the rest carry on', async () => {
    const down = await customerWithLicense({ accounts: 1, server: downServerId });
    const refused = await customerWithLicense({ accounts: 1 });
    const at = nextSlot();
    for (const { subscriptionId } of [down, refused])
      await periodEndsAt(subscriptionId, new Date(at.getTime() - 4 * DAY));
    // The panel answers 500 to everything; the other panel no longer knows the account.
    await setFaults(downPanel, { failure_rate: 1 });
    await sql(`UPDATE hosting_accounts SET nextpanel_user_id = 999999 WHERE id = $1`, [
      refused.accounts[0].id,
    ]);
    try {
      const run = await runScheduled(at);
      expect(run.status).toBe('partial');
      expect(run.failed_items).toBeGreaterThanOrEqual(1);
      const queued = itemsOf(run, down.licenseId);
      expect(queued.map((i) => [i.kind, i.outcome])).toEqual([
        ['suspend_license', 'done'],
        ['suspend_account', 'queued'],
      ]);
      expect(queued[1].account_action).toMatchObject({
        status: 'queued',
        last_error: expect.stringContaining(`Server "`),
      });
      const failed = itemsOf(run, refused.licenseId);
      expect(failed.map((i) => [i.kind, i.outcome])).toEqual([
        ['suspend_license', 'done'],
        ['suspend_account', 'failed'],
      ]);
      expect(failed[1].detail).toMatch(/does not know this account.*\(PANEL_ACCOUNT_MISSING\)$/);
      // Nothing changed where the panel did not confirm.
      expect(await account(down.accounts[0].id)).toMatchObject({ status: 'active' });

      // The next run tries the failed account again; the queued one is the queue's to retry.
      const next = await runScheduled(nextSlot());
      expect(itemsOf(next, down.licenseId)).toEqual([]);
      expect(itemsOf(next, refused.licenseId).map((i) => [i.kind, i.outcome])).toEqual([
        ['suspend_account', 'failed'],
      ]);
    } finally {
      await clearFaults(downPanel);
      await sql(`UPDATE hosting_accounts SET nextpanel_user_id = $2 WHERE id = $1`, [
        refused.accounts[0].id,
        refused.accounts[0].panelUserId,
      ]);
    }
    // The panel is back and the queue's retry comes due: the run shows where the action stands.
    await sql(
      `UPDATE jobs SET run_at = now() WHERE queue = 'accounts.action' AND status = 'queued'`,
    );
    await jobs().drain();
    expect(await account(down.accounts[0].id)).toMatchObject({
      status: 'suspended',
      suspension_kind: 'non_payment',
    });
    const [runOfQueued] = await sql<{ run_id: string }>(
      `SELECT run_id FROM automation_run_items WHERE account_id = $1`,
      [down.accounts[0].id],
    );
    const detail = (
      await auth(request(testApp.http).get(`/api/v1/automation/runs/${runOfQueued.run_id}`)).expect(
        200,
      )
    ).body as AutomationRunDetailResponse;
    expect(
      detail.items.find((i) => i.account_id === down.accounts[0].id)?.account_action,
    ).toMatchObject({ status: 'succeeded', last_error: null });
  });

  it('runs one at a time: a run waits while another process holds the automation', async () => {
    const holder = testApp.app.get<DataSource>(getDataSourceToken()).createQueryRunner();
    await holder.connect();
    const at = nextSlot();
    try {
      await holder.query(`SELECT pg_advisory_lock(7464270000::bigint)`);
      await testApp.app.get(JobScheduler).tick(at);
      await jobs().drain();
      expect(await sql(`SELECT 1 FROM automation_runs WHERE as_of = $1`, [at])).toHaveLength(0);
      const [job] = await sql(
        `SELECT status, attempts, last_error FROM jobs WHERE dedupe_key = $1`,
        [`cron:automation:${Math.floor(at.getTime() / HOUR)}`],
      );
      expect(job).toMatchObject({
        status: 'queued',
        attempts: 0,
        last_error: 'Another automation run is in progress',
      });
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(7464270000::bigint)`);
      await holder.release();
    }
    await sql(
      `UPDATE jobs SET run_at = now() WHERE queue = 'automation.run' AND status = 'queued'`,
    );
    await jobs().drain();
    expect(await sql(`SELECT status FROM automation_runs WHERE as_of = $1`, [at])).toEqual([
      { status: 'succeeded' },
    ]);
  });

  describe('the endpoints', () => {
    let customerToken: string;
    beforeAll(async () => {
      const customer = await insertCustomer(testApp);
      customerToken = await loginAs(testApp, {
        email: customer.email,
        password: customer.password,
      });
    });

    it('reads and changes the settings, validating every field', async () => {
      const defaults = await auth(request(testApp.http).get('/api/v1/automation/settings')).expect(
        200,
      );
      expect(defaults.body).toEqual({
        enabled: true,
        expiry_warning_days: [7, 1],
        renewal_reminder_days: 7,
        suspend_enabled: true,
        suspend_after_days_overdue: 3,
        unsuspend_on_payment: true,
        terminate_enabled: false,
        terminate_after_days_suspended: 30,
      });

      for (const [body, field] of [
        [{ suspend_after_days_overdue: -1 }, 'suspend_after_days_overdue'],
        [{ suspend_after_days_overdue: 2.5 }, 'suspend_after_days_overdue'],
        [{ terminate_after_days_suspended: 0 }, 'terminate_after_days_suspended'],
        [{ renewal_reminder_days: 91 }, 'renewal_reminder_days'],
        [{ expiry_warning_days: [7, 'x'] }, 'expiry_warning_days'],
        [{ expiry_warning_days: [1, 2, 3, 4, 5, 6] }, 'expiry_warning_days'],
        [{ expiry_warning_days: [0] }, 'expiry_warning_days'],
        [{ terminate_enabled: 'yes' }, 'terminate_enabled'],
        [{ enabled: null }, 'enabled'],
        [{ unknown_setting: 1 }, 'unknown_setting'],
      ] as const) {
        const refused = await changeSettings(body).expect(400);
        expect(refused.body).toMatchObject({
          statusCode: 400,
          error: 'Bad Request',
          code: 'VALIDATION_FAILED',
          details: expect.arrayContaining([expect.objectContaining({ field })]),
        });
      }

      const changed = await changeSettings({
        expiry_warning_days: [1, 14, 1],
        suspend_after_days_overdue: 5,
      }).expect(200);
      expect(changed.body).toMatchObject({
        expiry_warning_days: [14, 1],
        suspend_after_days_overdue: 5,
        terminate_enabled: false,
      });
      const [audit] = await sql(
        `SELECT actor_type, before, after FROM audit_log WHERE action = 'settings.update' AND entity_id = 'automation'
         ORDER BY id DESC LIMIT 1`,
      );
      expect(audit).toMatchObject({
        actor_type: 'admin',
        before: { suspend_after_days_overdue: 3 },
        after: { suspend_after_days_overdue: 5, expiry_warning_days: [14, 1] },
      });
      await changeSettings({ expiry_warning_days: [7, 1], suspend_after_days_overdue: 3 }).expect(
        200,
      );
    });

    it('refuses customers (403) and anonymous callers (401) everywhere', async () => {
      const routes: Array<[string, string]> = [
        ['get', '/api/v1/automation/settings'],
        ['put', '/api/v1/automation/settings'],
        ['get', '/api/v1/automation/runs'],
        ['get', '/api/v1/automation/runs/1'],
        ['post', '/api/v1/automation/run'],
      ];
      for (const [method, path] of routes) {
        const call = (
          request(testApp.http) as unknown as Record<string, (p: string) => request.Test>
        )[method](path);
        const forbidden = await auth(call, customerToken).send({}).expect(403);
        expect(forbidden.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
        const anonymous = (
          request(testApp.http) as unknown as Record<string, (p: string) => request.Test>
        )[method](path);
        await anonymous.send({}).expect(401);
      }
      // API keys are refused whatever their scopes: these settings delete customers' accounts.
      const key = await auth(request(testApp.http).post('/api/v1/api-keys'))
        .send({ name: 'Everything', scopes: ['customers:read', 'licenses:write'] })
        .expect(201);
      const refused = await auth(
        request(testApp.http).get('/api/v1/automation/runs'),
        key.body.secret as string,
      ).expect(403);
      expect(refused.body.code).toBe('API_KEY_NOT_ALLOWED');
      expect(await sql(`SELECT 1 FROM automation_runs WHERE trigger = 'manual'`)).toHaveLength(0);
    });

    it('runs now on request, one run at a time, and not while switched off', async () => {
      // A run left open by a process that died (its job is over) does not block the next one.
      const [deadJob] = await sql(
        `INSERT INTO jobs (queue, status, attempts, max_attempts) VALUES ('automation.run', 'failed', 1, 1) RETURNING id`,
      );
      const [stale] = await sql(
        `INSERT INTO automation_runs (trigger, status, as_of, job_id, started_at)
         VALUES ('schedule', 'running', now(), $1, now()) RETURNING id`,
        [deadJob.id],
      );
      const queued = await auth(request(testApp.http).post('/api/v1/automation/run')).expect(202);
      expect(queued.body).toMatchObject({
        trigger: 'manual',
        status: 'queued',
        requested_by: 'admin:1',
        started_at: null,
      });
      expect(
        await sql(`SELECT status, error FROM automation_runs WHERE id = $1`, [stale.id]),
      ).toEqual([{ status: 'failed', error: 'Interrupted: its job ended before the run did' }]);
      const busy = await auth(request(testApp.http).post('/api/v1/automation/run')).expect(409);
      expect(busy.body).toMatchObject({
        code: 'AUTOMATION_RUN_IN_PROGRESS',
        message: `Run #${queued.body.id} is queued; runs go one at a time`,
      });
      await jobs().drain();
      const done = await auth(
        request(testApp.http).get(`/api/v1/automation/runs/${queued.body.id}`),
      ).expect(200);
      expect(done.body).toMatchObject({
        status: 'succeeded',
        duration_ms: expect.any(Number),
        finished_at: expect.any(String),
      });
      // The request is the admin's (audited as such); the run itself acts as the automation.
      const [audit] = await sql(
        `SELECT actor_label FROM audit_log WHERE action = 'automation.run' AND entity_id = $1`,
        [queued.body.id],
      );
      expect(audit.actor_label).toBe('admin@test.com');

      await changeSettings({ enabled: false }).expect(200);
      try {
        const off = await auth(request(testApp.http).post('/api/v1/automation/run')).expect(409);
        expect(off.body.code).toBe('AUTOMATION_DISABLED');
        const at = nextSlot();
        await testApp.app.get(JobScheduler).tick(at);
        await jobs().drain();
        expect(await sql(`SELECT 1 FROM automation_runs WHERE as_of = $1`, [at])).toHaveLength(0);
      } finally {
        await changeSettings({ enabled: true }).expect(200);
      }
    });

    it('lists runs newest first, with filters, and answers 404/400 for unknown or malformed ids', async () => {
      const all = await auth(
        request(testApp.http).get('/api/v1/automation/runs').query({ page_size: 3 }),
      ).expect(200);
      expect(all.body).toMatchObject({ page: 1, page_size: 3 });
      expect(all.body.items).toHaveLength(3);
      const ids = all.body.items.map((r: AutomationRunResponse) => Number(r.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(all.body.total).toBeGreaterThan(3);

      const acted = await auth(
        request(testApp.http)
          .get('/api/v1/automation/runs')
          .query({ with_items: 'true', page_size: 100 }),
      ).expect(200);
      expect(acted.body.items.every((r: AutomationRunResponse) => r.total_items > 0)).toBe(true);
      const partial = await auth(
        request(testApp.http).get('/api/v1/automation/runs').query({ status: 'partial' }),
      ).expect(200);
      expect(partial.body.total).toBeGreaterThanOrEqual(1);

      await auth(
        request(testApp.http).get('/api/v1/automation/runs').query({ status: 'odd' }),
      ).expect(400);
      await auth(
        request(testApp.http).get('/api/v1/automation/runs').query({ with_items: 'maybe' }),
      ).expect(400);
      const missing = await auth(
        request(testApp.http).get('/api/v1/automation/runs/999999'),
      ).expect(404);
      expect(missing.body).toMatchObject({
        code: 'NOT_FOUND',
        message: 'Automation run not found',
      });
      await auth(request(testApp.http).get('/api/v1/automation/runs/abc')).expect(400);
    });

    it('documents the endpoints with the shared field names', async () => {
      const { body: docs } = await request(testApp.http).get('/docs-json').expect(200);
      expect(Object.keys(docs.paths['/api/v1/automation/settings']).sort()).toEqual(['get', 'put']);
      expect(docs.paths['/api/v1/automation/run'].post.responses['202']).toBeDefined();
      const fields: Record<keyof AutomationRunResponse, true> = {
        id: true,
        trigger: true,
        status: true,
        as_of: true,
        requested_by: true,
        started_at: true,
        finished_at: true,
        duration_ms: true,
        counts: true,
        total_items: true,
        failed_items: true,
        skipped_items: true,
        error: true,
        created_at: true,
      };
      expect(
        Object.keys(docs.components.schemas.AutomationRunResponseDto.properties).sort(),
      ).toEqual(Object.keys(fields).sort());
    });
  });
});
