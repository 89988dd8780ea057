// `node bench/run-all.mjs [--quick] [--skip-admin] [--skip-build] [--seconds N]`
//
// The benchmark suite of issue 7: builds the API and the simulator, fills a fresh database with
// realistic volume by SQL, then measures the read paths (against a node:http + pg baseline running
// the same SQL), a provisioning burst, payment-to-active-account latency and the API's memory;
// finally runs the admin bench (bundle size, first render). Prints a table and writes
// bench/results/<timestamp>.json. Figures only: nothing here fails on a slow number.
//
// Uses DATABASE_URL's server when set (a database np_bench_<random> is created and dropped),
// otherwise an embedded PostgreSQL. Only loopback traffic; every loop is bounded and every child
// process is stopped at the end (and cannot outlive this process).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { machineBusyCores } from './lib/cpu.mjs';
import { collectEvidence } from './lib/evidence.mjs';
import {
  CUSTOMER_PASSWORD,
  generateData,
  generatedLastName,
  SEARCH_TERMS,
  VOLUME,
} from './lib/generate.mjs';
import { paymentToActiveAccount, startSmtpSink } from './lib/payments.mjs';
import { provisioningBurst, registerPanels } from './lib/provision-burst.mjs';
import { readEndpoints, runReadPaths, TARGETS } from './lib/read-paths.mjs';
import { formatReport } from './lib/report.mjs';
import { checkSqlParity } from './lib/sql-parity.mjs';
import {
  API_CLI,
  ROOT,
  api,
  createBenchDatabase,
  login,
  removeDir,
  rssMiB,
  run,
  settle,
  sleep,
  startApi,
  startBaseline,
  startSimulator,
  tempDir,
} from './lib/stack.mjs';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-admin': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'keep-db': { type: 'boolean', default: false },
    'read-only': { type: 'boolean', default: false },
    seconds: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  process.stdout.write(
    'node bench/run-all.mjs [--quick] [--skip-admin] [--skip-build] [--seconds N]\n' +
      '  --quick       5 s load phases, 500 provisions, 100 payments (a smoke run)\n' +
      '  --skip-admin  do not run the admin bench (nx run admin-e2e:bench) at the end\n' +
      '  --skip-build  use dist/ as it is\n' +
      '  --keep-db     keep the bench database (its URL is printed) for a look afterwards\n' +
      '  --read-only   stop after the read paths (no burst, payments, evidence or admin bench)\n' +
      '  --seconds N   length of each load phase (default 20, quick 5)\n',
  );
  process.exit(0);
}

const SETTINGS = {
  mode: flags.quick ? 'quick' : 'full',
  phaseSeconds: Number(flags.seconds ?? (flags.quick ? 5 : 20)),
  warmupSeconds: flags.quick ? 1 : 2,
  panelLatencyMs: 50,
  statusPanels: VOLUME.servers,
  burst: { requests: flags.quick ? 500 : 2000, concurrency: 50, panels: 10, capacity: 250 },
  payments: { events: flags.quick ? 100 : 500, concurrency: 20, panels: 2, capacity: 500 },
  // No recurring jobs: at start the scheduler would enqueue the usage collection (a stats call per
  // active generated account, ~120,000, against the 20 status simulators) and the billing
  // automation (renewal warnings and suspensions over the 180,000 generated subscriptions, emails
  // into the SMTP sink the payments check counts). Both would run through the measured phases.
  // Jobs themselves (fulfilment, emails) still run.
  api: {
    DATABASE_POOL_SIZE: '20',
    JOBS_CONCURRENCY: '10',
    JOBS_POLL_INTERVAL_MS: '50',
    SCHEDULER_ENABLED: 'false',
  },
};
/** Nothing runs longer than this; past it the run stops itself and cleans up. */
const WATCHDOG_MS = (flags.quick ? 20 : 45) * 60_000;

const started = new Date();
const log = (line) =>
  process.stdout.write(
    `[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}\n`,
  );
