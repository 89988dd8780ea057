import request from 'supertest';
import { JobQueue } from '../src/jobs/job-queue.service';
import { AccountLifecycle } from '../src/provisioning/account-lifecycle.service';
import { LicenseLifecycle } from '../src/license-lifecycle/license-lifecycle.service';
import { RequestContext } from '../src/common/request-context/request-context';
import { loginAs } from './support/auth-helpers';
import { addServer, insertCustomer } from './support/fixtures';
import { spawnSimulator, SpawnedSimulator } from './support/panel-simulator';
import { SmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const PASSWORD = 'Lifecycle123!';

describe('account lifecycle through the job queue', () => {
  let testApp: TestApp;
  let panel: SpawnedSimulator;
  let smtp: SmtpSink;
  let token: string;
  let serverId: number;
  let customer: { id: number; email: string };
  let plans: Record<string, { id: string; max_domains: number; nextpanel_package_id: number }>;
  let sequence = 0;

  const auth = <T extends request.Test>(test: T): T =>
    test.set('Authorization', `Bearer ${token}`) as T;
  const action = (id: number, name: string, body: object = {}) =>
    auth(request(testApp.http).post(`/api/v1/nextpanel/accounts/${id}/${name}`)).send(body);
  const accountRow = async (id: number) =>
    (await testApp.dataSource.query(`SELECT * FROM hosting_accounts WHERE id = $1`, [id]))[0];
  const panelAccount = async (panelUserId: number) =>
    (await fetch(`${panel.url}/__control/accounts/${panelUserId}`, {
      headers: panel.controlHeaders,
    }).then((r) => r.json())) as {
      status: string;
      package_id: number;
      quotas: Record<string, number>;
    };
  const panelCalls = async (route: string): Promise<number> => {
    const snapshot = (await fetch(`${panel.url}/__control/requests`, {
      headers: panel.controlHeaders,
    }).then((r) => r.json())) as { routes: Record<string, { count: number }> };
    return snapshot.routes[route]?.count ?? 0;
  };

  /** A provisioned account on a license of `plan`. */
  const licensedAccount = async (plan = 'Starter') => {
    sequence += 1;
    const license = await auth(
      request(testApp.http).post(`/api/v1/customers/${customer.id}/licenses`),
    )
      .send({ plan_id: plans[plan].id, billing_cycle: 'monthly' })
      .expect(201);
    const provisioned = await auth(request(testApp.http).post('/api/v1/nextpanel/provision'))
      .send({
        customer_id: customer.id,
        username: `life${sequence}`,
        password: PASSWORD,
        license_id: license.body.id,
        server_id: serverId,
      })
      .expect(201);
    return {
      id: provisioned.body.account_id as number,
      panelUserId: provisioned.body.nextpanel_user_id as number,
      licenseId: license.body.id as number,
    };
  };

  beforeAll(async () => {
    [panel, smtp] = await Promise.all([spawnSimulator(), new SmtpSink().start()]);
    testApp = await createTestApp({ SMTP_URL: smtp.url, JOBS_RETRY_BASE_MS: '10' });
    token = await loginAs(testApp);
    serverId = (await addServer(testApp, token, panel)).id;
    customer = await insertCustomer(testApp, { fullName: 'Grace Hopper' });
    const list = await auth(request(testApp.http).get('/api/v1/plans')).expect(200);
    plans = Object.fromEntries(list.body.map((p: { name: string }) => [p.name, p]));
  });
  afterAll(() => Promise.all([testApp.close(), panel.stop(), smtp.stop()]));

  const deliverMail = async () => {
    await testApp.app.get(JobQueue).drain();
  };

  it('changes plan: package and quotas on the panel, license quotas, renewal price, customer told', async () => {
    const account = await licensedAccount('Starter');
    const changed = await action(account.id, 'change-plan', {
      plan_id: plans['Enterprise'].id,
    }).expect(200);
    expect(changed.body).toMatchObject({
      id: account.id,
      status: 'active',
      package_id: plans['Enterprise'].nextpanel_package_id,
      action: { action: 'change_plan', status: 'succeeded', requested_by: 'admin:1' },
    });
    const onPanel = await panelAccount(account.panelUserId);
    expect(onPanel.package_id).toBe(plans['Enterprise'].nextpanel_package_id);
    expect(onPanel.quotas).toMatchObject({ max_domains: plans['Enterprise'].max_domains });
    const [license] = await testApp.dataSource.query(
      `SELECT l.plan_id, l.max_domains, s.price_cents, p.price_monthly_cents
       FROM licenses l JOIN subscriptions s ON s.license_id = l.id JOIN plans p ON p.id = l.plan_id
       WHERE l.id = $1`,
      [account.licenseId],
    );
    expect(license).toMatchObject({
      plan_id: plans['Enterprise'].id,
      max_domains: plans['Enterprise'].max_domains,
    });
    expect(license.price_cents).toBe(license.price_monthly_cents);
    await deliverMail();
    expect(smtp.to(customer.email).some((m) => m.includes('now on Enterprise'))).toBe(true);
    const audit = await testApp.dataSource.query(
      `SELECT actor_type, actor_label, ip, before, after FROM audit_log WHERE action = 'account.change_plan' AND entity_id = $1`,
      [String(account.id)],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_type: 'admin',
      actor_label: 'admin@test.com',
      before: { plan_id: plans['Starter'].id },
      after: { plan_id: plans['Enterprise'].id },
    });
    expect(audit[0].ip).toMatch(/127\.0\.0\.1/);
  });

  it('refuses a plan change the account cannot take', async () => {
    const account = await licensedAccount();
    const unknown = await action(account.id, 'change-plan', {
      plan_id: '00000000-0000-4000-8000-000000000000',
    }).expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    await action(account.id, 'change-plan', { plan_id: 'not-a-uuid' }).expect(400);
    const unlicensed = await auth(request(testApp.http).post('/api/v1/nextpanel/provision'))
      .send({
        customer_id: customer.id,
        username: 'nolicense',
        password: PASSWORD,
        server_id: serverId,
      })
      .expect(201);
    const refused = await action(unlicensed.body.account_id, 'change-plan', {
      plan_id: plans['Enterprise'].id,
    }).expect(409);
    expect(refused.body.code).toBe('ACCOUNT_HAS_NO_LICENSE');
    expect(
      await testApp.dataSource.query(`SELECT 1 FROM account_actions WHERE account_id = $1`, [
        unlicensed.body.account_id,
      ]),
    ).toHaveLength(0);
  });

  it('resets the panel password: the new one works on the panel, reaches the customer, is stored nowhere', async () => {
    const account = await licensedAccount();
    const reset = await action(account.id, 'reset-password').expect(200);
    expect(reset.body.action).toMatchObject({ action: 'reset_password', status: 'succeeded' });
    await deliverMail();
    const mail = smtp.to(customer.email).find((m) => m.includes('password was reset'));
    expect(mail).toBeDefined();
    const newPassword = /New password: (\S+)/.exec(mail!)?.[1];
    expect(newPassword).toBeDefined();
    const verify = async (password: string) =>
      (
        (await fetch(`${panel.url}/__control/accounts/${account.panelUserId}/verify-password`, {
          method: 'POST',
          headers: { ...panel.controlHeaders, 'Content-Type': 'application/json' },
          body: JSON.stringify({ password }),
        }).then((r) => r.json())) as { matches: boolean }
      ).matches;
    expect(await verify(newPassword!)).toBe(true);
    expect(await verify(PASSWORD)).toBe(false);
    const everywhere = await testApp.dataSource.query(
      `SELECT (SELECT string_agg(payload::text, '') FROM jobs) AS jobs,
              (SELECT string_agg(params::text || coalesce(last_error, ''), '') FROM account_actions) AS actions,
              (SELECT string_agg(audit_log::text, '') FROM audit_log) AS audit`,
    );
    expect(JSON.stringify(everywhere)).not.toContain(newPassword);
    expect(JSON.stringify(reset.body)).not.toContain(newPassword);
    expect(testApp.logs.join('')).not.toContain(newPassword);
  });

  it('enforces the state machine: a terminated account can only stay terminated', async () => {
    const account = await licensedAccount();
    await auth(request(testApp.http).delete(`/api/v1/nextpanel/accounts/${account.id}`))
      .query({ reason: 'Customer left' })
      .expect(200);
    expect(await accountRow(account.id)).toMatchObject({
      status: 'terminated',
      status_reason: 'Customer left',
    });
    for (const [name, body] of [
      ['unsuspend', {}],
      ['suspend', { reason: 'x' }],
      ['change-plan', { plan_id: plans['Enterprise'].id }],
      ['reset-password', {}],
    ] as const) {
      const refused = await action(account.id, name, body).expect(409);
      expect(refused.body).toMatchObject({ statusCode: 409, code: 'INVALID_ACCOUNT_STATE' });
    }
    await deliverMail();
    expect(smtp.to(customer.email).some((m) => m.includes('was closed'))).toBe(true);
  });

  it('runs one action when the same suspend arrives ten times at once', async () => {
    const account = await licensedAccount();
    const before = await panelCalls('POST /api/v1/billing/accounts/:id/suspend');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => action(account.id, 'suspend', { reason: 'Abuse' })),
    );
    expect(answers.every((a) => a.status === 200 || a.status === 202)).toBe(true);
    await waitFor(
      'the account to be suspended',
      async () => (await accountRow(account.id)).status === 'suspended',
    );
    expect(await panelCalls('POST /api/v1/billing/accounts/:id/suspend')).toBe(before + 1);
    const rows = await testApp.dataSource.query(
      `SELECT count(*)::int AS n FROM account_actions WHERE account_id = $1`,
      [account.id],
    );
    expect(rows[0].n).toBe(1);
    const events = await testApp.dataSource.query(
      `SELECT count(*)::int AS n FROM account_events WHERE account_id = $1 AND to_status = 'suspended'`,
      [account.id],
    );
    expect(events[0].n).toBe(1);
  });

  it('lifts a non-payment suspension automatically, but never one an admin made', async () => {
    const lifecycle = testApp.app.get(AccountLifecycle);
    const asAutomation = <T>(work: () => Promise<T>) =>
      RequestContext.runAsSystem('automation.overdue', work);

    const unpaid = await licensedAccount();
    await asAutomation(() =>
      lifecycle.request(unpaid.id, 'suspend', {
        reason: 'Invoice overdue',
        suspension_kind: 'non_payment',
      }),
    );
    expect(await accountRow(unpaid.id)).toMatchObject({
      status: 'suspended',
      suspension_kind: 'non_payment',
    });
    const lifted = await asAutomation(() =>
      lifecycle.request(unpaid.id, 'unsuspend', { only_if_kind: 'non_payment' }),
    );
    expect(lifted.result).toMatchObject({ status: 'active', suspension_kind: null });
    const events = await testApp.dataSource.query(
      `SELECT actor FROM account_events WHERE account_id = $1 ORDER BY id DESC LIMIT 2`,
      [unpaid.id],
    );
    expect(events.map((e: { actor: string }) => e.actor)).toEqual([
      'system:automation.overdue',
      'system:automation.overdue',
    ]);

    const byHand = await licensedAccount();
    await asAutomation(() =>
      lifecycle.request(byHand.id, 'suspend', {
        reason: 'Overdue',
        suspension_kind: 'non_payment',
      }),
    );
    // The admin suspends it too: the suspension is now the admin's.
    const taken = await action(byHand.id, 'suspend', { reason: 'Abuse report' }).expect(200);
    expect(taken.body).toMatchObject({ suspension_kind: 'admin', action: null });
    await expect(
      asAutomation(() =>
        lifecycle.request(byHand.id, 'unsuspend', { only_if_kind: 'non_payment' }),
      ),
    ).rejects.toMatchObject({ code: 'SUSPENDED_BY_ADMIN' });
    expect(await accountRow(byHand.id)).toMatchObject({ status: 'suspended' });
    await action(byHand.id, 'unsuspend').expect(200);
    expect(await accountRow(byHand.id)).toMatchObject({ status: 'active', suspension_kind: null });
  });

  it('lists the actions of an account and refuses customers', async () => {
    const account = await licensedAccount();
    await action(account.id, 'suspend', { reason: 'Check' }).expect(200);
    const list = await auth(
      request(testApp.http).get(`/api/v1/nextpanel/accounts/${account.id}/actions`),
    ).expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        action: 'suspend',
        status: 'succeeded',
        params: { reason: 'Check' },
      }),
    ]);
    await auth(request(testApp.http).get('/api/v1/nextpanel/accounts/999999/actions')).expect(404);
    const customerToken = await loginAs(testApp, {
      email: customer.email,
      password: 'Customer123!',
    });
    await request(testApp.http)
      .post(`/api/v1/nextpanel/accounts/${account.id}/unsuspend`)
      .set('Authorization', `Bearer ${customerToken}`)
      .send({})
      .expect(403);
    expect(await accountRow(account.id)).toMatchObject({ status: 'suspended' });
  });

  describe('license state machine', () => {
    const licenseAction = (id: number, name: string, body: object = {}) =>
      auth(request(testApp.http).post(`/api/v1/licenses/${id}/${name}`)).send(body);

    it('suspends, reactivates and cancels a license, carrying it to its accounts', async () => {
      const account = await licensedAccount();
      const suspended = await licenseAction(account.licenseId, 'suspend', {
        reason: 'Chargeback',
      }).expect(200);
      expect(suspended.body).toEqual({
        license_id: account.licenseId,
        status: 'suspended',
        accounts: [{ account_id: account.id, outcome: 'done', detail: null }],
      });
      expect(await accountRow(account.id)).toMatchObject({
        status: 'suspended',
        suspension_kind: 'admin',
        status_reason: 'Chargeback',
      });
      expect((await panelAccount(account.panelUserId)).status).toBe('suspended');

      await licenseAction(account.licenseId, 'reactivate').expect(200);
      expect(await accountRow(account.id)).toMatchObject({ status: 'active' });

      const cancelled = await licenseAction(account.licenseId, 'cancel', {
        reason: 'Customer left',
        include_accounts: true,
      }).expect(200);
      expect(cancelled.body.accounts).toEqual([
        { account_id: account.id, outcome: 'done', detail: null },
      ]);
      expect(await accountRow(account.id)).toMatchObject({ status: 'terminated' });

      const refused = await licenseAction(account.licenseId, 'reactivate').expect(409);
      expect(refused.body).toMatchObject({
        code: 'INVALID_LICENSE_STATE',
        message: 'A cancelled license cannot be reactivated',
      });
      const events = await auth(
        request(testApp.http).get(`/api/v1/licenses/${account.licenseId}/events`),
      ).expect(200);
      expect(events.body.map((e: { to_status: string }) => e.to_status)).toEqual([
        'cancelled',
        'active',
        'suspended',
      ]);
      expect(events.body[2]).toMatchObject({ actor: 'admin:1', reason: 'Chargeback' });
      await licenseAction(999999, 'suspend').expect(404);
      await licenseAction(account.licenseId, 'suspend', { include_accounts: 'yes' }).expect(400);
    });

    it('carries a non-payment suspension to the accounts when asked', async () => {
      const account = await licensedAccount();
      await licenseAction(account.licenseId, 'suspend', { suspension_kind: 'sometimes' }).expect(
        400,
      );
      await licenseAction(account.licenseId, 'suspend', {
        reason: 'Invoice overdue',
        suspension_kind: 'non_payment',
      }).expect(200);
      expect(await accountRow(account.id)).toMatchObject({
        status: 'suspended',
        suspension_kind: 'non_payment',
      });
    });

    it('leaves the accounts alone when asked to', async () => {
      const account = await licensedAccount();
      const suspended = await licenseAction(account.licenseId, 'suspend', {
        include_accounts: false,
      }).expect(200);
      expect(suspended.body.accounts).toEqual([]);
      expect(await accountRow(account.id)).toMatchObject({ status: 'active' });
      const validate = await testApp.dataSource.query(`SELECT status FROM licenses WHERE id = $1`, [
        account.licenseId,
      ]);
      expect(validate[0].status).toBe('suspended');
    });

    it('records a renewal paid outside Stripe and lifts what non-payment suspended', async () => {
      const account = await licensedAccount();
      const [before] = await testApp.dataSource.query(
        `SELECT current_period_end FROM subscriptions WHERE license_id = $1`,
        [account.licenseId],
      );
      const license = testApp.app.get(LicenseLifecycle);
      await RequestContext.runAsSystem('automation.run', () =>
        license.change(account.licenseId, 'suspended', {
          reason: 'Invoice overdue',
          includeAccounts: true,
          suspensionKind: 'non_payment',
        }),
      );
      expect(await accountRow(account.id)).toMatchObject({
        status: 'suspended',
        suspension_kind: 'non_payment',
      });

      const renewed = await licenseAction(account.licenseId, 'renew', {
        reference: 'Bank transfer #4471',
      })
        .set('Idempotency-Key', `renew-${account.licenseId}`)
        .expect(200);
      expect(new Date(renewed.body.current_period_start).getTime()).toBe(
        new Date(before.current_period_end).getTime(),
      );
      expect(new Date(renewed.body.current_period_end).getTime()).toBeGreaterThan(
        new Date(before.current_period_end).getTime(),
      );
      // A retried request with the same key records no second payment.
      await licenseAction(account.licenseId, 'renew', { reference: 'Bank transfer #4471' })
        .set('Idempotency-Key', `renew-${account.licenseId}`)
        .expect(200);
      const payments = await testApp.dataSource.query(
        `SELECT p.kind, p.status FROM payments p JOIN subscriptions s ON s.id = p.subscription_id WHERE s.license_id = $1`,
        [account.licenseId],
      );
      expect(payments).toEqual([{ kind: 'manual', status: 'succeeded' }]);

      await testApp.app.get(JobQueue).drain();
      expect(await accountRow(account.id)).toMatchObject({ status: 'active' });
      const [row] = await testApp.dataSource.query(`SELECT status FROM licenses WHERE id = $1`, [
        account.licenseId,
      ]);
      expect(row.status).toBe('active');
      expect(smtp.to(customer.email).some((m) => m.includes('We received your payment'))).toBe(
        true,
      );

      await testApp.dataSource.query(
        `UPDATE subscriptions SET stripe_subscription_id = 'sub_123' WHERE license_id = $1`,
        [account.licenseId],
      );
      const refused = await licenseAction(account.licenseId, 'renew').expect(409);
      expect(refused.body.code).toBe('SUBSCRIPTION_BILLED_BY_STRIPE');
      await licenseAction(999999, 'renew').expect(404);
    });
  });
});
