import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../src/app/create-app';
import { JobQueue } from '../src/jobs/job-queue.service';
import { JobScheduler } from '../src/jobs/job-scheduler';
import { ServerMonitor } from '../src/servers/server-monitor.service';
import { loginAs } from './support/auth-helpers';
import { addServer, insertCustomer, insertLiveAccounts } from './support/fixtures';
import {
  clearFaults,
  setFaults,
  spawnSimulator,
  SpawnedSimulator,
} from './support/panel-simulator';
import { createTestApp, TestApp } from './support/test-app';

describe('scheduled server monitoring', () => {
  let testApp: TestApp;
  let secondProcess: NestFastifyApplication;
  let panel: SpawnedSimulator;
  let serverId: number;

  const server = async () =>
    (await testApp.dataSource.query(`SELECT * FROM panel_servers WHERE id = $1`, [serverId]))[0];
  const alerts = async (template: string) =>
    (
      await testApp.dataSource.query(
        `SELECT count(*)::int AS n FROM email_outbox WHERE template = $1`,
        [template],
      )
    )[0].n;

  beforeAll(async () => {
    panel = await spawnSimulator();
    testApp = await createTestApp({
      SERVER_HEALTH_CHECK_INTERVAL_MS: '60000',
      CAPACITY_ALERT_PERCENT: '90',
    });
    // A second API process on the same database, as a second replica would be.
    secondProcess = await createApp(testApp.config);
    await secondProcess.init();
    serverId = (await addServer(testApp, await loginAs(testApp), panel, { capacity: 10 })).id;
  });
  afterAll(async () => {
    await secondProcess.close();
    await Promise.all([testApp.close(), panel.stop()]);
  });
  afterEach(() => clearFaults(panel));

  it('schedules each slot’s health check once across two API processes', async () => {
    const now = new Date('2026-11-26T12:00:30Z');
    const healthJobs = async (): Promise<number> =>
      (
        await testApp.dataSource.query(
          `SELECT count(*)::int AS n FROM jobs WHERE queue = 'servers.health-check'`,
        )
      )[0].n;
    await Promise.all([
      testApp.app.get(JobScheduler).tick(now),
      secondProcess.get(JobScheduler).tick(now),
    ]);
    expect(await healthJobs()).toBe(1);
    await secondProcess.get(JobScheduler).tick(new Date('2026-11-26T12:00:59Z'));
    expect(await healthJobs()).toBe(1);
    await testApp.app.get(JobScheduler).tick(new Date('2026-11-26T12:01:00Z'));
    expect(await healthJobs()).toBe(2);
    const jobs = await testApp.dataSource.query(
      `SELECT dedupe_key FROM jobs WHERE queue = 'servers.health-check' ORDER BY id`,
    );
    expect(jobs.map((j: { dedupe_key: string }) => j.dedupe_key)).toEqual([
      `cron:server-health:${Math.floor(now.getTime() / 60000)}`,
      `cron:server-health:${Math.floor(now.getTime() / 60000) + 1}`,
    ]);
    await testApp.app.get(JobQueue).drain();
    const done = await testApp.dataSource.query(
      `SELECT status FROM jobs WHERE queue = 'servers.health-check'`,
    );
    expect(done.every((j: { status: string }) => j.status === 'succeeded')).toBe(true);
    expect(await server()).toMatchObject({
      is_online: true,
      consecutive_failures: 0,
      response_time_ms: expect.any(Number),
    });
  });

  it('marks a server offline at the second failed check in a row, tells the admins once, and again when it is back', async () => {
    const monitor = testApp.app.get(ServerMonitor);
    await setFaults(panel, { health_down: true });
    await monitor.checkAll();
    expect(await server()).toMatchObject({ is_online: true, consecutive_failures: 1 });
    expect(await alerts('server_down')).toBe(0);
    await monitor.checkAll();
    expect(await server()).toMatchObject({
      is_online: false,
      consecutive_failures: 2,
      last_error: expect.stringContaining('503'),
    });
    await monitor.checkAll();
    expect(await alerts('server_down')).toBe(1);

    // An offline server is skipped when billing chooses a server.
    const customer = await insertCustomer(testApp);
    const token = await loginAs(testApp);
    const refused = await request(testApp.http)
      .post('/api/v1/nextpanel/provision')
      .set('Authorization', `Bearer ${token}`)
      .send({ customer_id: customer.id, username: 'whiledown', password: 'While12345!' })
      .expect(409);
    expect(refused.body.code).toBe('NO_AVAILABLE_SERVER');

    await clearFaults(panel);
    await monitor.checkAll();
    expect(await server()).toMatchObject({ is_online: true, consecutive_failures: 0 });
    expect(await alerts('server_up')).toBe(1);
  });

  it('alerts once when a server crosses the capacity threshold, and again only after it dropped below', async () => {
    const monitor = testApp.app.get(ServerMonitor);
    const customer = await insertCustomer(testApp);
    await insertLiveAccounts(testApp, serverId, customer.id, 9);
    await monitor.checkAll();
    await monitor.checkAll();
    expect(await alerts('capacity_alert')).toBe(1);
    await testApp.dataSource.query(
      `UPDATE hosting_accounts SET status = 'terminated' WHERE server_id = $1 AND username LIKE 'fill%'`,
      [serverId],
    );
    await monitor.checkAll();
    expect((await server()).capacity_alerted).toBe(false);
    await insertLiveAccounts(testApp, serverId, customer.id, 9);
    await monitor.checkAll();
    expect(await alerts('capacity_alert')).toBe(2);
  });

  it('answers many concurrent status requests without a deadlock', async () => {
    const token = await loginAs(testApp);
    // Several servers, so each request updates several rows (and locks them).
    for (let n = 0; n < 6; n += 1) await addServer(testApp, token, panel, { capacity: 10 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        request(testApp.http)
          .get('/api/v1/nextpanel/servers/status')
          .set('Authorization', `Bearer ${token}`),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
  });
});
