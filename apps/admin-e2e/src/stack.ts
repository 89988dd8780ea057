import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const root = resolve(__dirname, '../../..');
export const SIM_CREDENTIALS = {
  apiKey: 'npk_e2e_0123456789abcdef',
  apiSecret: 'nps_e2e_fedcba9876543210abcd',
};
export const ADMIN = { email: 'admin@test.com', password: 'Admin123!' };

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.resume();
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

function startProcess(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (process.env.E2E_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  });
  return child;
}

async function waitFor(
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

async function adminSql(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export interface E2eStack {
  adminUrl: string;
  apiUrl: string;
  simUrl: string;
  /** The fresh database the API uses (the benchmark seeds customers into it). */
  databaseUrl: string;
  /** The production build of the admin SPA being served (index.html and assets/). */
  adminDist: string;
  stop(): Promise<void>;
}

/**
 * A fresh database on the test server (DATABASE_URL, or an embedded PostgreSQL), migrated and
 * seeded; then the built API, the simulator and the admin SPA built for that API, served by
 * `vite preview`. Everything listens on free loopback ports and is stopped afterwards.
 */
export async function startE2eStack(): Promise<E2eStack> {
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const embedded = await import('../../../tools/db/embedded-postgres.mjs' as string);
      const server = await embedded.startEmbeddedPostgres({
        dataDir: join(mkdtempSync(join(tmpdir(), 'np-e2e-pg-')), 'data'),
        port: await freePort(),
        persistent: false,
      });
      cleanups.push(() => server.stop());
      serverUrl = server.url as string;
    }
    const databaseName = `np_e2e_${randomBytes(4).toString('hex')}`;
    await adminSql(serverUrl, `CREATE DATABASE "${databaseName}"`);
    cleanups.push(() =>
      adminSql(serverUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
    );
    const databaseUrl = new URL(serverUrl);
    databaseUrl.pathname = `/${databaseName}`;

    const [apiPort, simPort, adminPort] = [await freePort(), await freePort(), await freePort()];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const adminUrl = `http://127.0.0.1:${adminPort}`;
    const simUrl = `http://127.0.0.1:${simPort}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'np-e2e-data-'));
    const apiEnv = {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl.toString(),
      DATA_DIR: dataDir,
      PORT: String(apiPort),
      CORS_ORIGINS: adminUrl,
      LOG_LEVEL: 'warn',
    };

    await runToEnd('node', ['dist/apps/api/apps/api/src/cli.js', 'setup'], apiEnv);
    const buildDir = join(dataDir, 'admin');
    await runToEnd(
      resolve(root, 'node_modules/.bin/vite'),
      [
        'build',
        '--config',
        'apps/admin/vite.config.mts',
        '--outDir',
        buildDir,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { VITE_API_URL: apiUrl },
    );

    const processes = [
      startProcess('api', 'node', ['dist/apps/api/apps/api/src/main.js'], apiEnv),
      startProcess(
        'sim',
        'node',
        [
          'dist/apps/nextpanel-sim/main.js',
          '--port',
          String(simPort),
          '--api-key',
          SIM_CREDENTIALS.apiKey,
          '--api-secret',
          SIM_CREDENTIALS.apiSecret,
          '--data',
          join(dataDir, 'sim.json'),
        ],
        {},
      ),
      startProcess(
        'admin',
        resolve(root, 'node_modules/.bin/vite'),
        [
          'preview',
          '--config',
          'apps/admin/vite.config.mts',
          '--outDir',
          buildDir,
          '--port',
          String(adminPort),
          '--strictPort',
          '--host',
          '127.0.0.1',
        ],
        {},
      ),
    ];
    cleanups.push(async () => {
      await Promise.all(processes.map(stopProcess));
    });
    await Promise.all([
      waitFor(`${apiUrl}/health`),
      waitFor(`${simUrl}/api/health`, {
        'X-API-Key': SIM_CREDENTIALS.apiKey,
        'X-API-Secret': SIM_CREDENTIALS.apiSecret,
      }),
      waitFor(adminUrl),
    ]);
    return {
      adminUrl,
      apiUrl,
      simUrl,
      databaseUrl: databaseUrl.toString(),
      adminDist: buildDir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
