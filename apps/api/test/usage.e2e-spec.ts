import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AccountUsageResponse, AccountUsageSample } from '@nextpanel/shared';
import request from 'supertest';
import { createApp } from '../src/app/create-app';
import { JobQueue } from '../src/jobs/job-queue.service';
import { JobScheduler } from '../src/jobs/job-scheduler';
import { MaintenanceService } from '../src/maintenance/maintenance.service';
import { UsageCollector } from '../src/usage/usage-collector.service';
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

const INTERVAL_MS = 15 * 60_000;

describe('account usage history and warnings', () => {
  let testApp: TestApp;
  let secondProcess: NestFastifyApplication;
  let healthy: SpawnedSimulator;
  let faulty: SpawnedSimulator;
  const sink = new SmtpSink();
  let adminToken: string;
  let healthyServerId: number;
  let faultyServerId: number;
  let alice: { id: number; email: string; password: string };
  let bob: { id: number; email: string; password: string };
  /** Alice's accounts on the healthy panel. */
  const accounts = {} as Record<
    'licensed' | 'unlicensed' | 'suspended' | 'terminated',
    { id: number; panelId: number }
  >;
  /** Bob's accounts on the panel that misbehaves. */
  const faultyAccounts: Array<{ id: number; panelId: number }> = [];
  let sequence = 0;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
    testApp.dataSource.query(text, params);
  const collector = () => testApp.app.get(UsageCollector);
  const drain = () => testApp.app.get(JobQueue).drain();

  /** Creates the account on the panel itself and records it in billing, like a provisioned one. */
  async function hostingAccount(
    panel: SpawnedSimulator,
    serverId: number,
    customerId: number,
    options: { status?: string; licenseId?: number | null } = {},
  ): Promise<{ id: number; panelId: number }> {
    sequence += 1;
    const username = `usage${sequence}`;
    const created = await fetch(`${panel.url}/api/v1/billing/accounts`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-API-Key': panel.apiKey,
        'X-API-Secret': panel.apiSecret,
      },
      body: JSON.stringify({
        username,
        email: `${username}@example.com`,
        password: 'Usage12345!',
        full_name: 'Usage Test',
      }),
    });
    if (created.status !== 201 && created.status !== 200)
      throw new Error(`creating a panel account failed: ${created.status}`);
    const panelId = ((await created.json()) as { id: number }).id;
    const [row] = await sql<{ id: number }>(
      `INSERT INTO hosting_accounts (customer_id, server_id, license_id, username, email, status, nextpanel_user_id, provisioned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
      [
        customerId,
        serverId,
        options.licenseId ?? null,
        username,
        `${username}@example.com`,
        options.status ?? 'active',
        panelId,
      ],
    );
    return { id: row.id, panelId };
  }

  /** A license on the Starter plan's quotas: 2 databases, 1 domain, 5 mailboxes, 10 GB. */
  async function starterLicense(customerId: number): Promise<number> {
    sequence += 1;
    const [row] = await sql<{ id: number }>(
      `INSERT INTO licenses (license_key, customer_id, plan_id, status, billing_cycle,
                             max_databases, max_domains, max_email_accounts, max_disk_gb)
       SELECT $1, $2, id, 'active', 'monthly', 2, 1, 5, 10 FROM plans WHERE name = 'Starter'
       RETURNING id`,
      [`NP-USGE-${String(sequence).padStart(4, '0')}-TEST`, customerId],
    );
    return row.id;
  }

  async function setUsage(
    panel: SpawnedSimulator,
    panelId: number,
    usage: Record<string, number>,
  ): Promise<void> {
    const response = await fetch(`${panel.url}/__control/accounts/${panelId}/usage`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...panel.controlHeaders },
      body: JSON.stringify(usage),
    });
    if (!response.ok) throw new Error(`setting usage failed: ${response.status}`);
  }

  async function statsCalls(panel: SpawnedSimulator): Promise<number> {
    const response = await fetch(`${panel.url}/__control/requests`, {
      headers: panel.controlHeaders,
    });
    const body = (await response.json()) as { routes: Record<string, { count: number }> };
    return body.routes['GET /api/v1/billing/accounts/:id/stats']?.count ?? 0;
  }

  const samplesOf = (accountId: number) =>
    sql<{ disk_used_mb: number; databases: number; domains: number; email_accounts: number }>(
      `SELECT disk_used_mb, databases, domains, email_accounts FROM account_usage_samples
       WHERE account_id = $1 ORDER BY sampled_at, id`,
      [accountId],
    );
  const stateOf = async (accountId: number) =>
    (
      await sql<{ last_error: string | null; consecutive_failures: number }>(
        `SELECT last_error, consecutive_failures FROM account_usage_state WHERE account_id = $1`,
        [accountId],
      )
    )[0];
  const warningsTo = (email: string) => sink.to(email).filter((m) => /close to its limits/.test(m));
  const usage = (accountId: number, token = adminToken, query = '') =>
    request(testApp.http)
      .get(`/api/v1/nextpanel/accounts/${accountId}/usage${query}`)
      .set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    await sink.start();
    [healthy, faulty] = await Promise.all([spawnSimulator(), spawnSimulator()]);
    testApp = await createTestApp({
      SMTP_URL: sink.url,
      USAGE_COLLECT_INTERVAL_MS: String(INTERVAL_MS),
      USAGE_STATS_TIMEOUT_MS: '1500',
      USAGE_WARNING_PERCENT: '90',
      USAGE_WARNING_HYSTERESIS_PERCENT: '5',
    });
    // A second API process on the same database, as a second replica would be.
    secondProcess = await createApp(testApp.config);
    await secondProcess.init();

    adminToken = await loginAs(testApp);
    healthyServerId = (await addServer(testApp, adminToken, healthy)).id;
    faultyServerId = (await addServer(testApp, adminToken, faulty)).id;
    alice = await insertCustomer(testApp, { fullName: 'Alice Example' });
    bob = await insertCustomer(testApp, { fullName: 'Bob Example' });

    const licenseId = await starterLicense(alice.id);
    accounts.licensed = await hostingAccount(healthy, healthyServerId, alice.id, { licenseId });
    accounts.unlicensed = await hostingAccount(healthy, healthyServerId, alice.id);
    accounts.suspended = await hostingAccount(healthy, healthyServerId, alice.id, {
      status: 'suspended',
      licenseId,
    });
    accounts.terminated = await hostingAccount(healthy, healthyServerId, alice.id, {
      status: 'terminated',
    });
    for (let i = 0; i < 5; i++) {
      faultyAccounts.push(
        await hostingAccount(faulty, faultyServerId, bob.id, {
          licenseId: await starterLicense(bob.id),
        }),
      );
    }
    await setUsage(healthy, accounts.licensed.panelId, {
      storage_used: 2048.5,
      total_databases: 1,
      total_domains: 0,
      total_email_accounts: 2,
      total_ssl_certificates: 1,
    });
    await setUsage(healthy, accounts.unlicensed.panelId, { total_databases: 7 });
  });

  afterAll(async () => {
    await secondProcess.close();
    await Promise.all([testApp.close(), healthy.stop(), faulty.stop(), sink.stop()]);
  });

  afterEach(() => Promise.all([clearFaults(healthy), clearFaults(faulty)]));

  it('runs one collection per time slot across two API processes, for active accounts on online servers only', async () => {
    await sql(`UPDATE panel_servers SET is_online = false WHERE id = $1`, [faultyServerId]);
    const now = new Date('2026-11-26T12:07:00Z');
    const collectJobs = async () =>
      (
        await sql<{ n: number; keys: string[] }>(
          `SELECT count(*)::int AS n, array_agg(dedupe_key) AS keys FROM jobs WHERE queue = 'usage.collect'`,
        )
      )[0];

    await Promise.all([
      testApp.app.get(JobScheduler).tick(now),
      secondProcess.get(JobScheduler).tick(now),
    ]);
    await secondProcess.get(JobScheduler).tick(new Date('2026-11-26T12:14:59Z'));
    const slot = Math.floor(now.getTime() / INTERVAL_MS);
    expect(await collectJobs()).toEqual({ n: 1, keys: [`cron:usage-collect:${slot}`] });

    // Only the collection: the slot's other jobs (a health check would bring the offline server
    // back) are not what this test is about.
    await sql(`DELETE FROM jobs WHERE queue <> 'usage.collect'`);
    await drain();
    expect(
      (await sql<{ status: string }>(`SELECT status FROM jobs WHERE queue = 'usage.collect'`))[0]
        .status,
    ).toBe('succeeded');
    expect(await samplesOf(accounts.licensed.id)).toEqual([
      { disk_used_mb: 2048.5, databases: 1, domains: 0, email_accounts: 2 },
    ]);
    expect(await samplesOf(accounts.unlicensed.id)).toEqual([
      { disk_used_mb: 0, databases: 7, domains: 0, email_accounts: 0 },
    ]);
    // Suspended and terminated accounts, and every account of the offline server, are skipped.
    expect(await samplesOf(accounts.suspended.id)).toEqual([]);
    expect(await samplesOf(accounts.terminated.id)).toEqual([]);
    expect(await samplesOf(faultyAccounts[0].id)).toEqual([]);
    expect(await statsCalls(faulty)).toBe(0);
    expect(await stateOf(accounts.licensed.id)).toEqual({
      last_error: null,
      consecutive_failures: 0,
    });

    await testApp.app.get(JobScheduler).tick(new Date('2026-11-26T12:15:00Z'));
    expect((await collectJobs()).n).toBe(2);
    await sql(`DELETE FROM jobs WHERE status = 'queued'`);
    await sql(`UPDATE panel_servers SET is_online = true WHERE id = $1`, [faultyServerId]);
  });

  it('records a hanging or failing panel per account and still collects the other servers', async () => {
    const before = (await samplesOf(accounts.licensed.id)).length;
    await setFaults(faulty, { hang: true });
    const summary = await collector().collectAll();
    expect(summary).toMatchObject({ accounts: 7, collected: 2, failed: 5 });
    expect(await samplesOf(accounts.licensed.id)).toHaveLength(before + 1);
    for (const account of faultyAccounts) {
      expect(await samplesOf(account.id)).toEqual([]);
      expect(await stateOf(account.id)).toEqual({
        last_error: expect.stringMatching(/did not answer within 1\.5 seconds|skipped/),
        consecutive_failures: 1,
      });
    }
    // After three unanswered calls in a row the server's remaining accounts are not even tried.
    const errors = await Promise.all(
      faultyAccounts.map(async (a) => (await stateOf(a.id)).last_error),
    );
    expect(errors.filter((e) => e?.startsWith('skipped:'))).toHaveLength(1);
    expect(await statsCalls(faulty)).toBe(4);

    await setFaults(faulty, { hang: false, failure_rate: 1 });
    await collector().collectAll();
    expect(await stateOf(faultyAccounts[0].id)).toEqual({
      last_error: expect.stringContaining('failed with HTTP 500'),
      consecutive_failures: 2,
    });
    const shown = await usage(faultyAccounts[0].id).expect(200);
    expect(shown.body.collection).toMatchObject({
      last_error: expect.stringContaining('failed with HTTP 500'),
      last_success_at: null,
      consecutive_failures: 2,
    });

    await clearFaults(faulty);
    await collector().collectAll();
    expect(await stateOf(faultyAccounts[0].id)).toEqual({
      last_error: null,
      consecutive_failures: 0,
    });
  });

  it('warns the customer once per crossing of the threshold, with hysteresis', async () => {
    const { licensed } = accounts;
    const run = async (storageUsed: number) => {
      await setUsage(healthy, licensed.panelId, { storage_used: storageUsed });
      await collector().collectAll();
      await drain();
    };
    const warnings = async () =>
      sql<{ metric: string }>(`SELECT metric FROM account_usage_warnings WHERE account_id = $1`, [
        licensed.id,
      ]);

    await run(9000); // 87.9 %: under the threshold
    expect(warningsTo(alice.email)).toHaveLength(0);

    await run(9300); // 90.8 %: crossed
    expect(warningsTo(alice.email)).toHaveLength(1);
    const [mail] = warningsTo(alice.email);
    expect(mail).toContain('Disk space: 9.1 GB of 10 GB (90.8%)');
    expect(mail).toContain('Hello Alice Example');
    expect(mail).not.toContain('Databases:');
    expect(await warnings()).toEqual([{ metric: 'disk' }]);

    await run(9500); // still above: nothing new
    await run(8900); // 86.9 %: below the threshold but within the hysteresis band
    await run(9300); // back above without having re-armed: nothing new
    expect(warningsTo(alice.email)).toHaveLength(1);

    await run(5000); // 48.8 %: clearly below, re-armed
    expect(await warnings()).toEqual([]);
    expect(warningsTo(alice.email)).toHaveLength(1);

    await run(9300); // a new crossing
    expect(warningsTo(alice.email)).toHaveLength(2);
    expect(
      await sql(`SELECT count(*)::int AS n FROM email_outbox WHERE template = 'usage_warning'`),
    ).toEqual([{ n: 2 }]);
    // The account without a license has no quota, whatever it uses.
    expect(
      await sql(`SELECT * FROM account_usage_warnings WHERE account_id = $1`, [
        accounts.unlicensed.id,
      ]),
    ).toEqual([]);
  });

  it('sends one warning when two processes collect the same crossing at once', async () => {
    const { licensed } = accounts;
    const sent = warningsTo(alice.email).length;
    await setUsage(healthy, licensed.panelId, { total_databases: 2 }); // 2 of 2: 100 %
    await Promise.all([collector().collectAll(), secondProcess.get(UsageCollector).collectAll()]);
    await drain();
    const received = warningsTo(alice.email);
    expect(received).toHaveLength(sent + 1);
    expect(received[received.length - 1]).toContain('Databases: 2 of 2 (100%)');
    expect(received[received.length - 1]).not.toContain('Disk space:');
  });

  it('shows current usage against the license quota and the series', async () => {
    const { licensed, unlicensed } = accounts;
    const samples = await samplesOf(licensed.id);
    const response = await usage(licensed.id).expect(200);
    expect(response.body).toMatchObject({
      account_id: licensed.id,
      quota: { disk_mb: 10240, databases: 2, domains: 1, email_accounts: 5 },
      current: {
        disk_used_mb: 9300,
        databases: 2,
        domains: 0,
        email_accounts: 2,
        ssl_certificates: 1,
        sampled_at: expect.any(String),
        percent: { disk: 90.8, databases: 100, domains: 0, email_accounts: 40 },
      },
      warning_percent: 90,
      warnings: [
        { metric: 'databases', percent: 100, warned_at: expect.any(String) },
        { metric: 'disk', percent: 90.8, warned_at: expect.any(String) },
      ],
      collection: { last_error: null, consecutive_failures: 0 },
      bucket_seconds: null,
    });
    expect(response.body.samples).toHaveLength(samples.length);
    expect(response.body.samples.map((s: { disk_used_mb: number }) => s.disk_used_mb)).toEqual(
      samples.map((s) => s.disk_used_mb),
    );
    const times = response.body.samples.map((s: { sampled_at: string }) => s.sampled_at);
    expect([...times].sort()).toEqual(times);

    const withoutLicense = await usage(unlicensed.id).expect(200);
    expect(withoutLicense.body).toMatchObject({
      quota: null,
      current: { databases: 7, percent: null },
      warnings: [],
    });

    // A range before the first sample: no series, but the current figures all the same.
    const empty = await usage(
      licensed.id,
      adminToken,
      '?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z',
    ).expect(200);
    expect(empty.body).toMatchObject({
      samples: [],
      from: '2020-01-01T00:00:00.000Z',
      to: '2020-01-02T00:00:00.000Z',
      current: { databases: 2 },
    });
  });

  it('downsamples a long range to at most 500 per-bucket peaks', async () => {
    const { unlicensed } = accounts;
    await sql(
      `INSERT INTO account_usage_samples (account_id, sampled_at, disk_used_mb, databases, domains, email_accounts, ssl_certificates)
       SELECT $1, timestamptz '2026-01-01T00:00:00Z' + g * interval '15 minutes',
              g, CASE WHEN g = 1234 THEN 99 ELSE 1 END, 0, 0, 0
       FROM generate_series(0, 2879) AS g`,
      [unlicensed.id],
    );
    const response = await usage(
      unlicensed.id,
      adminToken,
      '?from=2026-01-01T00:00:00Z&to=2026-01-31T00:00:00Z',
    ).expect(200);
    const { samples, bucket_seconds: bucket } = response.body as {
      samples: Array<{ sampled_at: string; databases: number; disk_used_mb: number }>;
      bucket_seconds: number;
    };
    expect(bucket).toBe(Math.ceil((30 * 24 * 3600) / 499));
    expect(samples.length).toBeLessThanOrEqual(500);
    expect(samples.length).toBeGreaterThan(400);
    expect(Math.max(...samples.map((s) => s.databases))).toBe(99);
    expect(samples[samples.length - 1].disk_used_mb).toBe(2879);
    const times = samples.map((s) => s.sampled_at);
    expect([...times].sort()).toEqual(times);

    // A short range comes back as stored.
    const raw = await usage(
      unlicensed.id,
      adminToken,
      '?from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z',
    ).expect(200);
    expect(raw.body.bucket_seconds).toBeNull();
    expect(raw.body.samples.map((s: { disk_used_mb: number }) => s.disk_used_mb)).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });

  it('refuses bad ranges, unknown accounts and the wrong people', async () => {
    const { licensed } = accounts;
    const reversed = await usage(
      licensed.id,
      adminToken,
      '?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    ).expect(400);
    expect(reversed.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      details: [{ field: 'from', message: 'from must be before to' }],
    });
    const garbage = await usage(licensed.id, adminToken, '?from=yesterday').expect(400);
    expect(garbage.body.details).toEqual([
      { field: 'from', message: 'from must be an ISO 8601 date' },
    ]);
    expect((await usage(999999).expect(404)).body).toMatchObject({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Hosting account not found',
    });
    await request(testApp.http)
      .get(`/api/v1/nextpanel/accounts/abc/usage`)
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(400);
    await request(testApp.http).get(`/api/v1/nextpanel/accounts/${licensed.id}/usage`).expect(401);

    const aliceToken = await loginAs(testApp, { email: alice.email, password: alice.password });
    const bobToken = await loginAs(testApp, { email: bob.email, password: bob.password });
    const forbidden = await usage(licensed.id, aliceToken).expect(403);
    expect(forbidden.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });

    const mine = await request(testApp.http)
      .get(`/api/v1/my/accounts/${licensed.id}/usage`)
      .set('Authorization', `Bearer ${aliceToken}`)
      .expect(200);
    expect(mine.body).toMatchObject({
      account_id: licensed.id,
      quota: { databases: 2 },
      current: { databases: 2 },
      collection: null,
    });
    const notBobs = await request(testApp.http)
      .get(`/api/v1/my/accounts/${licensed.id}/usage`)
      .set('Authorization', `Bearer ${bobToken}`)
      .expect(404);
    expect(notBobs.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    await request(testApp.http)
      .get(`/api/v1/my/accounts/${licensed.id}/usage`)
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(403);
  });

  it('lets admins change the threshold, which the next collection uses', async () => {
    const settings = () =>
      request(testApp.http)
        .get('/api/v1/usage/settings')
        .set('Authorization', `Bearer ${adminToken}`);
    const change = (body: object, token = adminToken) =>
      request(testApp.http)
        .patch('/api/v1/usage/settings')
        .set('Authorization', `Bearer ${token}`)
        .send(body);
    expect((await settings().expect(200)).body).toEqual({
      warning_percent: 90,
      hysteresis_percent: 5,
    });
    const tooHigh = await change({ warning_percent: 150 }).expect(400);
    expect(tooHigh.body.details).toEqual([
      { field: 'warning_percent', message: expect.stringContaining('warning_percent') },
    ]);
    const band = await change({ hysteresis_percent: 40, warning_percent: 30 }).expect(400);
    expect(band.body.details[0].field).toBe('hysteresis_percent');
    const aliceToken = await loginAs(testApp, { email: alice.email, password: alice.password });
    await change({ warning_percent: 50 }, aliceToken).expect(403);

    expect((await change({ warning_percent: 60 }).expect(200)).body).toEqual({
      warning_percent: 60,
      hysteresis_percent: 5,
    });
    expect(
      await sql(
        `SELECT action FROM audit_log WHERE entity_type = 'settings' AND entity_id = 'usage'`,
      ),
    ).toEqual([{ action: 'settings.update' }]);

    // 3 of 5 mailboxes = 60 %: a warning now, where it was none at 90 %.
    const sent = warningsTo(alice.email).length;
    await setUsage(healthy, accounts.licensed.panelId, { total_email_accounts: 3 });
    await collector().collectAll();
    await drain();
    expect(warningsTo(alice.email)).toHaveLength(sent + 1);
    expect(warningsTo(alice.email)[sent]).toContain('Email accounts: 3 of 5 (60%)');
    await change({ warning_percent: 90 }).expect(200);
  });

  it('documents the endpoints in the OpenAPI document with the shared field names', async () => {
    const { body: docs } = await request(testApp.http).get('/docs-json').expect(200);
    const admin = docs.paths['/api/v1/nextpanel/accounts/{id}/usage'].get;
    expect(Object.keys(admin.responses).sort()).toEqual(['200', '400', '401', '403', '404']);
    expect(admin.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'from',
      'id',
      'to',
    ]);
    expect(docs.paths['/api/v1/my/accounts/{id}/usage'].get).toBeDefined();
    expect(Object.keys(docs.paths['/api/v1/usage/settings']).sort()).toEqual(['get', 'patch']);
    // Typed against the shared types: a field added there and not here fails to compile.
    const responseFields: Record<keyof AccountUsageResponse, true> = {
      account_id: true,
      quota: true,
      current: true,
      warning_percent: true,
      warnings: true,
      collection: true,
      from: true,
      to: true,
      bucket_seconds: true,
      samples: true,
    };
    const sampleFields: Record<keyof AccountUsageSample, true> = {
      sampled_at: true,
      disk_used_mb: true,
      databases: true,
      domains: true,
      email_accounts: true,
      ssl_certificates: true,
    };
    const properties = (name: string) =>
      Object.keys(docs.components.schemas[name].properties).sort();
    expect(properties('AccountUsageResponseDto')).toEqual(Object.keys(responseFields).sort());
    expect(properties('AccountUsageSampleDto')).toEqual(Object.keys(sampleFields).sort());
    expect(properties('AccountUsageCurrentDto')).toEqual(
      [...Object.keys(sampleFields), 'percent'].sort(),
    );
  });

  it('deletes samples older than the retention period in the hourly housekeeping', async () => {
    const { licensed } = accounts;
    await sql(
      `INSERT INTO account_usage_samples (account_id, sampled_at, disk_used_mb, databases, domains, email_accounts, ssl_certificates)
       VALUES ($1, now() - interval '91 days', 1, 0, 0, 0, 0), ($1, now() - interval '89 days', 2, 0, 0, 0, 0)`,
      [licensed.id],
    );
    const before = (await samplesOf(licensed.id)).length;
    const removed = await testApp.app.get(MaintenanceService).cleanUp();
    // The synthetic January series of the other account is older than 90 days, too, once the
    // calendar passes April 2026; count only this account's rows.
    expect(removed.usageSamples).toBeGreaterThanOrEqual(1);
    const after = await samplesOf(licensed.id);
    expect(after).toHaveLength(before - 1);
    expect(after.map((s) => s.disk_used_mb)).toContain(2);
    expect(after.map((s) => s.disk_used_mb)).not.toContain(1);
  });
});
