import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Starts a NextPanel simulator as a separate process for integration tests of other projects:
 * a real server on its own port that a test can also kill -9. Imported by relative path
 * (e.g. `../../nextpanel-sim/src/testing/spawn-simulator`), so it uses Node builtins only.
 * It runs the BUILT simulator: `npx nx build nextpanel-sim` first (nx does it for projects whose
 * test target depends on nextpanel-sim:build).
 *
 *   const panel = await spawnSimulator();
 *   // register panel.url, panel.apiKey, panel.apiSecret as a server in billing ...
 *   await panel.stop();
 */

export interface SpawnSimulatorOptions {
  /** 0 (default) = a free port. Pass an old instance's port to bring "the same server" back. */
  port?: number;
  /** BILLING key pair; a fresh random pair per instance when absent. */
  apiKey?: string;
  apiSecret?: string;
  /** Also accept this READ_ONLY pair, answering it with 403. */
  restrictedApiKey?: string;
  restrictedApiSecret?: string;
  /** Accounts file. Default: a new temporary directory, removed by stop()/kill() unless keepData. */
  dataFile?: string;
  keepData?: boolean;
  maxAccounts?: number;
  latencyMs?: number;
  failureRate?: number;
  failureMode?: 'before_effect' | 'after_effect';
  /** Spoil answers on the account routes: `garbage` (HTML), `wrong_shape` (JSON), `drop` (cut off). */
  responseFault?: 'none' | 'garbage' | 'wrong_shape' | 'drop';
  responseFaultRate?: number;
  hang?: boolean;
  healthDown?: boolean;
  controlToken?: string;
  /** Per-request log lines on the child's stderr (default false: quiet, to keep test output short). */
  logRequests?: boolean;
  /** Further CLI arguments, appended last. */
  extraArgs?: string[];
  /** The built entry point; default <workspace>/dist/apps/nextpanel-sim/main.js. */
  mainPath?: string;
  /** How long to wait for the `listening` line (default 10 s). */
  startTimeoutMs?: number;
}

