import { MaintenanceService } from '../src/maintenance/maintenance.service';
import { createTestApp, TestApp } from './support/test-app';

describe('hourly housekeeping', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('removes expired rate-limit windows, stale signatures and old finished jobs, and nothing else', async () => {
    const sql = (text: string) => testApp.dataSource.query(text);
    await sql(
      `INSERT INTO rate_limit_buckets (key, hits, reset_at) VALUES ('old', 3, now() - interval '1 minute'), ('live', 1, now() + interval '1 minute')`,
    );
    await sql(
      `INSERT INTO license_validation_signatures (server_id, signature, expires_at) VALUES (1, 'a', now() - interval '1 minute'), (1, 'b', now() + interval '1 minute')`,
    );
    await sql(
      `INSERT INTO jobs (queue, status, finished_at) VALUES ('x', 'succeeded', now() - interval '30 days'), ('x', 'succeeded', now()), ('x', 'failed', now() - interval '30 days')`,
    );

    // Three month-old events: settled, still pending, and one without deliveries; one recent.
    const [endpoint] = await sql(
      `INSERT INTO webhook_endpoints (url, event_types, secret_sealed) VALUES ('https://example.com/h', '{customer.created}', 'sealed') RETURNING id`,
    );
    await sql(
      `INSERT INTO webhook_events (id, type, payload, created_at) VALUES
         ('00000000-0000-4000-8000-0000000000a1', 'customer.created', '{}', now() - interval '40 days'),
         ('00000000-0000-4000-8000-0000000000a2', 'customer.created', '{}', now() - interval '40 days'),
         ('00000000-0000-4000-8000-0000000000a3', 'customer.created', '{}', now() - interval '40 days'),
         ('00000000-0000-4000-8000-0000000000a4', 'customer.created', '{}', now())`,
    );
    await sql(
      `INSERT INTO webhook_deliveries (endpoint_id, event_id, status) VALUES
         (${endpoint.id}, '00000000-0000-4000-8000-0000000000a1', 'succeeded'),
         (${endpoint.id}, '00000000-0000-4000-8000-0000000000a2', 'pending'),
         (${endpoint.id}, '00000000-0000-4000-8000-0000000000a4', 'succeeded')`,
    );

    expect(await testApp.app.get(MaintenanceService).cleanUp()).toEqual({
      rateLimitBuckets: 1,
      signatures: 1,
      jobs: 1,
      usageSamples: 0,
      idempotencyKeys: 0,
      webhookEvents: 2,
    });
    expect(await sql(`SELECT id FROM webhook_events ORDER BY id`)).toEqual([
      { id: '00000000-0000-4000-8000-0000000000a2' },
      { id: '00000000-0000-4000-8000-0000000000a4' },
    ]);
    expect(await sql(`SELECT count(*)::int AS n FROM webhook_deliveries`)).toEqual([{ n: 2 }]);
    expect(await sql(`SELECT key FROM rate_limit_buckets WHERE key IN ('old', 'live')`)).toEqual([
      { key: 'live' },
    ]);
    expect(await sql(`SELECT signature FROM license_validation_signatures`)).toEqual([
      { signature: 'b' },
    ]);
    expect(await sql(`SELECT status FROM jobs WHERE queue = 'x' ORDER BY id`)).toEqual([
      { status: 'succeeded' },
      { status: 'failed' },
    ]);
  });
});