const cleanups = [];
let cleaning = null;
function cleanUp() {
  cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`cleanup: ${error.message}\n`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping everything`);
    void cleanUp().then(() => process.exit(130));
  });
}
setTimeout(() => {
  log(`watchdog: still running after ${WATCHDOG_MS / 60_000} minutes; stopping everything`);
  void cleanUp().then(() => process.exit(1));
}, WATCHDOG_MS).unref();

function machineInfo() {
  const tryRun = (command, args) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  return {
    cpus: os.availableParallelism(),
    nproc: tryRun('nproc', []),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    loadAverage: os.loadavg().map((v) => Number(v.toFixed(2))),
    free: tryRun('free', ['-h']),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Starts `count` simulators, a few at a time (each is a node process on a 2-core machine). */
async function startSimulators(count, options) {
  const sims = [];
  for (let i = 0; i < count; i += 5) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(5, count - i) }, () => startSimulator(options)),
    );
    for (const sim of batch) cleanups.push(() => sim.stop());
    sims.push(...batch);
  }
  return sims;
}

/** Every `<last name><first digit>` of the generated customers' emails: 639 terms, ~160 matches each. */
function pageFillingSearchTerms() {
  const terms = new Set();
  for (let n = 1; n <= VOLUME.customers; n++) terms.add(`${generatedLastName(n)}${String(n)[0]}`);
  return [...terms];
}

/** The sample requests both parity checks send. */
function parityPaths(firstCustomerId) {
  return [
    '/api/v1/customers?page=1&page_size=20',
    ...SEARCH_TERMS.map((term) => `/api/v1/customers?search=${term}`),
    // A term matching a few customers, and one matching all of them (the walk and the count).
    '/api/v1/customers?search=garcia47',
    '/api/v1/customers?search=example',
    '/api/v1/customers?search=example&page=3',
    ...[0, 1, 4999, 50_000, 99_999].map(
      (offset) => `/api/v1/customers/${firstCustomerId + offset}`,
    ),
    '/api/v1/nextpanel/servers',
  ];
}

/** Same path on the API and the baseline: byte-identical bodies? */
async function checkParity(apiUrl, baselineUrl, token, firstCustomerId) {
  const paths = parityPaths(firstCustomerId);
  const mismatches = [];
  for (const path of paths) {
    const get = async (base) => {
      const response = await fetch(`${base}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return `${response.status} ${await response.text()}`;
    };
    if ((await get(apiUrl)) !== (await get(baselineUrl))) mismatches.push(path);
  }
  return { checked: paths.length, identical: paths.length - mismatches.length, mismatches };
}

