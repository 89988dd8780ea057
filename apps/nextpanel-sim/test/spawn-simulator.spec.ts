import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { spawnSimulator } from '../src/testing/spawn-simulator';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../src/demo-credentials';
import { httpCall, panelClient } from './support/http-call';
import { makeDataDir, newAccount, removeDataDirs } from './support/simulators';

// These run the BUILT simulator (dist/apps/nextpanel-sim/main.js): the test target depends on build.

const ACCOUNTS = '/api/v1/billing/accounts';

afterAll(removeDataDirs);

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('spawnSimulator', () => {
  it('starts a separate panel process with its own credentials, and kill() ends it like a crash', async () => {
    const panel = await spawnSimulator();
    expect(panel.pid).not.toBe(process.pid);
    expect(panel.url).toBe(`http://127.0.0.1:${panel.port}`);
    expect(panel.apiKey).toMatch(/^npk_/);
    expect(panel.apiSecret).toMatch(/^nps_/);

    const client = panelClient(panel.url, panel.apiKey, panel.apiSecret);
    expect((await client.get('/api/health')).body).toEqual({ status: 'ok' });
    expect(
      (await panelClient(panel.url, DEMO_API_KEY, DEMO_API_SECRET).get('/api/health')).status,
    ).toBe(401);
    expect((await client.post(ACCOUNTS, newAccount())).status).toBe(201);

    await panel.kill();
    expect(isRunning(panel.pid)).toBe(false);
    expect(await panel.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await expect(httpCall(panel.url, { path: '/api/health' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    // Its temporary data went with it.
    expect(existsSync(panel.dataFile)).toBe(false);
  });

  it('stop() shuts down cleanly (exit 0) and a new process on the same port and data carries on', async () => {
    const dataFile = join(makeDataDir(), 'accounts.json');
    const first = await spawnSimulator({
      dataFile,
      apiKey: 'npk_spawn_a',
      apiSecret: 'nps_spawn_a_secret',
    });
    const created = await panelClient(first.url, first.apiKey, first.apiSecret).post(
      ACCOUNTS,
      newAccount(),
    );
    expect(await first.stop()).toBe(0);
    expect(existsSync(dataFile)).toBe(true);

    const second = await spawnSimulator({
      dataFile,
      port: first.port,
      apiKey: first.apiKey,
      apiSecret: first.apiSecret,
    });
    try {
      expect(second.url).toBe(first.url);
      const again = await panelClient(second.url, second.apiKey, second.apiSecret).get(
        `${ACCOUNTS}/${created.body.id}`,
      );
      expect(again.body).toEqual(created.body);
    } finally {
      await second.stop();
    }
  });

  it('passes faults, limits and the control token through', async () => {
    const panel = await spawnSimulator({
      healthDown: true,
      maxAccounts: 1,
      controlToken: 'ctl_spawned',
    });
    try {
      const client = panelClient(panel.url, panel.apiKey, panel.apiSecret);
      expect((await client.get('/api/health')).status).toBe(503);
      expect((await client.post(ACCOUNTS, newAccount())).status).toBe(201);
      expect((await client.post(ACCOUNTS, newAccount())).status).toBe(507);
      expect((await httpCall(panel.url, { path: '/__control/faults' })).status).toBe(401);
      const faults = await httpCall(panel.url, {
        path: '/__control/faults',
        headers: panel.controlHeaders,
      });
      expect(faults.body).toMatchObject({ health_down: true });
    } finally {
      await panel.stop();
    }
  });

  it('reports a simulator that cannot start, with its error output', async () => {
    await expect(spawnSimulator({ extraArgs: ['--failure-rate', '7'] })).rejects.toThrow(
      /exited before listening[\s\S]*failure-rate/,
    );
  });
});

describe('main.js', () => {
  it('prints exactly one JSON line to stdout, {"event":"listening","url":...,"port":...}, and exits 0 on SIGINT', async () => {
    const mainPath = join(__dirname, '..', '..', '..', 'dist', 'apps', 'nextpanel-sim', 'main.js');
    const dataFile = join(makeDataDir(), 'accounts.json');
    const child = spawn(process.execPath, [mainPath, '--port', '0', '--data', dataFile], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr.resume();
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    while (lines.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));

    const port = JSON.parse(lines[0]!).port;
    expect(typeof port).toBe('number');
    expect(lines[0]).toBe(`{"event":"listening","url":"http://127.0.0.1:${port}","port":${port}}`);
    // Demo credentials by default.
    expect(
      (
        await panelClient(`http://127.0.0.1:${port}`, DEMO_API_KEY, DEMO_API_SECRET).get(
          '/api/health',
        )
      ).status,
    ).toBe(200);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(lines).toHaveLength(1);
  });
});
