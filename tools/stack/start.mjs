// `npm start`: the whole stack in the foreground on embedded defaults — PostgreSQL (embedded unless
// DATABASE_URL is set), migrations and seed, the API on 8001, the admin SPA on 4000 and the NextPanel
// simulator on 3000. Ctrl-C stops everything cleanly.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pretty from 'pino-pretty';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { exited, portInUse, run, startChild, stopChild, waitForHttp } from './processes.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const bin = (name) => resolve(root, 'node_modules/.bin', name);

const ports = {
  api: Number(process.env.PORT ?? 8001),
  admin: Number(process.env.ADMIN_PORT ?? 4000),
  sim: Number(process.env.SIM_PORT ?? 3000),
  embeddedPostgres: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
};
const simCredentials = {
  apiKey: process.env.SIM_API_KEY ?? 'npk_demo_7f3a9c2e51d84b60',
  apiSecret: process.env.SIM_API_SECRET ?? 'nps_demo_c41e8b7a29f3d506e8a1',
};
const dataDir = resolve(root, process.env.DATA_DIR ?? '.data');

const children = [];
let database;
let shuttingDown = false;

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('\nStopping NextPanel Billing…');
  await Promise.all(children.map((child) => stopChild(child)));
  if (database) await stopChild(database, 30_000);
  console.log('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

function supervise(child) {
  children.push(child);
  void exited(child).then((code) => {
    if (!shuttingDown) {
      console.error(`${child.displayName} exited unexpectedly (${code}); stopping the stack.`);
      void shutdown(1);
    }
  });
  return child;
}

/**
 * The embedded PostgreSQL runs in its own process group: Ctrl-C then stops the API, simulator and
 * Vite first, and the database last, so nothing logs a lost connection on the way out.
 */
function startDatabase() {
  const child = spawn(
    'node',
    [
      resolve(root, 'tools/db/embedded-server.mjs'),
      resolve(dataDir, 'postgres'),
      String(ports.embeddedPostgres),
      'nextpanel_billing',
    ],
    { cwd: root, detached: true, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  child.displayName = 'postgres';
  return new Promise((resolveStart, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`embedded PostgreSQL exited during start (${code})`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const message = JSON.parse(line);
        if (message.event === 'ready') resolveStart({ child, url: message.url });
      } catch {
        // not our line
      }
    });
  });
}

async function main() {
  for (const [name, port] of Object.entries({
    API: ports.api,
    'Admin SPA': ports.admin,
    Simulator: ports.sim,
  })) {
    if (await portInUse(port))
      throw new Error(`${name} port ${port} is already in use; stop what uses it first.`);
  }

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log(
      `Starting embedded PostgreSQL (data in ${resolve(dataDir, 'postgres')}, port ${ports.embeddedPostgres})…`,
    );
    ({ child: database, url: databaseUrl } = await startDatabase());
    void exited(database).then((code) => {
      if (!shuttingDown) {
        console.error(`embedded PostgreSQL exited unexpectedly (${code}); stopping the stack.`);
        void shutdown(1);
      }
    });
  }

  console.log('Building the API and the simulator…');
  await run(
    bin('nx'),
    ['run-many', '-t', 'build', '-p', 'api', 'nextpanel-sim', '--outputStyle=static'],
    {
      cwd: root,
      env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    },
  );

  const apiEnv = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(ports.api),
    CORS_ORIGINS:
      process.env.CORS_ORIGINS ?? `http://localhost:${ports.admin},http://127.0.0.1:${ports.admin}`,
  };
  console.log('Applying migrations and seed data…');
  await run('node', ['dist/apps/api/apps/api/src/cli.js', 'setup'], { cwd: root, env: apiEnv });

  supervise(
    startChild(
      'sim',
      'node',
      [
        'dist/apps/nextpanel-sim/main.js',
        '--port',
        String(ports.sim),
        '--api-key',
        simCredentials.apiKey,
        '--api-secret',
        simCredentials.apiSecret,
        '--data',
        resolve(dataDir, 'nextpanel-sim', `${ports.sim}.json`),
      ],
      { cwd: root },
    ),
  );
  supervise(
    startChild('api', 'node', ['dist/apps/api/apps/api/src/main.js'], {
      cwd: root,
      env: apiEnv,
      stdoutSink: pretty({
        colorize: process.stdout.isTTY,
        ignore: 'pid,hostname',
        messageKey: 'msg',
      }),
    }),
  );
  supervise(
    startChild(
      'admin',
      bin('vite'),
      ['--config', 'apps/admin/vite.config.mts', '--port', String(ports.admin), '--strictPort'],
      {
        cwd: root,
        env: { VITE_API_URL: process.env.VITE_API_URL ?? `http://localhost:${ports.api}` },
      },
    ),
  );

  await Promise.all([
    waitForHttp(`http://127.0.0.1:${ports.api}/health`),
    waitForHttp(`http://127.0.0.1:${ports.admin}/`),
    waitForHttp(`http://127.0.0.1:${ports.sim}/api/health`, {
      headers: { 'X-API-Key': simCredentials.apiKey, 'X-API-Secret': simCredentials.apiSecret },
    }),
  ]);

  const adminLogin = `${process.env.ADMIN_EMAIL ?? 'admin@test.com'} / ${process.env.ADMIN_PASSWORD ? '(your ADMIN_PASSWORD)' : 'Admin123!'}`;
  console.log(`
  ┌──────────────────────────────────────────────────────────────────────┐
  │ NextPanel Billing is running                                         │
  ├──────────────────────────────────────────────────────────────────────┤
  │ Admin dashboard   http://localhost:${String(ports.admin).padEnd(34)}│
  │ API               http://localhost:${String(ports.api).padEnd(34)}│
  │ API docs          http://localhost:${`${ports.api}/docs`.padEnd(34)}│
  │ Panel simulator   http://localhost:${String(ports.sim).padEnd(34)}│
  ├──────────────────────────────────────────────────────────────────────┤
  │ Admin login       ${adminLogin.padEnd(51)}│
  │ Simulator API key     ${simCredentials.apiKey.padEnd(47)}│
  │ Simulator API secret  ${simCredentials.apiSecret.padEnd(47)}│
  ├──────────────────────────────────────────────────────────────────────┤
  │ Database          ${(process.env.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL, port ${ports.embeddedPostgres}`).padEnd(51)}│
  │ Press Ctrl-C to stop everything.                                     │
  └──────────────────────────────────────────────────────────────────────┘
`);
}

main().catch(async (error) => {
  console.error(`\nCould not start NextPanel Billing: ${error.message}`);
  await shutdown(1);
});
