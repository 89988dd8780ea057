// Process and database helpers for the benchmark: a throwaway database, the built API, simulators
// and an in-process SMTP sink. Small copies of the patterns in tools/stack and the test harnesses,
// so the benchmark imports nothing from test code.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const API_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
export const API_CLI = join(ROOT, 'dist/apps/api/apps/api/src/cli.js');
export const SIM_MAIN = join(ROOT, 'dist/apps/nextpanel-sim/main.js');
export const ADMIN = { email: 'admin@test.com', password: 'Admin123!' };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Asks the kernel for a free loopback port. */
export function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs a command to completion; rejects on a non-zero exit. Output is inherited unless `quiet`. */
export function run(command, args, { env, quiet = false } = {}) {
  return new Promise((done, fail) => {
    let output = '';
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    if (quiet) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('error', fail);
    child.on('exit', (code, signal) =>
      code === 0
        ? done(output)
        : fail(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}\n${output}`)),
    );
  });
}

/** SQL on a short-lived connection. */
export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {}); // the query in flight rejects; no unhandled 'error' event as well
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database `np_bench_<random>` on DATABASE_URL's server, or on an embedded PostgreSQL
 * started for the run. `drop()` removes it (and stops the embedded server).
 */
export async function createBenchDatabase(log) {
  let serverUrl = process.env.DATABASE_URL;
  let embedded = null;
  let embeddedDir = null;
  if (!serverUrl) {
    const { startEmbeddedPostgres, findFreePort } = await import(
      join(ROOT, 'tools/db/embedded-postgres.mjs')
    );
    const port = await findFreePort();
    log(`DATABASE_URL is unset: starting embedded PostgreSQL on port ${port}`);
    embeddedDir = tempDir('np-bench-pg-');
    embedded = await startEmbeddedPostgres({
      dataDir: join(embeddedDir, 'data'),
      port,
      persistent: false,
    });
    serverUrl = embedded.url;
  }
  const name = `np_bench_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const serverInfo = await withClient(url.toString(), async (c) => {
    const { rows } = await c.query(
      `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
              current_setting('work_mem') AS work_mem, current_setting('max_connections') AS max_connections`,
    );
    return rows[0];
  });
  return {
    name,
    url: url.toString(),
    embedded: embedded !== null,
    server: serverInfo,
    async drop() {
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      if (embedded) await embedded.stop();
      if (embeddedDir) removeDir(embeddedDir);
    },
  };
}

/** Polls `url` until it answers below 500, or throws after `timeoutMs`. */
export async function waitForHttp(url, { timeoutMs = 60_000, headers } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return response;
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await sleep(100);
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms: ${lastError?.message}`);
}

/** Stops a child: SIGTERM, SIGKILL after `graceMs`. Resolves once it has exited. */
export function stopChild(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Spawns a node child that keeps its last output lines for error messages. */
function spawnNode(args, env) {
  const base = { ...process.env };
  // Inherited SIM_* settings from the developer's shell must not change the bench's panels.
  for (const name of Object.keys(base)) if (name.startsWith('SIM_')) delete base[name];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines = [];
  const keep = (line) => {
    lines.push(line);
    if (lines.length > 100) lines.shift();
  };
  createInterface({ input: child.stderr }).on('line', keep);
  child.output = () => lines.join('\n');
  child.keep = keep;
  return child;
}

/**
 * The built API as its own process (`nodeArgs`, e.g. --cpu-prof, go before the script). Its log
 * (pino JSON at LOG_LEVEL) is kept in `logFile`; `errors()` groups the error-level lines.
 */
export async function startApi(env, { nodeArgs = [], logFile } = {}) {
  const port = await freePort();
  const child = spawnNode([...nodeArgs, API_MAIN], {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  const errors = new Map();
  const record = (line) => {
    child.keep(line);
    if (logFile) appendFileSync(logFile, `${line}\n`);
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    if (typeof entry.level !== 'number' || entry.level < 50) return;
    const key = `${entry.msg ?? ''}: ${entry.err?.message ?? ''}`.slice(0, 300);
    errors.set(key, (errors.get(key) ?? 0) + 1);
  };
  createInterface({ input: child.stdout }).on('line', record);
  createInterface({ input: child.stderr }).on(
    'line',
    (line) => logFile && appendFileSync(logFile, `${line}\n`),
  );
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((r) => child.once('exit', r));
  const up = waitForHttp(`${url}/health`, { timeoutMs: 60_000 });
  const result = await Promise.race([up.then(() => 'up'), exited.then(() => 'exited')]);
  if (result === 'exited') throw new Error(`The API exited during start:\n${child.output()}`);
  return {
    url,
    port,
    pid: child.pid,
    child,
    errors: () => Object.fromEntries(errors),
    stop: () => stopChild(child, 10_000),
  };
}

/**
 * A NextPanel simulator (its own process, `--exit-with-parent` so it cannot outlive the run).
 * Credentials go through the environment, as spawn-simulator.ts does.
 */
export async function startSimulator({ latencyMs = 50, maxAccounts, dataDir }) {
  const apiKey = `npk_bench_${randomBytes(8).toString('hex')}`;
  const apiSecret = `nps_bench_${randomBytes(12).toString('hex')}`;
  const dataFile = join(dataDir, `sim-${randomBytes(4).toString('hex')}.json`);
  const args = [
    SIM_MAIN,
    '--port',
    '0',
    '--data',
    dataFile,
    '--latency-ms',
    String(latencyMs),
    '--quiet',
    '--exit-with-parent',
  ];
  if (maxAccounts !== undefined) args.push('--max-accounts', String(maxAccounts));
  const child = spawnNode(args, { SIM_API_KEY: apiKey, SIM_API_SECRET: apiSecret });
  const url = await new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`simulator did not listen:\n${child.output()}`)),
      20_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const message = JSON.parse(line);
        if (message.event === 'listening') {
          clearTimeout(timer);
          done(message.url);
        }
      } catch {
        child.keep(line);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`simulator exited (${code}) before listening:\n${child.output()}`));
    });
  });
  return {
    url,
    apiKey,
    apiSecret,
    pid: child.pid,
    child,
    async accounts() {
      const response = await fetch(`${url}/__control/accounts`);
      return (await response.json()).accounts;
    },
    stop: () => stopChild(child),
  };
}

/** Resident memory of a process in MiB, from /proc/<pid>/status (VmRSS); null if unreadable. */
export function rssMiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `intervalMs` until stop(); returns {max, mean, samples}. */
export function sampleRss(pid, intervalMs = 250) {
  const samples = [];
  const timer = setInterval(() => {
    const value = rssMiB(pid);
    if (value !== null) samples.push(value);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const max = samples.length ? Math.max(...samples) : null;
      const mean = samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : null;
      return { max, mean, samples: samples.length };
    },
  };
}

export async function login(apiUrl, { email, password } = ADMIN) {
  const response = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok)
    throw new Error(`login failed: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()).access_token;
}

/** JSON call to the API with the admin token; throws on an unexpected status. */
export async function api(apiUrl, token, method, path, body, expected = [200, 201]) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expected.includes(response.status))
    throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

export function removeDir(path) {
  rmSync(path, { recursive: true, force: true });
}

/** bench/baseline-server.mjs as its own process, like the API. */
export async function startBaseline(env) {
  const child = spawnNode([join(ROOT, 'bench/baseline-server.mjs')], { ...env, PORT: '0' });
  const url = await new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`baseline did not listen:\n${child.output()}`)),
      20_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const message = JSON.parse(line);
        if (message.event === 'listening') {
          clearTimeout(timer);
          done(message.url);
        }
      } catch {
        child.keep(line);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`baseline exited (${code}) before listening:\n${child.output()}`));
    });
  });
  return { url, pid: child.pid, child, stop: () => stopChild(child) };
}

/**
 * Waits until the server under test has finished the requests a load phase left behind: no
 * PostgreSQL session of the bench database busy (the job poller's one-row claims aside) and the
 * server process nearly idle, twice in a row. Returns how long that took, in ms.
 */
export async function settle(databaseUrl, pid, { timeoutMs = 90_000 } = {}) {
  const started = performance.now();
  const ticks = () => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  };
  return withClient(databaseUrl, async (client) => {
    let quiet = 0;
    let last = ticks();
    while (performance.now() - started < timeoutMs) {
      await sleep(200);
      const { rows } = await client.query(
        `SELECT count(*)::int AS busy FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
           AND state <> 'idle' AND query NOT LIKE 'UPDATE jobs SET status = ''running''%'`,
      );
      const now = ticks();
      // Under 10% of a core over the 200 ms window.
      const cpuQuiet = last === null || now === null || now - last <= 2;
      last = now;
      quiet = rows[0].busy === 0 && cpuQuiet ? quiet + 1 : 0;
      if (quiet >= 2) break;
    }
    return Math.round(performance.now() - started);
  });
}