export interface SpawnedSimulator {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  pid: number;
  apiKey: string;
  apiSecret: string;
  dataFile: string;
  controlToken?: string;
  /** Headers for the control API (the token, when one is set). */
  controlHeaders: Record<string, string>;
  /** The child's recent stderr (structured logs), for failure messages. */
  logs(): string;
  /** SIGTERM and wait for exit (SIGKILL after 5 s); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (a crash: no flush, no goodbye) and wait for exit. */
  kill(): Promise<void>;
  /** Resolves when the child has exited, however that happened. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const LOG_LINES_KEPT = 200;
const STOP_GRACE_MS = 5000;

// Children still running when the test process exits are killed (and their temporary data
// removed), so a failed or forgotten stop() does not leave a panel holding a port. The child also
// exits by itself when its stdin pipe closes, which covers a test process killed with -9.
const liveChildren = new Map<ChildProcess, () => void>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [child, removeTemporaryData] of liveChildren) {
      child.kill('SIGKILL');
      removeTemporaryData();
    }
  });
}

function findWorkspaceRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`spawnSimulator: no nx.json above ${from}; pass mainPath`);
    dir = parent;
  }
}

function randomToken(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

/** Releases the child's pipes from the event loop, so a forgotten simulator cannot keep a test run alive. */
function unrefPipes(child: ChildProcess): void {
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
  child.unref();
}

export async function spawnSimulator(
  options: SpawnSimulatorOptions = {},
): Promise<SpawnedSimulator> {
  const mainPath =
    options.mainPath ??
    join(findWorkspaceRoot(__dirname), 'dist', 'apps', 'nextpanel-sim', 'main.js');
  if (!existsSync(mainPath)) {
    throw new Error(
      `spawnSimulator: ${mainPath} not found; build it first: npx nx build nextpanel-sim`,
    );
  }

  const apiKey = options.apiKey ?? randomToken('npk_test_', 8);
  const apiSecret = options.apiSecret ?? randomToken('nps_test_', 12);
  let temporaryDir: string | undefined;
  let dataFile = options.dataFile;
  if (dataFile === undefined) {
    temporaryDir = mkdtempSync(join(tmpdir(), 'nextpanel-sim-'));
    dataFile = join(temporaryDir, 'accounts.json');
  }

  // Credentials go through the environment, not argv, so they do not show up in `ps` output.
  const env: NodeJS.ProcessEnv = { ...process.env, SIM_API_KEY: apiKey, SIM_API_SECRET: apiSecret };
  for (const name of Object.keys(env)) {
    // Inherited SIM_* settings from the developer's shell must not leak into test panels.
    if (name.startsWith('SIM_') && name !== 'SIM_API_KEY' && name !== 'SIM_API_SECRET')
      delete env[name];
  }
  const args = [
    mainPath,
    '--port',
    String(options.port ?? 0),
    '--data',
    dataFile,
    '--exit-with-parent',
  ];
  if (options.restrictedApiKey !== undefined) env.SIM_RESTRICTED_API_KEY = options.restrictedApiKey;
  if (options.restrictedApiSecret !== undefined)
    env.SIM_RESTRICTED_API_SECRET = options.restrictedApiSecret;
  if (options.controlToken !== undefined) env.SIM_CONTROL_TOKEN = options.controlToken;
  if (options.maxAccounts !== undefined) args.push('--max-accounts', String(options.maxAccounts));
  if (options.latencyMs !== undefined) args.push('--latency-ms', String(options.latencyMs));
  if (options.failureRate !== undefined) args.push('--failure-rate', String(options.failureRate));
  if (options.failureMode !== undefined) args.push('--failure-mode', options.failureMode);
  if (options.responseFault !== undefined) args.push('--response-fault', options.responseFault);
  if (options.responseFaultRate !== undefined)
    args.push('--response-fault-rate', String(options.responseFaultRate));
  if (options.hang === true) args.push('--hang');
  if (options.healthDown === true) args.push('--health-down');
  if (options.logRequests !== true) args.push('--quiet');
  args.push(...(options.extraArgs ?? []));

  const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  if (child.pid === undefined) {
    // spawn failures surface as an 'error' event; wait for it for a clear message.
    const error = await new Promise<Error>((resolveError) => child.once('error', resolveError));
    throw new Error(`spawnSimulator: could not start node: ${error.message}`);
  }
  const pid = child.pid;
  const { stdout, stderr } = child;
  if (stdout === null || stderr === null)
    throw new Error('spawnSimulator: child stdio is not piped');
  const removeTemporaryData = (): void => {
    if (temporaryDir !== undefined && options.keepData !== true) {
      rmSync(temporaryDir, { recursive: true, force: true });
    }
  };
  liveChildren.set(child, removeTemporaryData);
  installExitHook();

  const logLines: string[] = [];
  createInterface({ input: stderr }).on('line', (line) => {
    logLines.push(line);
    if (logLines.length > LOG_LINES_KEPT) logLines.shift();
  });
  const logs = (): string => logLines.join('\n');

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolveExit) => {
      // 'close' rather than 'exit': it comes after stderr is drained, so logs() is complete.
      child.once('close', (code, signal) => {
        liveChildren.delete(child);
        resolveExit({ code, signal });
      });
    },
  );

  let listening: { url: string; port: number };
  try {
    listening = await new Promise<{ url: string; port: number }>(
      (resolveListening, rejectListening) => {
        const timer = setTimeout(
          () =>
            rejectListening(
              new Error(`no "listening" line within ${options.startTimeoutMs ?? 10000} ms`),
            ),
          options.startTimeoutMs ?? 10000,
        );
        createInterface({ input: stdout }).on('line', (line) => {
          let message: unknown;
          try {
            message = JSON.parse(line);
          } catch {
            return;
          }
          const { event, url, port } = message as {
            event?: unknown;
            url?: unknown;
            port?: unknown;
          };
          if (event === 'listening' && typeof url === 'string' && typeof port === 'number') {
            clearTimeout(timer);
            resolveListening({ url, port });
          }
        });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          rejectListening(new Error(`exited before listening (code ${code}, signal ${signal})`));
        });
      },
    );
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    removeTemporaryData();
    throw new Error(`spawnSimulator: ${(error as Error).message}\n${logs()}`);
  }

  unrefPipes(child);

  const waitForExit = async (): Promise<{ code: number | null; signal: NodeJS.Signals | null }> => {
    // Hold the event loop while waiting, or a script whose last act is `await stop()` could end early.
    child.ref();
    const result = await exited;
    removeTemporaryData();
    return result;
  };

  return {
    url: listening.url,
    port: listening.port,
    pid,
    apiKey,
    apiSecret,
    dataFile,
    controlToken: options.controlToken,
    controlHeaders:
      options.controlToken === undefined ? {} : { 'X-Sim-Control-Token': options.controlToken },
    logs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const escalate = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        const { code } = await waitForExit();
        clearTimeout(escalate);
        return code;
      }
      return (await waitForExit()).code;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await waitForExit();
    },
    exited,
  };
}
