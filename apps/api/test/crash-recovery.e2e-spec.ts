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
import { spawnApi, SpawnedApi } from './support/spawn-api';
import { createTestApp, TestApp, TEST_JWT_SECRET } from './support/test-app';
import { waitFor } from './support/wait-for';

const WEBHOOK_SECRET = 'whsec_crashtest0123456789';
const offlineStripe = new Stripe('sk_test_offline');

/**
 * The API process is killed with SIGKILL in the middle of turning a payment into an account, then
 * started again: the work must finish, once. The webhook side runs in-process (workers off); the
 * workers run in separately spawned API processes that the test kills.
 */
describe('a killed API process', () => {
  let testApp: TestApp;
  let panel: SpawnedSimulator;
  let workerEnv: Record<string, string>;
  const workers: SpawnedApi[] = [];

  const spawnWorker = async () => {
    const worker = await spawnApi(workerEnv);
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    panel = await spawnSimulator();
    testApp = await createTestApp({
      STRIPE_SECRET_KEY: 'sk_test_unused',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: 'http://127.0.0.1:9',
    });
    await addServer(testApp, await loginAs(testApp), panel);
    workerEnv = {
      DATABASE_URL: testApp.config.database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      ENCRYPTION_KEY: testApp.config.encryptionKey.toString('hex'),
      DATA_DIR: testApp.config.dataDir,
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'true',
      JOBS_POLL_INTERVAL_MS: '100',
      JOBS_LEASE_SECONDS: '2',
      JOBS_RETRY_BASE_MS: '100',
      JOBS_RETRY_MAX_MS: '300',
      PANEL_TIMEOUT_MS: '30000',
    };
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await Promise.all([testApp.close(), panel.stop()]);
  });

  async function paidOrder(label: string): Promise<{ orderId: number; email: string }> {
    const email = `${label}@example.com`;
    const token = (
      await request(testApp.http)
        .post('/api/v1/auth/register')
        .send({ email, password: 'Crash12345!', full_name: 'Crash Test' })
        .expect(201)
    ).body.access_token;
    const plans = (await request(testApp.http).get('/api/v1/plans').expect(200)).body;
    // Stripe is "configured" but unreachable: the order stays pending, which is all this test needs.
    await request(testApp.http)
      .post('/api/v1/checkout')
      .set('Authorization', `Bearer ${token}`)
      .send({ plan_id: plans[0].id, billing_cycle: 'monthly' });
    const [{ id: orderId }] = await testApp.dataSource.query(
      `SELECT o.id FROM orders o JOIN users u ON u.id = o.customer_id WHERE u.email = $1`,
      [email],
    );
    await testApp.dataSource.query(
      `UPDATE orders SET status = 'pending', status_reason = NULL WHERE id = $1`,
      [orderId],
    );
    const payload = JSON.stringify({
      id: `evt_crash_${orderId}`,
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: `cs_crash_${orderId}`,
          object: 'checkout.session',
          payment_status: 'paid',
          metadata: { order_id: String(orderId) },
          subscription: `sub_crash_${orderId}`,
          customer: 'cus_crash',
        },
      },
    });
    const header = offlineStripe.webhooks.generateTestHeaderString({
      payload,
      secret: WEBHOOK_SECRET,
    });
    await request(testApp.http)
      .post('/api/v1/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', header)
      .send(payload)
      .expect(200);
    return { orderId, email };
  }

  const counts = async (orderId: number, email: string) =>
    (
      await testApp.dataSource.query(
        `SELECT o.status,
                (SELECT count(*)::int FROM licenses l WHERE l.customer_id = o.customer_id) AS licenses,
                (SELECT count(*)::int FROM hosting_accounts a WHERE a.customer_id = o.customer_id AND a.status = 'active') AS active_accounts,
                (SELECT count(*)::int FROM email_outbox e WHERE e.recipient = $2 AND e.template = 'welcome') AS welcome_emails
         FROM orders o WHERE o.id = $1`,
        [orderId, email],
      )
    )[0];

  it('finishes a fulfilment that was killed while the panel call was in flight, without doubling anything', async () => {
    await setFaults(panel, { hang: true });
    const { orderId, email } = await paidOrder('killed-in-flight');
    const first = await spawnWorker();
    await waitFor('the panel call to be in flight', async () => {
      const [account] = await testApp.dataSource.query(
        `SELECT a.status, a.panel_create_attempted_at FROM hosting_accounts a JOIN orders o ON o.hosting_account_id = a.id WHERE o.id = $1`,
        [orderId],
      );
      return account?.panel_create_attempted_at ? account : null;
    });
    await first.kill();
    await clearFaults(panel);

    await spawnWorker();
    await waitFor(
      'the order to complete after the restart',
      async () => ((await counts(orderId, email)).status === 'completed' ? true : null),
      30_000,
    );
    expect(await counts(orderId, email)).toEqual({
      status: 'completed',
      licenses: 1,
      active_accounts: 1,
      welcome_emails: 1,
    });
    const onPanel = (await panelAccounts(panel)).filter((a) => a.username.startsWith('killedinfl'));
    expect(onPanel).toHaveLength(1);
  }, 60_000);

  it('picks up a payment recorded while no worker was running', async () => {
    await Promise.all(workers.map((w) => w.kill()));
    const { orderId, email } = await paidOrder('no-worker-yet');
    expect((await counts(orderId, email)).status).toBe('paid');
    await spawnWorker();
    await waitFor(
      'the order to complete',
      async () => ((await counts(orderId, email)).status === 'completed' ? true : null),
      30_000,
    );
    expect(await counts(orderId, email)).toEqual({
      status: 'completed',
      licenses: 1,
      active_accounts: 1,
      welcome_emails: 1,
    });
  }, 60_000);
});
