import request from 'supertest';
import { signQuotaRequest } from '../src/license-validation/quota-signature';
import { loginAs } from './support/auth-helpers';
import { addServer, insertCustomer } from './support/fixtures';
import { spawnSimulator, SpawnedSimulator } from './support/panel-simulator';
import { createTestApp, TestApp } from './support/test-app';

describe('POST /api/v1/licenses/validate (the panel’s quota call-back)', () => {
  let testApp: TestApp;
  let panel: SpawnedSimulator;
  let licenseKey: string;
  let panelUserId: number;

  const now = () => Math.floor(Date.now() / 1000);
  let nonce = 0;
  const signed = (
    feature: string,
    timestamp = now(),
    key = licenseKey,
    secret = panel.apiSecret,
  ) => {
    nonce += 1;
    return {
      license_key: key,
      feature,
      timestamp,
      nonce: `n${nonce}`,
      signature: signQuotaRequest(secret, timestamp, key, feature, `n${nonce}`),
    };
  };
  const validate = (body: object, apiKey = panel.apiKey) =>
    request(testApp.http).post('/api/v1/licenses/validate').set('X-API-Key', apiKey).send(body);
  const setUsage = (usage: object) =>
    fetch(`${panel.url}/__control/accounts/${panelUserId}/usage`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(usage),
    });

  beforeAll(async () => {
    [testApp, panel] = await Promise.all([
      createTestApp({ LICENSE_VALIDATE_PER_SERVER_PER_MINUTE: '1000' }),
      spawnSimulator(),
    ]);
    const token = await loginAs(testApp);
    const server = await addServer(testApp, token, panel);
    const customer = await insertCustomer(testApp);
    const plans = (
      await request(testApp.http).get('/api/v1/plans').set('Authorization', `Bearer ${token}`)
    ).body;
    const starter = plans.find((p: { name: string }) => p.name === 'Starter'); // 2 databases, 1 domain, 5 mailboxes, 10 GB
    const license = await request(testApp.http)
      .post(`/api/v1/customers/${customer.id}/licenses`)
      .set('Authorization', `Bearer ${token}`)
      .send({ plan_id: starter.id, billing_cycle: 'monthly' })
      .expect(201);
    licenseKey = license.body.license_key;
    const provisioned = await request(testApp.http)
      .post('/api/v1/nextpanel/provision')
      .set('Authorization', `Bearer ${token}`)
      .send({
        customer_id: customer.id,
        username: 'quotauser',
        password: 'Quota12345!',
        server_id: server.id,
        license_id: license.body.id,
      })
      .expect(201);
    panelUserId = provisioned.body.nextpanel_user_id;
  });
  afterAll(() => Promise.all([testApp.close(), panel.stop()]));

  it('allows an action within quota and says how many remain', async () => {
    await setUsage({
      total_databases: 1,
      total_domains: 0,
      total_email_accounts: 2,
      storage_used: 1024,
    });
    await validate(signed('create_database')).expect(200, { valid: true, remaining_quota: 1 });
    await validate(signed('create_email_account')).expect(200, { valid: true, remaining_quota: 3 });
    await validate(signed('use_disk')).expect(200, { valid: true, remaining_quota: 9 * 1024 });
  });

  it('refuses an action over quota', async () => {
    await setUsage({ total_domains: 1 });
    await validate(signed('create_domain')).expect(200, {
      valid: false,
      error: 'Domain quota reached (1 of 1)',
    });
  });

  it('refuses a bad signature, a stale or future timestamp, a replay and an unknown panel with 401', async () => {
    const badSignature = await validate(
      signed('create_database', now(), licenseKey, 'nps_wrong_secret'),
    ).expect(401);
    expect(badSignature.body).toMatchObject({ statusCode: 401, code: 'INVALID_SIGNATURE' });
    const tampered = { ...signed('create_database'), feature: 'create_email_account' };
    expect((await validate(tampered).expect(401)).body.code).toBe('INVALID_SIGNATURE');
    expect((await validate(signed('create_database', now() - 301)).expect(401)).body.code).toBe(
      'STALE_TIMESTAMP',
    );
    expect((await validate(signed('create_database', now() + 301)).expect(401)).body.code).toBe(
      'STALE_TIMESTAMP',
    );
    const once = signed('create_database');
    await validate(once).expect(200);
    const withoutNonce = {
      license_key: licenseKey,
      feature: 'create_domain',
      timestamp: now() - 2,
    };
    const plain = {
      ...withoutNonce,
      signature: signQuotaRequest(
        panel.apiSecret,
        withoutNonce.timestamp,
        licenseKey,
        'create_domain',
      ),
    };
    await validate(plain).expect(200);
    expect((await validate(plain).expect(401)).body.code).toBe('REPLAYED_REQUEST');
    expect((await validate(once).expect(401)).body.code).toBe('REPLAYED_REQUEST');
    expect((await validate(signed('create_database'), 'npk_unknown').expect(401)).body.code).toBe(
      'UNKNOWN_PANEL',
    );
    expect(
      (
        await request(testApp.http)
          .post('/api/v1/licenses/validate')
          .send(signed('create_database'))
          .expect(401)
      ).body.code,
    ).toBe('UNKNOWN_PANEL');
  });

  it('answers an unknown license without revealing more, and refuses a suspended or cancelled one', async () => {
    const unknown = 'NP-ZZZZ-ZZZZ-ZZZZ';
    await validate(signed('create_database', now(), unknown)).expect(200, {
      valid: false,
      error: 'License not found on this server',
    });
    await testApp.dataSource.query(
      `UPDATE licenses SET status = 'suspended' WHERE license_key = $1`,
      [licenseKey],
    );
    await validate(signed('create_database')).expect(200, {
      valid: false,
      error: 'License is suspended',
    });
    await testApp.dataSource.query(`UPDATE licenses SET status = 'active' WHERE license_key = $1`, [
      licenseKey,
    ]);
    await testApp.dataSource.query(
      `UPDATE subscriptions SET status = 'cancelled' WHERE license_id = (SELECT id FROM licenses WHERE license_key = $1)`,
      [licenseKey],
    );
    await validate(signed('create_database')).expect(200, {
      valid: false,
      error: 'License has expired',
    });
    await testApp.dataSource.query(
      `UPDATE subscriptions SET status = 'active' WHERE license_id = (SELECT id FROM licenses WHERE license_key = $1)`,
      [licenseKey],
    );
  });

  it('validates the body', async () => {
    const response = await validate({
      license_key: 'nope',
      feature: 'mine_bitcoin',
      timestamp: 'now',
      signature: 'x',
    }).expect(400);
    expect(
      [...new Set(response.body.details.map((d: { field: string }) => d.field))].sort(),
    ).toEqual(['feature', 'license_key', 'signature', 'timestamp']);
  });

  it('rate-limits each panel server', async () => {
    await testApp.dataSource.query(
      `UPDATE rate_limit_buckets SET hits = 1000 WHERE key LIKE 'license-validate:server:%'`,
    );
    const limited = await validate(signed('create_database')).expect(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
