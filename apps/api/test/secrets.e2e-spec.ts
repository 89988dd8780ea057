import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import request from 'supertest';
import { SecretBox } from '../src/common/crypto/secret-box';
import { JobScheduler } from '../src/jobs/job-scheduler';
import { spawnSimulator, SpawnedSimulator } from './support/panel-simulator';
import { ResponseRecorder } from './support/response-recorder';
import { SmtpSink } from './support/smtp-sink';
import { StripeApiStub } from './support/stripe-api-stub';
import { createTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * Issue 7: after a full scenario (admin, panel server, customers, licenses, provisioning, the
 * account lifecycle, password changes, sign-up, Stripe checkout and webhook, fulfilment and the
 * welcome email), no secret and no password may be found in any response body, in the log output,
 * or anywhere in the database. Every secret here is random per run, so a match is never a fluke.
 */
const alnum = (bytes: number) => randomBytes(bytes).toString('hex');
const ENCRYPTION_KEY_HEX = randomBytes(32).toString('hex');
const ENV = {
  JWT_SECRET: `jwt-${randomBytes(36).toString('base64url')}`,
  ENCRYPTION_KEY: ENCRYPTION_KEY_HEX,
  STRIPE_SECRET_KEY: `sk_test_${alnum(16)}`,
  STRIPE_WEBHOOK_SECRET: `whsec_${alnum(16)}`,
  ADMIN_PASSWORD: `Admin-${alnum(6)}!A1`,
};
const PASSWORDS = {
  customerCreated: `First-${alnum(5)}!Aa1`,
  customerChanged: `Second-${alnum(5)}!Aa1`,
  buyer: `Buyer-${alnum(5)}!Aa1`,
  account: `Hosting-${alnum(5)}!Aa1`,
};
const offlineStripe = new Stripe('sk_test_offline');

interface Exchange {
  label: string;
  status: number;
  text: string;
  headers: string;
}

describe('no secret leaks after a full scenario', () => {
  let testApp: TestApp;
  let panel: SpawnedSimulator;
  let smtp: SmtpSink;
  let stripeApi: StripeApiStub;
  const recorder = new ResponseRecorder();
  const exchanges: Exchange[] = [];
  /** Every access token, with the one response allowed to carry it: the login that issued it. */
  const tokens: Array<{ token: string; issuedBy: number }> = [];
  /** Passwords billing generated (welcome email, panel password reset), read from the SMTP sink. */
  const generated: Record<string, string> = {};

  const capture = (label: string) => (response: request.Response) => {
    recorder.record(response);
    exchanges.push({
      label,
      status: response.status,
      text: response.text ?? '',
      headers: JSON.stringify(response.headers),
    });
  };
  type Method = 'get' | 'post' | 'patch' | 'delete';
  const api = (method: Method, url: string, token?: string) => {
    const call = request(testApp.http)[method](url);
    if (token) call.set('Authorization', `Bearer ${token}`);
    return call.expect(capture(`${method.toUpperCase()} ${url}`));
  };
  const signIn = async (email: string, password: string, expected = 200): Promise<string> => {
    const response = await api('post', '/api/v1/auth/login')
      .send({ email, password })
      .expect(expected);
    if (expected !== 200) return '';
    tokens.push({ token: response.body.access_token, issuedBy: exchanges.length - 1 });
    return response.body.access_token as string;
  };
  const sql = <T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> =>
    testApp.dataSource.query(text, params);
  const verifyOnPanel = async (panelUserId: number, password: string) =>
    (await fetch(`${panel.url}/__control/accounts/${panelUserId}/verify-password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...panel.controlHeaders },
      body: JSON.stringify({ password }),
    }).then((r) => r.json())) as { matches: boolean };
  const mailTo = (recipient: string, subject: string) =>
    waitFor(`"${subject}" to ${recipient}`, async () =>
      smtp.to(recipient).find((m) => m.includes(subject)),
    );

  /** name → plaintext: everything that must never be found. */
  const secrets = (): Record<string, string> => {
    const key = Buffer.from(ENCRYPTION_KEY_HEX, 'hex');
    return {
      'panel API secret': panel.apiSecret,
      'ENCRYPTION_KEY (hex)': ENCRYPTION_KEY_HEX,
      'ENCRYPTION_KEY (base64)': key.toString('base64'),
      'ENCRYPTION_KEY (base64url)': key.toString('base64url'),
      JWT_SECRET: ENV.JWT_SECRET,
      STRIPE_SECRET_KEY: ENV.STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: ENV.STRIPE_WEBHOOK_SECRET,
      'admin password': ENV.ADMIN_PASSWORD,
      ...Object.fromEntries(Object.entries(PASSWORDS).map(([k, v]) => [`password: ${k}`, v])),
      ...Object.fromEntries(Object.entries(generated).map(([k, v]) => [`generated: ${k}`, v])),
    };
  };
  const withTokens = (): Record<string, string> => ({
    ...secrets(),
    ...Object.fromEntries(tokens.map((t, i) => [`access token #${i + 1}`, t.token])),
  });
  const foundIn = (text: string, candidates: Record<string, string>): string[] =>
    Object.entries(candidates)
      .filter(([, value]) => text.includes(value))
      .map(([name]) => name);

  beforeAll(async () => {
    [panel, smtp, stripeApi] = await Promise.all([
      spawnSimulator(),
      new SmtpSink().start(),
      new StripeApiStub().start(),
    ]);
    testApp = await createTestApp({
      ...ENV,
      // Everything the app can say: a secret in a debug line is still a leak.
      LOG_LEVEL: 'trace',
      JOBS_ENABLED: 'true',
      JOBS_POLL_INTERVAL_MS: '100',
      STRIPE_API_BASE: stripeApi.baseUrl,
      SMTP_URL: smtp.url,
      ADMIN_ALERT_EMAIL: 'alerts@hosting.example',
    });
  }, 60_000);
  afterAll(() => Promise.all([testApp.close(), panel.stop(), smtp.stop(), stripeApi.stop()]));

  it('runs the whole scenario', async () => {
    // The admin signs in and adds the panel server with its key pair.
    const admin = await signIn('admin@test.com', ENV.ADMIN_PASSWORD);
    await signIn('admin@test.com', `${ENV.ADMIN_PASSWORD}x`, 401);
    const connection = {
      base_url: panel.url,
      api_key: panel.apiKey,
      api_secret: panel.apiSecret,
    };
    await api('post', '/api/v1/nextpanel/servers/test', admin)
      .send({ name: 'Secret Server', capacity: 50, ...connection })
      .expect(200);
    const server = await api('post', '/api/v1/nextpanel/servers', admin)
      .send({ name: 'Secret Server', capacity: 50, location: 'EU', ...connection })
      .expect(201);
    const serverId = server.body.id as number;
    // Re-entering the key pair (a rotation) goes through the same sealing.
    await api('patch', `/api/v1/nextpanel/servers/${serverId}`, admin)
      .send({ api_key: panel.apiKey, api_secret: panel.apiSecret })
      .expect(200);
    await api('get', '/api/v1/nextpanel/servers', admin).expect(200);
    await api('get', `/api/v1/nextpanel/servers/${serverId}`, admin).expect(200);
    await api('get', '/api/v1/nextpanel/servers/status', admin).expect(200);

    // A customer created by the admin, whose password is then changed.
    const customer = await api('post', '/api/v1/customers', admin)
      .send({
        email: 'kept-secret@example.com',
        full_name: 'Kept Secret',
        company_name: 'Vault Ltd',
        password: PASSWORDS.customerCreated,
      })
      .expect(201);
    const customerId = customer.body.id as number;
    await api('patch', `/api/v1/customers/${customerId}`, admin)
      .send({ password: PASSWORDS.customerChanged })
      .expect(200);
    await signIn('kept-secret@example.com', PASSWORDS.customerCreated, 401);
    const customerToken = await signIn('kept-secret@example.com', PASSWORDS.customerChanged);
    await api('get', '/api/v1/auth/me', customerToken).expect(200);

    // A license and a hosting account provisioned with a known password.
    const plans = await api('get', '/api/v1/plans', admin).expect(200);
    const license = await api('post', `/api/v1/customers/${customerId}/licenses`, admin)
      .send({ plan_id: plans.body[0].id, billing_cycle: 'monthly', create_subscription: true })
      .expect(201);
    const provisioned = await api('post', '/api/v1/nextpanel/provision', admin)
      .send({
        customer_id: customerId,
        username: 'keptsecret',
        password: PASSWORDS.account,
        license_id: license.body.id,
        server_id: serverId,
      })
      .expect(201);
    const accountId = provisioned.body.account_id as number;
    const panelUserId = provisioned.body.nextpanel_user_id as number;
    expect(await verifyOnPanel(panelUserId, PASSWORDS.account)).toEqual({ matches: true });
    await api('get', '/api/v1/nextpanel/accounts', admin).expect(200);
    await api('get', `/api/v1/nextpanel/accounts/${accountId}`, admin).expect(200);
    await api('get', `/api/v1/customers/${customerId}`, admin).expect(200);
    await api('get', `/api/v1/licenses/${license.body.id}`, admin).expect(200);

    // Suspend, unsuspend, a new panel password, terminate.
    await api('post', `/api/v1/nextpanel/accounts/${accountId}/suspend`, admin)
      .send({ reason: 'Secrets test' })
      .expect(200);
    await api('post', `/api/v1/nextpanel/accounts/${accountId}/unsuspend`, admin)
      .send({})
      .expect(200);
    await api('post', `/api/v1/nextpanel/accounts/${accountId}/reset-password`, admin)
      .send({})
      .expect(200);
    const reset = await mailTo('kept-secret@example.com', 'password was reset');
    generated.panelReset = /New password: (\S+)/.exec(reset)![1];
    expect(await verifyOnPanel(panelUserId, generated.panelReset)).toEqual({ matches: true });
    await api('get', `/api/v1/nextpanel/accounts/${accountId}/actions`, admin).expect(200);
    await api('get', `/api/v1/nextpanel/accounts/${accountId}/events`, admin).expect(200);
    await api('delete', `/api/v1/nextpanel/accounts/${accountId}`, admin).expect(200);

    // A visitor signs up, buys a plan through Stripe Checkout; the signed webhook fulfils it.
    const registered = await api('post', '/api/v1/auth/register')
      .send({ email: 'buyer-secret@example.com', password: PASSWORDS.buyer, full_name: 'Buyer' })
      .expect(201);
    tokens.push({ token: registered.body.access_token, issuedBy: exchanges.length - 1 });
    const buyer = await signIn('buyer-secret@example.com', PASSWORDS.buyer);
    await api('get', '/api/v1/store/config').expect(200);
    const checkout = await api('post', '/api/v1/checkout', buyer)
      .send({ plan_id: plans.body[1].id, billing_cycle: 'monthly' })
      .expect(201);
    const session = stripeApi.completeSession(checkout.body.session_id, {
      customer: 'cus_secret',
      subscription: 'sub_secret',
    });
    const payload = JSON.stringify({
      id: 'evt_secret_1',
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      data: { object: session },
    });
    await api('post', '/api/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set(
        'Stripe-Signature',
        offlineStripe.webhooks.generateTestHeaderString({
          payload,
          secret: ENV.STRIPE_WEBHOOK_SECRET,
        }),
      )
      .send(payload)
      .expect(200, { received: true, duplicate: false, handled: true });
    const welcome = await mailTo('buyer-secret@example.com', 'Your hosting account is ready');
    generated.welcome = /Temporary password: (\S+)/.exec(welcome)![1];
    const [order] = await sql(`SELECT status, hosting_account_id FROM orders WHERE id = $1`, [
      checkout.body.order_id,
    ]);
    expect(order.status).toBe('completed');
    await api('get', '/api/v1/my', buyer).expect(200);
    await api('get', '/api/v1/my/orders', buyer).expect(200);
    await api('get', '/api/v1/my/payments', buyer).expect(200);

    // A reconciliation run talks to Stripe with the secret key too.
    await testApp.app.get(JobScheduler).tick(new Date(Date.UTC(2031, 5, 1)));

    // The admin looks at everything that was recorded.
    for (const path of [
      '/api/v1/orders',
      `/api/v1/orders/${checkout.body.order_id}`,
      '/api/v1/customers',
      '/api/v1/licenses',
      '/api/v1/emails',
      '/api/v1/jobs',
      '/api/v1/audit-log',
      '/api/v1/nextpanel/accounts',
    ])
      await api('get', path, admin).expect(200);

    // Let every job and email finish, so the database is in its final state.
    await waitFor('the queue and the outbox to settle', async () => {
      const [busy] = await sql(
        `SELECT (SELECT count(*)::int FROM jobs WHERE status IN ('queued', 'running') AND run_at <= now()) AS jobs,
                (SELECT count(*)::int FROM email_outbox WHERE status <> 'sent') AS emails`,
      );
      return busy.jobs === 0 && busy.emails === 0;
    });
    expect(exchanges.length).toBeGreaterThan(40);
    expect(Object.keys(generated)).toEqual(['panelReset', 'welcome']);
  });

  it('sends no secret or password in any response body or header', () => {
    const leaks = exchanges.flatMap((e) =>
      foundIn(e.text + e.headers, secrets()).map((name) => `${name} in ${e.label}`),
    );
    expect(leaks).toEqual([]);

    // Fields named like a credential appear only as the audit log's redaction marker (or the
    // access token of a sign-in), and panel API keys only masked; no password hash anywhere.
    const credentialFields: string[] = [];
    const visit = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}[${i}]`));
      else if (value && typeof value === 'object')
        for (const [key, inner] of Object.entries(value)) {
          const at = `${path}.${key}`;
          if (/password|secret|hash/i.test(key) && inner !== '[redacted]')
            credentialFields.push(`${at}=${JSON.stringify(inner)}`);
          if (/^api_key/.test(key) && !(typeof inner === 'string' && inner.includes('…')))
            credentialFields.push(`${at}=${JSON.stringify(inner)}`);
          visit(inner, at);
        }
    };
    recorder.bodies.forEach((body, i) => visit(body, exchanges[i].label));
    expect(credentialFields).toEqual([]);
    expect(JSON.stringify(recorder.bodies)).not.toContain('$argon2');
  });

  it('shows each access token only in the responses that issued it', () => {
    // A JWT has no random part: the same user signing in twice within a second gets the same token.
    const issuers = new Map<string, number[]>();
    for (const { token, issuedBy } of tokens)
      issuers.set(token, [...(issuers.get(token) ?? []), issuedBy]);
    expect(issuers.size).toBeGreaterThanOrEqual(3);
    for (const [token, issuedBy] of issuers) {
      const carriers = exchanges
        .map((e, index) => (e.text.includes(token) || e.headers.includes(token) ? index : -1))
        .filter((index) => index >= 0);
      expect(carriers).toEqual(issuedBy);
      for (const index of issuedBy)
        expect(exchanges[index].label).toMatch(/^POST \/api\/v1\/auth\/(login|register)$/);
    }
  });

  it('writes no secret, password or token to the logs', () => {
    const logs = testApp.logs.join('');
    // The log stream really captured the scenario, service lines included.
    expect(logs).toContain('/api/v1/nextpanel/provision');
    expect(logs).toContain('Stripe event applied');
    expect(logs).toContain('Email sent');
    expect(foundIn(logs, withTokens())).toEqual([]);
    expect(logs).not.toMatch(/Bearer\s+ey/);
    expect(logs).not.toContain('$argon2');
  });

  it('keeps no secret, password or token in plain text anywhere in the database', async () => {
    const columns = await sql<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
       ORDER BY c.table_name, c.ordinal_position`,
    );
    const tables = new Set(columns.map((c) => c.table_name));
    for (const expected of ['jobs', 'email_outbox', 'panel_servers', 'users', 'audit_log'])
      expect(tables).toContain(expected);

    // Each plaintext as stored text and as it would appear escaped inside a JSON string.
    const needles = Object.entries(withTokens()).flatMap(([name, value]) => {
      const jsonEscaped = JSON.stringify(value).slice(1, -1);
      return jsonEscaped === value
        ? [[name, value]]
        : [
            [name, value],
            [name, jsonEscaped],
          ];
    });
    const leaks: string[] = [];
    for (const { table_name, column_name } of columns) {
      // Every column, whatever its type, as text: varchar, text, jsonb, arrays, bytea's hex.
      const rows = await sql<{ name: string }>(
        `SELECT DISTINCT s.name FROM unnest($1::text[], $2::text[]) AS s(name, value)
         WHERE EXISTS (SELECT 1 FROM "${table_name}" WHERE strpos("${column_name}"::text, s.value) > 0)`,
        [needles.map(([n]) => n), needles.map(([, v]) => v)],
      );
      leaks.push(...rows.map((r) => `${r.name} in ${table_name}.${column_name}`));
    }
    expect(leaks).toEqual([]);

    // The panel secret is there, sealed: it opens with the key and is not its own plaintext.
    const [stored] = await sql(`SELECT api_secret_encrypted FROM panel_servers`);
    expect(stored.api_secret_encrypted).toMatch(/^v1\./);
    expect(testApp.app.get(SecretBox).open(stored.api_secret_encrypted)).toBe(panel.apiSecret);
    // Passwords are Argon2id hashes.
    const users = await sql(`SELECT password_hash FROM users`);
    expect(users.every((u) => u.password_hash.startsWith('$argon2id$'))).toBe(true);
  });

  it('keeps email bodies sealed, and no delivered one still opens to a password', async () => {
    const box = testApp.app.get(SecretBox);
    const emails = await sql(
      `SELECT template, status, text_body_sealed, html_body_sealed FROM email_outbox ORDER BY id`,
    );
    expect(emails.map((e) => e.template)).toEqual(
      expect.arrayContaining(['welcome', 'password_reset']),
    );
    const readable = emails.flatMap((e) => {
      expect(e.status).toBe('sent');
      expect(e.text_body_sealed).toMatch(/^v1\./);
      const opened = box.open(e.text_body_sealed) + box.open(e.html_body_sealed);
      return foundIn(opened, secrets()).map((name) => `${name} in a sent ${e.template} email`);
    });
    expect(readable).toEqual([]);
  });
});
