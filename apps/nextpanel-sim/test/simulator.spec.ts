import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../src/simulator';
import { silentLogger } from '../src/sim-logger';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../src/demo-credentials';
import { httpCall, panelClient } from './support/http-call';
import { makeDataDir, newAccount, startTestSimulator, removeDataDirs } from './support/simulators';

const ACCOUNTS = '/api/v1/billing/accounts';

afterAll(removeDataDirs);

describe('persistence', () => {
  it('keeps accounts, their state, passwords and the id counter across a restart', async () => {
    const dataDir = makeDataDir();
    const first = await startTestSimulator({}, dataDir);
    const kept = await first.panel.post(ACCOUNTS, newAccount({ password: 'KeptPassword1!' }));
    await first.panel.post(`${ACCOUNTS}/${kept.body.id}/suspend`, { reason: 'overdue' });
    const deleted = await first.panel.post(ACCOUNTS, newAccount());
    await first.panel.delete(`${ACCOUNTS}/${deleted.body.id}`);
    const before = (await first.panel.get(`${ACCOUNTS}/${kept.body.id}`)).body;
    await first.sim.close();

    const second = await startTestSimulator({}, dataDir);
    try {
      expect((await second.panel.get(`${ACCOUNTS}/${kept.body.id}`)).body).toEqual(before);
      expect(before.status).toBe('suspended');
      expect((await second.panel.get(`${ACCOUNTS}/${deleted.body.id}`)).status).toBe(404);
      const next = await second.panel.post(ACCOUNTS, newAccount());
      expect(next.body.id).toBeGreaterThan(deleted.body.id);
      expect(
        (await second.panel.post(ACCOUNTS, newAccount({ username: kept.body.username }))).status,
      ).toBe(409);
      const verify = await httpCall(second.sim.url, {
        method: 'POST',
        path: `/__control/accounts/${kept.body.id}/verify-password`,
        json: { password: 'KeptPassword1!' },
      });
      expect(verify.body).toEqual({ matches: true });
    } finally {
      await second.dispose();
    }
  });

  it('writes the data file on every change, atomically (no temporary file left behind)', async () => {
    const t = await startTestSimulator();
    try {
      const created = await t.panel.post(ACCOUNTS, newAccount());
      // Read while the simulator runs: a crash now (kill -9) would lose nothing.
      const onDisk = JSON.parse(readFileSync(t.sim.dataFile, 'utf8'));
      expect(onDisk.accounts.map((a: { id: number }) => a.id)).toEqual([created.body.id]);
      expect(onDisk.next_id).toBe(created.body.id + 1);
      await t.panel.post(`${ACCOUNTS}/${created.body.id}/suspend`, { reason: 'r' });
      expect(JSON.parse(readFileSync(t.sim.dataFile, 'utf8')).accounts[0].status).toBe('suspended');
      expect(readdirSync(t.dataDir)).toEqual(['accounts.json']);
    } finally {
      await t.dispose();
    }
  });

  it('refuses to start on a damaged data file instead of wiping it', async () => {
    const dataDir = makeDataDir();
    const dataFile = join(dataDir, 'accounts.json');
    writeFileSync(dataFile, '{"format":"nextpanel-sim/accounts@1","next_id":3,"accounts":[');
    await expect(startSimulator({ dataFile, logger: silentLogger })).rejects.toThrow(
      'not valid JSON',
    );
    expect(readFileSync(dataFile, 'utf8')).toContain('"next_id":3');
  });

  it('defaults the data file to .data/nextpanel-sim/<port>.json under the working directory', async () => {
    const cwd = process.cwd();
    const dir = makeDataDir();
    process.chdir(dir);
    try {
      const sim = await startSimulator({ logger: silentLogger });
      await sim.close();
      expect(sim.dataFile).toBe(join(dir, '.data', 'nextpanel-sim', `${sim.port}.json`));
      expect(existsSync(sim.dataFile)).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('several simulators side by side', () => {
  it("each serves its own accounts and rejects the other one's credentials", async () => {
    const a = await startTestSimulator({
      apiKey: 'npk_server_a_111',
      apiSecret: 'nps_server_a_secret_111',
    });
    const b = await startTestSimulator({
      apiKey: 'npk_server_b_222',
      apiSecret: 'nps_server_b_secret_222',
    });
    try {
      expect(a.sim.port).not.toBe(b.sim.port);
      expect((await a.panel.get('/api/health')).status).toBe(200);
      expect((await b.panel.get('/api/health')).status).toBe(200);

      const aWithBKeys = panelClient(a.sim.url, 'npk_server_b_222', 'nps_server_b_secret_222');
      const bWithAKeys = panelClient(b.sim.url, 'npk_server_a_111', 'nps_server_a_secret_111');
      expect((await aWithBKeys.get('/api/health')).status).toBe(401);
      expect((await bWithAKeys.get('/api/health')).status).toBe(401);

      const body = newAccount();
      expect((await a.panel.post(ACCOUNTS, body)).status).toBe(201);
      // Same username on another server is fine: usernames are unique per panel, not globally.
      expect((await b.panel.post(ACCOUNTS, body)).status).toBe(201);
      expect(a.sim.accounts()).toHaveLength(1);
      expect(b.sim.accounts()).toHaveLength(1);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });

  it('uses the demo credentials when none are given', async () => {
    const dataDir = makeDataDir();
    const sim = await startSimulator({ dataFile: join(dataDir, 'a.json'), logger: silentLogger });
    try {
      expect(
        (await panelClient(sim.url, DEMO_API_KEY, DEMO_API_SECRET).get('/api/health')).status,
      ).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('refuses to start with half a restricted key pair', async () => {
    await expect(
      startSimulator({
        restrictedApiKey: 'npk_ro',
        dataFile: join(makeDataDir(), 'a.json'),
        logger: silentLogger,
      }),
    ).rejects.toThrow('restricted key pair');
  });
});

describe('request logs', () => {
  it('logs one structured line per request with method, path, status and time, and nothing sensitive', async () => {
    const t = await startTestSimulator();
    try {
      await t.panel.get('/api/health?api_secret=nps_in_query');
      await t.panel.post(ACCOUNTS, newAccount({ password: 'LoggedNever123!' }));
      const requests = t.logLines
        .map((line) => JSON.parse(line))
        .filter((entry) => entry.event === 'request');
      expect(requests).toEqual([
        {
          level: 'info',
          event: 'request',
          method: 'GET',
          path: '/api/health',
          status: 200,
          ms: expect.any(Number),
        },
        {
          level: 'info',
          event: 'request',
          method: 'POST',
          path: ACCOUNTS,
          status: 201,
          ms: expect.any(Number),
        },
      ]);
      const all = t.logLines.join('\n');
      expect(all).not.toContain('LoggedNever123!');
      expect(all).not.toContain('nps_in_query');
    } finally {
      await t.dispose();
    }
  });
});
