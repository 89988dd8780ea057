import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import request from 'supertest';
import { JobQueue } from '../src/jobs/job-queue.service';
import { ServerMonitor } from '../src/servers/server-monitor.service';
import { IntegrationEvents } from '../src/webhooks/integration-events.service';
import { loginAs } from './support/auth-helpers';
import { addServer, insertCustomer } from './support/fixtures';
import {
  clearFaults,
  setFaults,
  spawnSimulator,
  SpawnedSimulator,
} from './support/panel-simulator';
import { SmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

type Row = Record<string, any>;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A webhook receiver in the test process: records every request, answers as told. */
class WebhookReceiver {
  readonly received: Received[] = [];
  private server: Server | undefined;
  private port = 0;
  private readonly failures = new Map<string, number[]>();
  private readonly broken = new Map<string, number>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '';
        const planned = this.failures.get(path)?.shift();
        const status = planned ?? this.broken.get(path) ?? 200;
        this.received.push({
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
          status,
        });
        res.writeHead(status, { 'Content-Type': 'text/plain' });
        // Longer than the kept excerpt, to see it cut at 1 KB.
        res.end(`${status === 200 ? 'accepted' : 'receiver error'}:${'x'.repeat(2000)}`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The next requests to `path` get these statuses, then 200 again. */
  failNext(path: string, ...statuses: number[]): void {
    this.failures.set(path, statuses);
  }

  /** Every request to `path` gets `status` until set back to null. */
  breakWith(path: string, status: number | null): void {
    if (status === null) this.broken.delete(path);
    else this.broken.set(path, status);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  events(path: string): Array<{ id: string; type: string; data: Row; status: number }> {
    return this.at(path).map((r) => ({ ...JSON.parse(r.body), status: r.status }));
  }

  reset(): void {
    this.received.length = 0;
    this.failures.clear();
    this.broken.clear();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}

/**
 * The receiver's check, exactly as docs/webhooks.md tells integrators: HMAC-SHA256 keyed with the
 * secret over `<t>.<raw body>`, compared with every `v1` of the header, timestamp within 5 minutes.
 */
function signedWith(headers: IncomingHttpHeaders, rawBody: string, secret: string): boolean {
  const header = String(headers['nextpanel-signature'] ?? '');
  const pairs = header.split(',').map((part) => part.split('=') as [string, string]);
  const timestamp = Number(pairs.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  return pairs
    .filter(([key]) => key === 'v1')
    .some(([, value]) => {
      const given = Buffer.from(value, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

const ALERTS = 'alerts@hosting.example';
const STRIPE_WEBHOOK_SECRET = 'whsec_webhookstestsecret0123456789';
const offlineStripe = new Stripe('sk_test_offline');
const ENDPOINT_FIELDS = [
  'consecutive_failures',
  'created_at',
  'description',
  'disabled_at',
  'disabled_reason',
  'enabled',
  'event_types',
  'id',
  'last_delivery_at',
  'pending_deliveries',
  'previous_secret_expires_at',
  'updated_at',
  'url',
];

describe('signed outgoing webhooks', () => {
  let testApp: TestApp;
  let receiver: WebhookReceiver;
  let smtp: SmtpSink;
  let panel: SpawnedSimulator;
  let adminToken: string;
  let serverId: number;
  let plans: Array<{ id: string; name: string }>;
  let sequence = 0;
  /** Every signing secret the API handed out: none may show up anywhere after that answer. */
  const secrets: string[] = [];

  const api = () => request(testApp.http);
  const asAdmin = (call: request.Test) => call.set('Authorization', `Bearer ${adminToken}`);
  const sql = (text: string, params: unknown[] = []): Promise<Row[]> =>
    testApp.dataSource.query(text, params);
  const jobs = () => testApp.app.get(JobQueue);
  /** Runs the queue (deliveries, retries, emails, fulfilment) until `probe` holds. */
  const settle = <T>(what: string, probe: () => Promise<T | null | undefined | false>) =>
    waitFor(what, async () => {
      await jobs().drain();
      return probe();
    });

  const createEndpoint = async (
    path: string,
    eventTypes: string[],
    extra: Record<string, unknown> = {},
  ): Promise<{ id: number; secret: string; url: string }> => {
    const response = await asAdmin(api().post('/api/v1/webhooks/endpoints'))
      .send({ url: receiver.url(path), event_types: eventTypes, ...extra })
      .expect(201);
    secrets.push(response.body.secret);
    return response.body;
  };
  const createCustomer = async (): Promise<Row> =>
    (
      await asAdmin(api().post('/api/v1/customers'))
        .send({
          email: `hooked${++sequence}@example.com`,
          full_name: `Hooked ${sequence}`,
          password: 'Hooked12345!',
        })
        .expect(201)
    ).body;
  const deliveries = (endpointId: number): Promise<Row[]> =>
    sql(
      `SELECT d.*, e.type AS event_type FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
       WHERE endpoint_id = $1 ORDER BY d.id`,
      [endpointId],
    );
  const endpointRow = async (id: number): Promise<Row> =>
    (await sql(`SELECT * FROM webhook_endpoints WHERE id = $1`, [id]))[0];
  const pendingOrder = async (customerId: number): Promise<number> =>
    (
      await sql(
        `INSERT INTO orders (customer_id, plan_id, billing_cycle, status, amount_cents, currency)
         VALUES ($1, $2, 'monthly', 'pending', 1499, 'USD') RETURNING id`,
        [customerId, plans[0].id],
      )
    )[0].id;
  const sendStripeEvent = (type: string, object: Record<string, unknown>) => {
    const payload = JSON.stringify({
      id: `evt_hooks_${Date.now()}_${++sequence}`,
      object: 'event',
      type,
      api_version: '2025-01-01',
      created: Math.floor(Date.now() / 1000),
      data: { object },
    });
    return api()
      .post('/api/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set(
        'Stripe-Signature',
        offlineStripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_WEBHOOK_SECRET }),
      )
      .send(payload)
      .expect(200);
  };
  const setAllowPrivate = (allow: boolean) =>
    asAdmin(api().patch('/api/v1/webhooks/settings'))
      .send({ allow_private_targets: allow })
      .expect(200, { allow_private_targets: allow });

  beforeAll(async () => {
    [receiver, smtp, panel] = await Promise.all([
      new WebhookReceiver().start(),
      new SmtpSink().start(),
      spawnSimulator(),
    ]);
    testApp = await createTestApp({
      // The receiver is on loopback: the tests that check refusals switch the setting off.
      WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOKS_RETRY_BASE_MS: '200',
      WEBHOOKS_RETRY_MAX_MS: '400',
      WEBHOOKS_MAX_ATTEMPTS: '3',
      WEBHOOKS_TIMEOUT_MS: '3000',
      JOBS_MAX_ATTEMPTS: '2',
      JOBS_RETRY_BASE_MS: '50',
      JOBS_RETRY_MAX_MS: '100',
      PANEL_TIMEOUT_MS: '1500',
      SMTP_URL: smtp.url,
      ADMIN_ALERT_EMAIL: ALERTS,
      STRIPE_SECRET_KEY: 'sk_test_webhooksstub123',
      STRIPE_WEBHOOK_SECRET,
      // Nothing listens there: these tests never open a checkout.
      STRIPE_API_BASE: 'http://127.0.0.1:9',
    });
    adminToken = await loginAs(testApp);
    serverId = (await addServer(testApp, adminToken, panel, { capacity: 50 })).id;
    plans = (await api().get('/api/v1/plans').expect(200)).body;
  });
  afterAll(async () => {
    await testApp?.close();
    await Promise.all([receiver?.stop(), smtp?.stop(), panel?.stop()]);
  });
  afterEach(async () => {
    // Each test starts with no endpoints (their deliveries go with them) and a well receiver.
    await sql(`DELETE FROM webhook_endpoints`);
    await jobs().drain();
    receiver.reset();
    await clearFaults(panel);
  });

  describe('endpoints', () => {
    it('registers an endpoint and shows its secret once, never again', async () => {
      const response = await asAdmin(api().post('/api/v1/webhooks/endpoints'))
        .send({
          url: receiver.url('/crm'),
          description: '  CRM sync  ',
          event_types: ['customer.created', 'payment.succeeded'],
        })
        .expect(201);
      const { secret, ...endpoint } = response.body;
      secrets.push(secret);
      expect(secret).toMatch(/^npwhsec_[A-Za-z0-9_-]{43}$/);
      expect(Object.keys(endpoint).sort()).toEqual(ENDPOINT_FIELDS);
      expect(endpoint).toMatchObject({
        url: receiver.url('/crm'),
        description: 'CRM sync',
        event_types: ['customer.created', 'payment.succeeded'],
        enabled: true,
        disabled_reason: null,
        consecutive_failures: 0,
        pending_deliveries: 0,
      });

      const one = await asAdmin(api().get(`/api/v1/webhooks/endpoints/${endpoint.id}`)).expect(200);
      expect(one.body).toEqual({ ...endpoint, updated_at: expect.any(String) });
      const list = await asAdmin(api().get('/api/v1/webhooks/endpoints')).expect(200);
      expect(list.body).toEqual([one.body]);
      const [stored] = await sql(`SELECT secret_sealed FROM webhook_endpoints WHERE id = $1`, [
        endpoint.id,
      ]);
      expect(stored.secret_sealed).toMatch(/^v1\./);
      expect(stored.secret_sealed).not.toContain(secret.slice(8));

      const { body: docs } = await api().get('/docs-json').expect(200);
      expect(
        Object.keys(docs.components.schemas.WebhookEndpointResponseDto.properties).sort(),
      ).toEqual(ENDPOINT_FIELDS);
      expect(Object.keys(docs.paths['/api/v1/webhooks/endpoints'].post.responses)).toEqual(
        expect.arrayContaining(['201', '400', '401', '403']),
      );
    });

    it('changes, disables, enables and deletes an endpoint, auditing each change without the secret', async () => {
      const { id } = await createEndpoint('/changes', ['customer.created']);
      const changed = await asAdmin(api().patch(`/api/v1/webhooks/endpoints/${id}`))
        .send({ event_types: ['server.down', 'server.up'], description: 'Ops pager' })
        .expect(200);
      expect(changed.body).toMatchObject({
        event_types: ['server.down', 'server.up'],
        description: 'Ops pager',
      });
      expect(changed.body).not.toHaveProperty('secret');
      const disabled = await asAdmin(api().patch(`/api/v1/webhooks/endpoints/${id}`))
        .send({ enabled: false })
        .expect(200);
      expect(disabled.body).toMatchObject({
        enabled: false,
        disabled_reason: 'Disabled by an admin',
        disabled_at: expect.any(String),
      });
      const enabled = await asAdmin(api().post(`/api/v1/webhooks/endpoints/${id}/enable`)).expect(
        200,
      );
      expect(enabled.body).toMatchObject({
        enabled: true,
        disabled_reason: null,
        disabled_at: null,
      });
      await asAdmin(api().delete(`/api/v1/webhooks/endpoints/${id}`)).expect(204);
      await asAdmin(api().get(`/api/v1/webhooks/endpoints/${id}`)).expect(404);

      const audit = await sql(
        `SELECT action, actor_type, before, after FROM audit_log WHERE entity_type = 'webhook_endpoint' AND entity_id = $1 ORDER BY id`,
        [String(id)],
      );
      expect(audit.map((entry) => entry.action)).toEqual([
        'webhook_endpoint.create',
        'webhook_endpoint.update',
        'webhook_endpoint.update',
        'webhook_endpoint.enable',
        'webhook_endpoint.delete',
      ]);
      expect(audit.every((entry) => entry.actor_type === 'admin')).toBe(true);
      expect(audit[1].before.event_types).toEqual(['customer.created']);
      expect(audit[1].after.event_types).toEqual(['server.down', 'server.up']);
      expect(audit[2].after).toMatchObject({
        enabled: false,
        disabled_reason: 'Disabled by an admin',
      });
    });

    it('refuses invalid endpoints with field errors', async () => {
      const cases: Array<[Record<string, unknown>, string, RegExp]> = [
        [{ url: 'ftp://hooks.example.com/x' }, 'url', /http or https/],
        [{ url: 'https://u:p@hooks.example.com/x' }, 'url', /credentials/],
        [{ url: 'not a url' }, 'url', /valid absolute URL/],
        [{ event_types: [] }, 'event_types', /at least one event/],
        [{ event_types: ['customer.deleted'] }, 'event_types', /must be one of/],
        [{ event_types: ['ping'] }, 'event_types', /must be one of/],
        [{ event_types: ['server.up', 'server.up'] }, 'event_types', /repeat/],
        [{ enabled: null }, 'enabled', /boolean/],
        [{ secret: 'mine' }, 'secret', /should not exist/],
      ];
      for (const [change, field, message] of cases) {
        const response = await asAdmin(api().post('/api/v1/webhooks/endpoints'))
          .send({ url: receiver.url('/x'), event_types: ['server.up'], ...change })
          .expect(400);
        expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
        expect(response.body.details).toEqual(
          expect.arrayContaining([{ field, message: expect.stringMatching(message) }]),
        );
      }
      expect((await sql(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n).toBe(0);
      const { id } = await createEndpoint('/kept', ['server.up']);
      for (const [field, message] of [
        ['url', /url must be a URL/],
        ['event_types', /event_types must be an array/],
        ['enabled', /enabled must be a boolean/],
      ] as const) {
        const refused = await asAdmin(api().patch(`/api/v1/webhooks/endpoints/${id}`))
          .send({ [field]: null })
          .expect(400);
        expect(refused.body.details).toEqual(
          expect.arrayContaining([{ field, message: expect.stringMatching(message) }]),
        );
      }
      await asAdmin(api().patch(`/api/v1/webhooks/endpoints/${id}`))
        .send({ description: null })
        .expect(200);
      await asAdmin(api().patch('/api/v1/webhooks/endpoints/999999')).send({}).expect(404);
      await asAdmin(api().post('/api/v1/webhooks/endpoints/abc/ping')).expect(400);
      await asAdmin(api().post('/api/v1/webhooks/deliveries/0/resend')).expect(400);
      await asAdmin(api().post('/api/v1/webhooks/deliveries/999999/resend')).expect(404);
    });

    it('is for admins only', async () => {
      const customer = await insertCustomer(testApp);
      const customerToken = await loginAs(testApp, {
        email: customer.email,
        password: customer.password,
      });
      const routes: Array<[string, string]> = [
        ['get', '/api/v1/webhooks/endpoints'],
        ['post', '/api/v1/webhooks/endpoints'],
        ['patch', '/api/v1/webhooks/endpoints/1'],
        ['delete', '/api/v1/webhooks/endpoints/1'],
        ['post', '/api/v1/webhooks/endpoints/1/enable'],
        ['post', '/api/v1/webhooks/endpoints/1/rotate-secret'],
        ['post', '/api/v1/webhooks/endpoints/1/ping'],
        ['get', '/api/v1/webhooks/deliveries'],
        ['post', '/api/v1/webhooks/deliveries/1/resend'],
        ['get', '/api/v1/webhooks/settings'],
        ['patch', '/api/v1/webhooks/settings'],
      ];
      for (const [method, url] of routes) {
        const call = () =>
          (api() as unknown as Record<string, (u: string) => request.Test>)[method](url);
        expect((await call().expect(401)).body.code).toBe('UNAUTHENTICATED');
        const refused = await call().set('Authorization', `Bearer ${customerToken}`).expect(403);
        expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      }
    });
  });

  describe('delivery', () => {
    it('signs each delivery over "<t>.<raw body>" and sends the event id for dedupe', async () => {
      const { id, secret } = await createEndpoint('/signed', ['customer.created']);
      const customer = await createCustomer();
      const delivered = await settle('the delivery', async () => receiver.at('/signed')[0]);
      const body = JSON.parse(delivered.body);
      expect(Object.keys(body).sort()).toEqual(['created_at', 'data', 'id', 'type']);
      expect(body).toMatchObject({ type: 'customer.created', data: customer });
      expect(delivered.headers['content-type']).toBe('application/json');
      expect(delivered.headers['nextpanel-event-id']).toBe(body.id);
      expect(delivered.headers['nextpanel-event-type']).toBe('customer.created');
      expect(delivered.headers['nextpanel-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(signedWith(delivered.headers, delivered.body, secret)).toBe(true);
      expect(signedWith(delivered.headers, `${delivered.body} `, secret)).toBe(false);
      expect(signedWith(delivered.headers, delivered.body, 'npwhsec_someone_else')).toBe(false);

      const page = await asAdmin(api().get('/api/v1/webhooks/deliveries'))
        .query({ endpoint_id: id })
        .expect(200);
      expect(page.body).toMatchObject({ total: 1, page: 1 });
      const [item] = page.body.items;
      expect(item).toMatchObject({
        endpoint_id: id,
        endpoint_url: receiver.url('/signed'),
        event_id: body.id,
        event_type: 'customer.created',
        status: 'succeeded',
        attempts: 1,
        response_status: 200,
        latency_ms: expect.any(Number),
        last_error: null,
        next_attempt_at: null,
        resent_from_id: null,
        completed_at: expect.any(String),
      });
      expect(delivered.headers['nextpanel-delivery-id']).toBe(item.id);
      expect(item.response_excerpt).toHaveLength(1024);
      expect(item.response_excerpt.startsWith('accepted:xxx')).toBe(true);
      const endpoint = await asAdmin(api().get(`/api/v1/webhooks/endpoints/${id}`)).expect(200);
      expect(endpoint.body).toMatchObject({
        pending_deliveries: 0,
        consecutive_failures: 0,
        last_delivery_at: expect.any(String),
      });
      expect((await endpointRow(id)).delivery_job_id).toBeNull();
    });

    it('retries a delivery the receiver answered 500 twice, with backoff, and records each answer', async () => {
      const { id } = await createEndpoint('/flaky', ['customer.created']);
      receiver.failNext('/flaky', 500, 500);
      await createCustomer();
      const [delivery] = await settle('the third attempt', async () => {
        const rows = await deliveries(id);
        return rows[0]?.status === 'succeeded' ? rows : null;
      });
      expect(receiver.at('/flaky').map((r) => r.status)).toEqual([500, 500, 200]);
      expect(new Set(receiver.at('/flaky').map((r) => r.body)).size).toBe(1);
      expect(delivery).toMatchObject({ attempts: 3, response_status: 200, last_error: null });
      expect(delivery.first_attempt_at.getTime()).toBeLessThan(delivery.last_attempt_at.getTime());
      expect((await endpointRow(id)).consecutive_failures).toBe(0);
    });

    it('delivers events to one endpoint in order, later ones waiting while the first fails', async () => {
      const { id } = await createEndpoint('/ordered', ['customer.created']);
      receiver.failNext('/ordered', 503, 503);
      const first = await createCustomer();
      await jobs().drain(); // the first attempt fails; its retry is not due yet
      expect(receiver.at('/ordered').map((r) => r.status)).toEqual([503]);
      const second = await createCustomer();
      const third = await createCustomer();
      // Queued behind the first: no second job was started for them.
      expect((await deliveries(id)).map((d) => d.status)).toEqual([
        'pending',
        'pending',
        'pending',
      ]);
      expect(
        (
          await sql(
            `SELECT count(*)::int AS n FROM jobs WHERE queue = 'webhooks.deliver' AND status = 'queued'`,
          )
        )[0].n,
      ).toBe(1);

      await settle('every event', async () => receiver.at('/ordered').length === 5);
      expect(receiver.events('/ordered').map((event) => [event.data.email, event.status])).toEqual([
        [first.email, 503],
        [first.email, 503],
        [first.email, 200],
        [second.email, 200],
        [third.email, 200],
      ]);
      expect((await deliveries(id)).map((d) => [d.status, d.attempts])).toEqual([
        ['succeeded', 3],
        ['succeeded', 1],
        ['succeeded', 1],
      ]);
      // One job per delivery, each handing over to the next; none left behind.
      expect((await endpointRow(id)).delivery_job_id).toBeNull();
    });

    it('keeps each endpoint’s order while endpoints proceed independently', async () => {
      const slow = await createEndpoint('/slow', ['customer.created']);
      const fast = await createEndpoint('/fast', ['customer.created']);
      receiver.failNext('/slow', 500);
      await createCustomer();
      await createCustomer();
      await jobs().drain();
      // The fast endpoint does not wait for the slow one's retry.
      expect(receiver.at('/fast')).toHaveLength(2);
      await settle('the slow endpoint', async () => receiver.at('/slow').length === 3);
      expect(receiver.events('/slow').map((e) => e.id)).toEqual([
        ...receiver
          .events('/fast')
          .map((e) => e.id)
          .slice(0, 1),
        ...receiver.events('/fast').map((e) => e.id),
      ]);
      expect((await deliveries(slow.id)).every((d) => d.status === 'succeeded')).toBe(true);
      expect((await deliveries(fast.id)).every((d) => d.status === 'succeeded')).toBe(true);
    });

    it('resends a delivered event as a new delivery with the same event id and body', async () => {
      const { id, secret } = await createEndpoint('/resend', ['customer.created']);
      await createCustomer();
      const [original] = await settle('the delivery', async () => {
        const rows = await deliveries(id);
        return rows[0]?.status === 'succeeded' ? rows : null;
      });
      const resent = await asAdmin(
        api().post(`/api/v1/webhooks/deliveries/${original.id}/resend`),
      ).expect(201);
      expect(resent.body).toMatchObject({
        status: 'pending',
        attempts: 0,
        event_id: original.event_id,
        resent_from_id: String(original.id),
      });
      await settle('the resend', async () => receiver.at('/resend').length === 2);
      const [first, again] = receiver.at('/resend');
      expect(again.body).toBe(first.body);
      expect(again.headers['nextpanel-event-id']).toBe(first.headers['nextpanel-event-id']);
      expect(again.headers['nextpanel-delivery-id']).toBe(resent.body.id);
      expect(signedWith(again.headers, again.body, secret)).toBe(true);
      const [entry] = await sql(
        `SELECT * FROM audit_log WHERE action = 'webhook_delivery.resend' AND entity_id = $1`,
        [resent.body.id],
      );
      expect(entry).toMatchObject({ actor_type: 'admin' });

      // A pending delivery is already on its way.
      await createCustomer();
      const pending = (await deliveries(id)).find((d) => d.status === 'pending')!;
      const refused = await asAdmin(
        api().post(`/api/v1/webhooks/deliveries/${pending.id}/resend`),
      ).expect(409);
      expect(refused.body).toMatchObject({ statusCode: 409, code: 'WEBHOOK_DELIVERY_PENDING' });
    });

    it('sends the ping test event to one endpoint only', async () => {
      const target = await createEndpoint('/ping-me', ['server.down']);
      await createEndpoint('/not-me', ['server.down']);
      const response = await asAdmin(
        api().post(`/api/v1/webhooks/endpoints/${target.id}/ping`),
      ).expect(201);
      expect(response.body).toMatchObject({
        endpoint_id: target.id,
        event_type: 'ping',
        status: 'pending',
      });
      const ping = await settle('the ping', async () => receiver.at('/ping-me')[0]);
      expect(JSON.parse(ping.body)).toMatchObject({
        type: 'ping',
        data: { endpoint_id: target.id },
      });
      expect(signedWith(ping.headers, ping.body, target.secret)).toBe(true);
      expect(receiver.at('/not-me')).toHaveLength(0);
      const filtered = await asAdmin(api().get('/api/v1/webhooks/deliveries'))
        .query({ event_type: 'ping', status: 'succeeded' })
        .expect(200);
      expect(filtered.body.items.map((d: Row) => d.id)).toEqual([response.body.id]);
      await asAdmin(api().get('/api/v1/webhooks/deliveries')).query({ status: 'lost' }).expect(400);
    });

    it('signs with both secrets for a day after a rotation', async () => {
      const { id, secret: old } = await createEndpoint('/rotated', ['customer.created']);
      const rotated = await asAdmin(
        api().post(`/api/v1/webhooks/endpoints/${id}/rotate-secret`),
      ).expect(200);
      secrets.push(rotated.body.secret);
      expect(rotated.body.secret).not.toBe(old);
      expect(rotated.body.previous_secret_expires_at).toEqual(expect.any(String));
      await createCustomer();
      const delivered = await settle('the delivery', async () => receiver.at('/rotated')[0]);
      expect(String(delivered.headers['nextpanel-signature']).match(/v1=/g)).toHaveLength(2);
      expect(signedWith(delivered.headers, delivered.body, rotated.body.secret)).toBe(true);
      expect(signedWith(delivered.headers, delivered.body, old)).toBe(true);
    });
  });

  describe('an endpoint that keeps failing', () => {
    it('is disabled after its delivery is given up, the admins are emailed, and it resumes in order once enabled', async () => {
      const { id, url } = await createEndpoint('/broken', ['customer.created']);
      receiver.breakWith('/broken', 503);
      const first = await createCustomer();
      const second = await createCustomer();
      const disabled = await settle('the endpoint to be disabled', async () => {
        const row = await endpointRow(id);
        return row.enabled ? null : row;
      });
      expect(disabled.disabled_reason).toMatch(
        /^Delivery \d+ \(customer\.created\) failed 3 times over .+; last error: HTTP 503$/,
      );
      expect(disabled.delivery_job_id).toBeNull();
      expect(receiver.at('/broken')).toHaveLength(3);
      expect(receiver.events('/broken').every((e) => e.data.email === first.email)).toBe(true);
      const [given, waiting] = await deliveries(id);
      expect(given).toMatchObject({ status: 'failed', attempts: 3, response_status: 503 });
      expect(given.response_excerpt).toMatch(/^receiver error:x+$/);
      expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });

      const mail = await settle('the admin alert', async () =>
        smtp.to(ALERTS).find((m) => m.includes('webhook endpoint')),
      );
      expect(mail).toContain('A webhook endpoint was disabled');
      expect(mail).toContain(url);
      expect(mail).toContain('HTTP 503');
      const [audited] = await sql(
        `SELECT * FROM audit_log WHERE action = 'webhook_endpoint.disable' AND entity_id = $1`,
        [String(id)],
      );
      expect(audited).toMatchObject({
        actor_type: 'system',
        actor_label: 'webhooks.deliver',
        after: expect.objectContaining({ enabled: false }),
      });

      // Disabled: new events are not recorded for it, and nothing can be sent to it.
      await createCustomer();
      expect(await deliveries(id)).toHaveLength(2);
      const ping = await asAdmin(api().post(`/api/v1/webhooks/endpoints/${id}/ping`)).expect(409);
      expect(ping.body).toMatchObject({ code: 'WEBHOOK_ENDPOINT_DISABLED' });
      const resend = await asAdmin(
        api().post(`/api/v1/webhooks/deliveries/${given.id}/resend`),
      ).expect(409);
      expect(resend.body).toMatchObject({ code: 'WEBHOOK_ENDPOINT_DISABLED' });

      // Fixed and enabled: what waited goes out, then the resent first event.
      receiver.breakWith('/broken', null);
      const enabled = await asAdmin(api().post(`/api/v1/webhooks/endpoints/${id}/enable`)).expect(
        200,
      );
      expect(enabled.body).toMatchObject({
        enabled: true,
        consecutive_failures: 0,
        pending_deliveries: 1,
      });
      await settle('the waiting delivery', async () => receiver.at('/broken').length === 4);
      await asAdmin(api().post(`/api/v1/webhooks/deliveries/${given.id}/resend`)).expect(201);
      await settle('the resent delivery', async () => receiver.at('/broken').length === 5);
      expect(
        receiver
          .events('/broken')
          .slice(3)
          .map((e) => [e.data.email, e.status]),
      ).toEqual([
        [second.email, 200],
        [first.email, 200],
      ]);
    });
  });

  describe('private targets', () => {
    afterEach(() => setAllowPrivate(true));

    it('refuses loopback, link-local and names resolving to them while the setting is off', async () => {
      expect((await asAdmin(api().get('/api/v1/webhooks/settings')).expect(200)).body).toEqual({
        allow_private_targets: true,
      });
      await setAllowPrivate(false);
      const [setting] = await sql(
        `SELECT * FROM audit_log WHERE action = 'settings.update' AND entity_id = 'webhooks' ORDER BY id DESC LIMIT 1`,
      );
      expect(setting.after).toEqual({ allow_private_targets: false });
      const empty = await asAdmin(api().patch('/api/v1/webhooks/settings')).send({}).expect(400);
      expect(empty.body.details).toEqual([
        {
          field: 'allow_private_targets',
          message: 'allow_private_targets must be a boolean value',
        },
      ]);
      const refused: Array<[string, RegExp]> = [
        ['http://127.0.0.1:1/x', /^127\.0\.0\.1 is a loopback address/],
        ['http://[::1]/', /^::1 is a loopback address/],
        ['http://[::ffff:127.0.0.1]:8080/', /^::ffff:7f00:1 is a loopback address/],
        ['http://2130706433/', /^127\.0\.0\.1 is a loopback address/],
        ['http://localhost:1/x', /^localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
        ['http://169.254.169.254/latest/meta-data', /link-local address/],
        ['http://[fe80::1]/', /link-local address/],
        ['http://0.0.0.0:8080/', /unspecified/],
      ];
      for (const [url, message] of refused) {
        const response = await asAdmin(api().post('/api/v1/webhooks/endpoints'))
          .send({ url, event_types: ['server.up'] })
          .expect(400);
        expect(response.body).toMatchObject({
          statusCode: 400,
          code: 'WEBHOOK_URL_NOT_ALLOWED',
          message: expect.stringMatching(message),
          details: [{ field: 'url', message: expect.stringMatching(message) }],
        });
        expect(response.body.message).toContain('unless an admin allows private targets');
      }
      expect((await sql(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n).toBe(0);

      await setAllowPrivate(true);
      for (const [url] of refused.slice(0, 5)) {
        await asAdmin(api().post('/api/v1/webhooks/endpoints'))
          .send({ url, event_types: ['server.up'] })
          .expect(201);
      }
    });

    it('checks again at delivery time and refuses to connect while the setting is off', async () => {
      const { id } = await createEndpoint('/internal', ['customer.created']);
      await setAllowPrivate(false);
      const patched = await asAdmin(api().patch(`/api/v1/webhooks/endpoints/${id}`))
        .send({ url: 'http://localhost:1/x' })
        .expect(400);
      expect(patched.body.code).toBe('WEBHOOK_URL_NOT_ALLOWED');
      await createCustomer();
      await jobs().drain();
      const [delivery] = await deliveries(id);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, response_status: null });
      expect(delivery.last_error).toBe(
        'Not sent: 127.0.0.1 is a loopback address; webhooks are sent only to public addresses unless an admin allows private targets (Settings → Webhooks)',
      );
      expect(receiver.at('/internal')).toHaveLength(0);
      await setAllowPrivate(true);
      await settle('the delivery', async () => receiver.at('/internal').length === 1);
    });
  });

  describe('publishing', () => {
    it('records an event only when the transaction that reports it commits', async () => {
      const { id } = await createEndpoint('/tx', ['customer.created']);
      const events = testApp.app.get(IntegrationEvents);
      const data = {
        id: 999_001,
        email: 'rolled-back@example.com',
        full_name: 'Never',
        company_name: null,
        phone: null,
        is_active: true,
        last_login_at: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      };
      await expect(
        testApp.dataSource.transaction(async (manager) => {
          expect(await events.publish('customer.created', data, manager)).toEqual(
            expect.any(String),
          );
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await deliveries(id)).toHaveLength(0);
      expect(
        (
          await sql(
            `SELECT count(*)::int AS n FROM webhook_events WHERE payload LIKE '%rolled-back%'`,
          )
        )[0].n,
      ).toBe(0);
      expect((await endpointRow(id)).delivery_job_id).toBeNull();
      await jobs().drain();
      expect(receiver.at('/tx')).toHaveLength(0);

      // A refused change publishes nothing either.
      const customer = await createCustomer();
      await asAdmin(api().post('/api/v1/customers'))
        .send({ email: customer.email, full_name: 'Twin', password: 'Hooked12345!' })
        .expect(409);
      const eventId = await testApp.dataSource.transaction((manager) =>
        events.publish('customer.created', { ...data, email: 'committed@example.com' }, manager),
      );
      await settle('both events', async () => receiver.at('/tx').length === 2);
      expect(receiver.events('/tx').map((e) => e.data.email)).toEqual([
        customer.email,
        'committed@example.com',
      ]);
      expect(receiver.events('/tx')[1].id).toBe(eventId);
      // Nobody subscribed: nothing is written.
      await expect(
        testApp.dataSource.transaction((manager) =>
          events.publish('server.up', { id: 1 } as never, manager),
        ),
      ).resolves.toBeNull();
    });

    it('reports customers, licenses, payments and provisioned accounts from the API and the order flow', async () => {
      await createEndpoint('/all', [
        'customer.created',
        'license.created',
        'payment.succeeded',
        'account.provisioned',
      ]);
      const customer = await createCustomer();
      const register = await api()
        .post('/api/v1/auth/register')
        .send({
          email: `storefront${++sequence}@example.com`,
          password: 'Shopper123!',
          full_name: 'Shopper',
        })
        .expect(201);
      expect(register.body.access_token).toEqual(expect.any(String));
      const license = await asAdmin(api().post(`/api/v1/customers/${customer.id}/licenses`))
        .send({ plan_id: plans[0].id, billing_cycle: 'monthly' })
        .expect(201);
      const orderId = await pendingOrder(customer.id);
      await asAdmin(api().post(`/api/v1/orders/${orderId}/mark-paid`)).expect(200);
      await settle('the order to complete', async () =>
        receiver.events('/all').some((e) => e.type === 'account.provisioned'),
      );
      const events = receiver.events('/all');
      expect(events.map((e) => e.type)).toEqual([
        'customer.created',
        'customer.created',
        'license.created',
        'payment.succeeded',
        'license.created',
        'account.provisioned',
      ]);
      expect(events[0].data).toEqual(customer);
      expect(events[1].data).toMatchObject({ email: `storefront${sequence}@example.com` });
      expect(events[2].data).toEqual(license.body);
      const [order] = await sql(`SELECT * FROM orders WHERE id = $1`, [orderId]);
      expect(events[3].data).toMatchObject({
        customer_id: customer.id,
        order_id: orderId,
        kind: 'manual',
        status: 'succeeded',
        amount: 14.99,
        currency: 'USD',
      });
      expect(events[4].data).toMatchObject({ id: order.license_id, customer_id: customer.id });
      const account = await asAdmin(
        api().get(`/api/v1/nextpanel/accounts/${order.hosting_account_id}`),
      ).expect(200);
      expect(events[5].data).toMatchObject({
        id: order.hosting_account_id,
        status: 'active',
        server_id: serverId,
        username: account.body.username,
      });
      expect(Object.keys(events[5].data).sort()).toEqual(
        expect.arrayContaining([
          'id',
          'customer_id',
          'server_id',
          'server_name',
          'status',
          'username',
        ]),
      );
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    });

    it('reports an account whose provisioning failed for good', async () => {
      await createEndpoint('/failed', ['account.failed']);
      const customer = await insertCustomer(testApp);
      await setFaults(panel, { failure_rate: 1, failure_mode: 'before_effect' });
      const orderId = await pendingOrder(customer.id);
      await asAdmin(api().post(`/api/v1/orders/${orderId}/mark-paid`)).expect(200);
      const failed = await settle('account.failed', async () => receiver.events('/failed')[0]);
      const [order] = await sql(`SELECT * FROM orders WHERE id = $1`, [orderId]);
      expect(order.status).toBe('failed');
      expect(failed).toMatchObject({
        type: 'account.failed',
        data: { id: order.hosting_account_id, customer_id: customer.id, status: 'failed' },
      });
    });

    it('reports Stripe payments, failed renewals included', async () => {
      await createEndpoint('/payments', ['payment.succeeded', 'payment.failed']);
      const customer = await insertCustomer(testApp);
      const orderId = await pendingOrder(customer.id);
      await sendStripeEvent('checkout.session.completed', {
        id: `cs_hooks_${orderId}`,
        object: 'checkout.session',
        payment_status: 'paid',
        client_reference_id: String(orderId),
        metadata: { order_id: String(orderId) },
        customer: `cus_hooks_${orderId}`,
        subscription: `sub_hooks_${orderId}`,
      });
      await settle('the order to complete', async () => {
        const [order] = await sql(`SELECT status FROM orders WHERE id = $1`, [orderId]);
        return order.status === 'completed';
      });
      await sendStripeEvent('invoice.payment_failed', {
        id: `in_hooks_fail_${orderId}`,
        object: 'invoice',
        subscription: `sub_hooks_${orderId}`,
        amount_due: 1499,
        currency: 'usd',
      });
      await settle('both payments', async () => receiver.at('/payments').length === 2);
      const [paid, failed] = receiver.events('/payments');
      expect(paid).toMatchObject({
        type: 'payment.succeeded',
        data: {
          customer_id: customer.id,
          order_id: orderId,
          kind: 'checkout',
          status: 'succeeded',
        },
      });
      expect(failed).toMatchObject({
        type: 'payment.failed',
        data: {
          customer_id: customer.id,
          kind: 'renewal',
          status: 'failed',
          amount: 14.99,
          failure_reason: expect.any(String),
        },
      });
    });

    it('reports a panel server going down and coming back', async () => {
      await createEndpoint('/servers', ['server.down', 'server.up']);
      const monitor = testApp.app.get(ServerMonitor);
      await setFaults(panel, { health_down: true });
      await monitor.checkAll();
      await monitor.checkAll();
      await clearFaults(panel);
      await monitor.checkAll();
      await settle('both server events', async () => receiver.at('/servers').length === 2);
      const [down, up] = receiver.events('/servers');
      expect(down).toMatchObject({
        type: 'server.down',
        data: { id: serverId, base_url: panel.url, is_online: false, consecutive_failures: 2 },
      });
      expect(down.data.last_error).toEqual(expect.any(String));
      expect(up).toMatchObject({
        type: 'server.up',
        data: { id: serverId, is_online: true, last_error: null, consecutive_failures: 0 },
      });
      expect(up.data.response_time_ms).toEqual(expect.any(Number));
    });
  });

  describe('secrets', () => {
    // Runs last: by now every test above has handed out secrets.
    it('never shows a signing secret after the answer that created it: not in responses, logs, audit or mail', async () => {
      expect(secrets.length).toBeGreaterThan(5);
      const { id, secret } = await createEndpoint('/last', ['customer.created']);
      const rotated = await asAdmin(
        api().post(`/api/v1/webhooks/endpoints/${id}/rotate-secret`),
      ).expect(200);
      secrets.push(rotated.body.secret);
      await createCustomer();
      await settle('the delivery', async () => receiver.at('/last').length === 1);
      const seen = [
        JSON.stringify((await asAdmin(api().get('/api/v1/webhooks/endpoints')).expect(200)).body),
        JSON.stringify(
          (await asAdmin(api().get(`/api/v1/webhooks/endpoints/${id}`)).expect(200)).body,
        ),
        JSON.stringify(
          (
            await asAdmin(api().patch(`/api/v1/webhooks/endpoints/${id}`))
              .send({})
              .expect(200)
          ).body,
        ),
        JSON.stringify(
          (
            await asAdmin(api().get('/api/v1/webhooks/deliveries'))
              .query({ page_size: 100 })
              .expect(200)
          ).body,
        ),
        JSON.stringify(await sql(`SELECT * FROM audit_log`)),
        JSON.stringify(await sql(`SELECT * FROM webhook_events`)),
        JSON.stringify(await sql(`SELECT * FROM jobs`)),
        JSON.stringify(
          await sql(`SELECT secret_sealed, previous_secret_sealed FROM webhook_endpoints`),
        ),
        testApp.logs.join('\n'),
        smtp.messages.map((m) => m.raw).join('\n'),
        receiver.received.map((r) => JSON.stringify(r)).join('\n'),
      ].join('\n');
      expect(secret).not.toBe(rotated.body.secret);
      for (const value of secrets) expect(seen).not.toContain(value.slice('npwhsec_'.length));
    });
  });
});