/** The existing admin bench (nx run admin-e2e:bench), its output passed through and parsed. */
function runAdminBench() {
  return new Promise((resolveBench) => {
    const child = spawn(
      join(ROOT, 'node_modules/.bin/nx'),
      ['run', 'admin-e2e:bench', '--outputStyle=static'],
      {
        cwd: ROOT,
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const pass = (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', pass);
    child.stderr.on('data', pass);
    const timer = setTimeout(() => child.kill('SIGTERM'), 10 * 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const number = (pattern) => {
        const match = pattern.exec(output);
        return match ? Number(match[1]) : null;
      };
      resolveBench({
        ok: code === 0,
        initialJsGzipKiB: number(/Initial JavaScript[^:]*: ([\d.]+) KiB gzip/),
        coldRenderMs: number(/first visit \(cold chunk cache\): (\d+) ms/),
        warmRenderMs: number(/median of \d+ reloads:\s+(\d+) ms/),
        output: output
          .split('\n')
          .filter((line) => /KiB|ms|Customers|footer/.test(line))
          .slice(-12),
      });
    });
  });
}

async function main() {
  const results = {
    startedAt: started.toISOString(),
    settings: SETTINGS,
    machine: machineInfo(),
    targets: TARGETS,
    steps: {},
  };
  const step = async (name, work) => {
    const t0 = performance.now();
    log(`${name}…`);
    const value = await work();
    results.steps[name] = Math.round(performance.now() - t0);
    return value;
  };
  const resultsDir = join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = join(resultsDir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const save = () => writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const apiLogFile = resultsFile.replace(/\.json$/, '-api.log');

  // The figures are only as good as the machine is quiet: say so when something else is busy.
  results.machine.busyCoresBeforeRun = await machineBusyCores(3000, results.machine.cpus);
  log(
    `Machine: ${results.machine.cpus} cores, load average ${results.machine.loadAverage.join(' ')}, ` +
      `${results.machine.busyCoresBeforeRun} cores busy before the run${results.machine.busyCoresBeforeRun > 0.3 ? ' — NOT IDLE: other work competes with the benchmark' : ''}`,
  );

  try {
    if (!flags['skip-build']) {
      await step('build', () =>
        run(
          join(ROOT, 'node_modules/.bin/nx'),
          ['run-many', '-t', 'build', '-p', 'api', 'nextpanel-sim', '--outputStyle=static'],
          {
            env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
            quiet: true,
          },
        ),
      );
    }
    const scratch = tempDir('np-bench-');
    cleanups.push(() => removeDir(scratch));
    const database = await step('database', () => createBenchDatabase(log));
    if (flags['keep-db']) log(`  --keep-db: ${database.url} will be kept`);
    else cleanups.push(() => database.drop());
    results.database = {
      name: database.name,
      embedded: database.embedded,
      server: database.server,
    };
    log(
      `  ${database.name} on PostgreSQL ${database.server.version} (shared_buffers ${database.server.shared_buffers})`,
    );

    const secrets = {
      JWT_SECRET: randomBytes(32).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('hex')}`,
    };
    const smtp = await startSmtpSink();
    cleanups.push(() => smtp.stop());
    const apiEnv = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      DATA_DIR: scratch,
      JWT_SECRET: secrets.JWT_SECRET,
      ENCRYPTION_KEY: secrets.ENCRYPTION_KEY,
      LOGIN_RATE_LIMIT_PER_IP: '1000000',
      STRIPE_SECRET_KEY: 'sk_test_bench',
      STRIPE_WEBHOOK_SECRET: secrets.STRIPE_WEBHOOK_SECRET,
      // Nothing listens on the discard port: a Stripe API call would fail at once (none is expected).
      STRIPE_API_BASE: 'http://127.0.0.1:9',
      SMTP_URL: smtp.url,
      ...SETTINGS.api,
    };
    await step('migrate and seed', () =>
      run('node', [API_CLI, 'setup'], { env: apiEnv, quiet: true }),
    );

    const [statusSims, burstSims, paymentSims] = await step('simulators', async () => [
      await startSimulators(SETTINGS.statusPanels, {
        latencyMs: SETTINGS.panelLatencyMs,
        dataDir: scratch,
      }),
      await startSimulators(SETTINGS.burst.panels, {
        latencyMs: SETTINGS.panelLatencyMs,
        maxAccounts: SETTINGS.burst.capacity,
        dataDir: scratch,
      }),
      await startSimulators(SETTINGS.payments.panels, {
        latencyMs: SETTINGS.panelLatencyMs,
        maxAccounts: SETTINGS.payments.capacity,
        dataDir: scratch,
      }),
    ]);

    results.generator = await step('generate data', () =>
      generateData(database.url, {
        panels: statusSims,
        encryptionKeyHex: secrets.ENCRYPTION_KEY,
        log,
      }),
    );
    save();

    results.sqlParity = await step('SQL parity', () =>
      checkSqlParity(apiEnv, parityPaths(results.generator.firstCustomerId), scratch),
    );
    log(
      `  the baseline sends the API's statements: ${results.sqlParity.identical}/${results.sqlParity.checked} sample requests${results.sqlParity.identical === results.sqlParity.checked ? '' : ` — DIFFERENT: ${JSON.stringify(results.sqlParity.results.filter((r) => r.unknown.length))}`}`,
    );
    save();

    const apiProcess = await step('start API', () => startApi(apiEnv, { logFile: apiLogFile }));
    cleanups.push(async () => {
      results.apiErrors = apiProcess.errors();
    });
    cleanups.push(() => apiProcess.stop());
    const baseline = await step('start baseline', () =>
      startBaseline({
        DATABASE_URL: database.url,
        JWT_SECRET: secrets.JWT_SECRET,
        DATABASE_POOL_SIZE: SETTINGS.api.DATABASE_POOL_SIZE,
      }),
    );
    cleanups.push(() => baseline.stop());
    const token = await login(apiProcess.url);
    await sleep(2000);
    results.memory = { idleMiB: rssMiB(apiProcess.pid), baselineIdleMiB: rssMiB(baseline.pid) };
    log(
      `  API idle RSS ${results.memory.idleMiB?.toFixed(1)} MiB (pid ${apiProcess.pid}); baseline ${results.memory.baselineIdleMiB?.toFixed(1)} MiB`,
    );

    const parity = await checkParity(
      apiProcess.url,
      baseline.url,
      token,
      results.generator.firstCustomerId,
    );
    log(
      `  baseline parity: ${parity.identical}/${parity.checked} identical responses${parity.mismatches.length ? ` (differ: ${parity.mismatches.join(', ')})` : ''}`,
    );

    const read = await step('read paths', () =>
      runReadPaths({
        servers: {
          api: { url: apiProcess.url, pid: apiProcess.pid },
          baseline: { url: baseline.url, pid: baseline.pid },
        },
        panelPids: statusSims.map((sim) => sim.pid),
        token,
        databaseUrl: database.url,
        firstCustomerId: results.generator.firstCustomerId,
        seconds: SETTINGS.phaseSeconds,
        warmupSeconds: SETTINGS.warmupSeconds,
        cpuCount: results.machine.cpus,
        log,
      }),
    );
    results.readPaths = {
      targets: TARGETS,
      endpoints: readEndpoints(results.generator.firstCustomerId).map(({ key, request }) => ({
        key,
        request,
      })),
      rows: read.rows,
      parity,
      statusSetup: `each of the ${SETTINGS.statusPanels} generated servers points at its own simulator process (${SETTINGS.panelLatencyMs} ms latency on every call), so one status request makes ${SETTINGS.statusPanels} real health calls in parallel (3 s budget) and one UPDATE of ${SETTINGS.statusPanels} rows`,
    };
    results.memory.readLoadMaxMiB = read.apiRssUnderLoadMiB;
    results.memory.afterReadLoadMiB = rssMiB(apiProcess.pid);
    save();
    await baseline.stop();
    // --read-only: the read paths are all there is to measure.
    if (!flags['read-only']) {
      // The generated servers hold 150,000 accounts on panels that do not have them: take them out
      // of automatic selection (through the API), so the burst and the payments use fresh panels.
      await step('retire generated servers', async () => {
        const servers = await api(apiProcess.url, token, 'GET', '/api/v1/nextpanel/servers');
        for (const server of servers)
          await api(apiProcess.url, token, 'PATCH', `/api/v1/nextpanel/servers/${server.id}`, {
            is_active: false,
          });
        await Promise.all(statusSims.map((sim) => sim.stop()));
      });

      const burstServerIds = await registerPanels(apiProcess.url, token, burstSims, {
        prefix: 'burst',
        capacity: SETTINGS.burst.capacity,
      });
      await settle(database.url, apiProcess.pid);
      results.burst = await step('provisioning burst', () =>
        provisioningBurst({
          apiUrl: apiProcess.url,
          apiPid: apiProcess.pid,
          token,
          databaseUrl: database.url,
          sims: burstSims,
          serverIds: burstServerIds,
          total: SETTINGS.burst.requests,
          concurrency: SETTINGS.burst.concurrency,
          latencyMs: SETTINGS.panelLatencyMs,
          capacity: SETTINGS.burst.capacity,
          cpuCount: results.machine.cpus,
          log,
        }),
      );
      results.memory.burstMaxMiB = results.burst.apiRssMaxMiB;
      save();

      await registerPanels(apiProcess.url, token, paymentSims, {
        prefix: 'payments',
        capacity: SETTINGS.payments.capacity,
      });
      await settle(database.url, apiProcess.pid);
      results.payments = await step('payments', async () =>
        paymentToActiveAccount({
          apiUrl: apiProcess.url,
          apiPid: apiProcess.pid,
          panelPids: paymentSims.map((sim) => sim.pid),
          databaseUrl: database.url,
          webhookSecret: secrets.STRIPE_WEBHOOK_SECRET,
          passwordHash: await hash(CUSTOMER_PASSWORD),
          count: SETTINGS.payments.events,
          concurrency: SETTINGS.payments.concurrency,
          timeoutMs: (flags.quick ? 90 : 180) * 1000,
          smtp,
          cpuCount: results.machine.cpus,
          log,
        }),
      );
      results.memory.paymentsMaxMiB = results.payments.apiRssMaxMiB;
      results.memory.endMiB = rssMiB(apiProcess.pid);
      save();

      results.evidence = await step('evidence', () =>
        collectEvidence(database.url, {
          searchTerm: SEARCH_TERMS[0],
          pageFillingTerms: pageFillingSearchTerms(),
          customerId: results.generator.firstCustomerId + 4999,
        }),
      );
      save();
    }
  } finally {
    await cleanUp();
  }

  if (flags['read-only']) results.admin = { skipped: true };
  else if (flags['skip-admin']) results.admin = { skipped: true };
  else results.admin = await step('admin bench', runAdminBench);
  results.finishedAt = new Date().toISOString();
  results.totalSeconds = Math.round((Date.now() - started.getTime()) / 1000);
  save();
  process.stdout.write(formatReport(results));
  process.stdout.write(`Results: ${resultsFile} (total ${results.totalSeconds} s)\n`);
}

main().catch(async (error) => {
  process.stderr.write(`\nThe benchmark stopped: ${error.stack ?? error.message}\n`);
  await cleanUp();
  process.exit(1);
});
