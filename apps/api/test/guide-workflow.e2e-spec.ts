import request from 'supertest';
import { spawnSimulator, SpawnedSimulator } from './support/panel-simulator';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The guide's "Quick Start Commands" and "Example: Complete Manual Workflow", call by call, with
 * the bodies exactly as the guide writes them (the simulator's key pair in place of npk_xxxxx).
 */
describe('the guide, step by step', () => {
  let testApp: TestApp;
  let panel: SpawnedSimulator;
  let TOKEN: string;

  beforeAll(async () => {
    [testApp, panel] = await Promise.all([createTestApp(), spawnSimulator()]);
  });
  afterAll(() => Promise.all([testApp.close(), panel.stop()]));
  const auth = () => ({ Authorization: `Bearer ${TOKEN}` });

  it('Quick Start 1: checks the backend is running', async () => {
    const response = await request(testApp.http).get('/health').expect(200);
    expect(response.body.status).toBe('ok');
  });

  it('Quick Start 2: gets an auth token', async () => {
    const response = await request(testApp.http)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send({ email: 'admin@test.com', password: 'Admin123!' })
      .expect(200);
    TOKEN = response.body.access_token;
    expect(TOKEN).toBeTruthy();
  });

  it('Quick Start 3: lists servers (none yet)', async () => {
    const response = await request(testApp.http)
      .get('/api/v1/nextpanel/servers')
      .set(auth())
      .expect(200);
    expect(response.body).toEqual([]);
  });

  it('API reference 1: tests the server connection', async () => {
    const response = await request(testApp.http)
      .post('/api/v1/nextpanel/servers/test')
      .set(auth())
      .send({
        name: 'Test Server',
        base_url: panel.url,
        api_key: panel.apiKey,
        api_secret: panel.apiSecret,
        capacity: 100,
      })
      .expect(200);
    expect(response.body).toMatchObject({
      success: true,
      message: 'Connection successful! Server is online.',
      url: panel.url,
    });
  });

  it('Workflow 1: adds the server', async () => {
    const response = await request(testApp.http)
      .post('/api/v1/nextpanel/servers')
      .set(auth())
      .send({
        name: 'Production Server',
        base_url: panel.url,
        api_key: panel.apiKey,
        api_secret: panel.apiSecret,
        capacity: 100,
        location: 'US-East',
      })
      .expect(201);
    expect(response.body).toMatchObject({
      id: 1,
      name: 'Production Server',
      is_online: true,
      current_accounts: 0,
    });
  });

  let CUSTOMER_ID: number;
  it('Workflow 2: creates the customer', async () => {
    const response = await request(testApp.http)
      .post('/api/v1/customers')
      .set(auth())
      .send({
        email: 'john@example.com',
        full_name: 'John Doe',
        company_name: 'Acme Corp',
        password: 'CustomerPass123!',
        is_active: true,
      })
      .expect(201);
    CUSTOMER_ID = response.body.id;
    expect(CUSTOMER_ID).toBe(2);
  });

  let LICENSE_KEY: string;
  it('Workflow 3: gets a plan id and adds a license', async () => {
    const plans = await request(testApp.http).get('/api/v1/plans').set(auth()).expect(200);
    const PLAN_ID = plans.body[0].id;
    const response = await request(testApp.http)
      .post(`/api/v1/customers/${CUSTOMER_ID}/licenses`)
      .set(auth())
      .send(`{"plan_id": "${PLAN_ID}", "billing_cycle": "monthly", "create_subscription": true}`)
      .set('Content-Type', 'application/json')
      .expect(201);
    LICENSE_KEY = response.body.license_key;
    expect(LICENSE_KEY).toMatch(/^NP-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(response.body.subscription).toMatchObject({
      status: 'active',
      billing_cycle: 'monthly',
    });
  });

  let ACCOUNT_ID: number;
  it('Workflow 4: provisions the NextPanel account', async () => {
    const response = await request(testApp.http)
      .post('/api/v1/nextpanel/provision')
      .set(auth())
      .send({
        customer_id: CUSTOMER_ID,
        username: 'johndoe',
        email: 'john@example.com',
        password: 'TempHosting123!',
        full_name: 'John Doe',
        company: 'Acme Corp',
        server_id: 1,
      })
      .expect(201);
    expect(response.body).toEqual({
      success: true,
      account_id: expect.any(Number),
      server_name: 'Production Server',
      server_url: panel.url,
      nextpanel_user_id: expect.any(Number),
      username: 'johndoe',
    });
    ACCOUNT_ID = response.body.account_id;
  });

  it('Workflow 5: verifies the account in the customer details and the server status', async () => {
    const details = await request(testApp.http)
      .get(`/api/v1/customers/${CUSTOMER_ID}`)
      .set(auth())
      .expect(200);
    expect(details.body.licenses).toEqual([
      expect.objectContaining({
        license_key: LICENSE_KEY,
        plan: expect.objectContaining({ name: 'Starter' }),
      }),
    ]);
    expect(details.body.accounts).toEqual([
      expect.objectContaining({
        id: ACCOUNT_ID,
        username: 'johndoe',
        status: 'active',
        server_name: 'Production Server',
        server_url: panel.url,
      }),
    ]);
    const status = await request(testApp.http)
      .get('/api/v1/nextpanel/servers/status')
      .set(auth())
      .expect(200);
    expect(status.body).toEqual([
      {
        server_id: '1',
        name: 'Production Server',
        url: panel.url,
        is_active: true,
        is_online: true,
        current_accounts: 1,
        capacity: 100,
        utilization: 1,
      },
    ]);
  });

  it('Quick Start 4 and 5: a second customer and an account on the same server', async () => {
    const customer = await request(testApp.http)
      .post('/api/v1/customers')
      .set(auth())
      .send({
        email: 'testcustomer@example.com',
        full_name: 'Test Customer',
        company_name: 'Test Corp',
        password: 'Password123!',
        is_active: true,
      })
      .expect(201);
    await request(testApp.http)
      .post('/api/v1/nextpanel/provision')
      .set(auth())
      .send({
        customer_id: customer.body.id,
        username: 'testuser',
        email: 'testcustomer@example.com',
        password: 'TempPass123!',
        full_name: 'Test Customer',
        server_id: 1,
      })
      .expect(201);
    const servers = await request(testApp.http)
      .get('/api/v1/nextpanel/servers')
      .set(auth())
      .expect(200);
    expect(servers.body[0]).toMatchObject({
      current_accounts: 2,
      utilization_percent: 2,
      available_slots: 98,
    });
  });
});
