import express, { type NextFunction, type Request, type Response } from 'express';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { HostingAccountStore } from './account-store';
import { controlApi } from './control-api';
import { DEMO_API_KEY, DEMO_API_SECRET } from './demo-credentials';
import { FaultInjector, validateFaultPatch, type FaultPatch, type FaultSettings } from './faults';
import { toControlAccountView, type ControlAccountView } from './hosting-account';
import { replyDetail } from './http-replies';
import { errorReplies } from './json-body';
import { panelApi } from './panel-api';
import type { ApiKeyPair } from './panel-auth';
import { RequestCounters, type RequestCountSnapshot } from './request-counters';
import { jsonLinesLogger, type SimLogger } from './sim-logger';

/**
 * One simulated NextPanel server: the panel's billing API, its accounts on disk, and the control
 * API tests use to inject faults. main.ts runs one per process; tests may run several per process.
 */

export interface SimulatorOptions {
  /** 0 (the default here; the CLI defaults to 3000) lets the OS pick a free port. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** The BILLING key pair; the demo credentials when absent. */
  apiKey?: string;
  apiSecret?: string;
  /** An optional READ_ONLY key pair, answered with 403 instead of 401. */
  restrictedApiKey?: string;
  restrictedApiSecret?: string;
  /** Accounts file; default `.data/nextpanel-sim/<port>.json` under the current directory. */
  dataFile?: string;
  /** Live accounts allowed at once; creating more answers 507. */
  maxAccounts?: number;
  /** Faults active from the start. */
  faults?: Partial<FaultSettings>;
  /** When set, /__control/ requires the header X-Sim-Control-Token with this value. */
  controlToken?: string;
  /** Structured log sink; JSON lines on stderr by default. */
  logger?: SimLogger;
  /** One log line per request (default true). */
  logRequests?: boolean;
  /** Clock, for tests of account_age_days. */
  now?: () => Date;
  /** Randomness behind failure_rate, for deterministic tests. */
  random?: () => number;
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Absolute path of the accounts file. */
  readonly dataFile: string;
  /** Stops listening, drops held requests, lets others finish (up to 2 s), writes the data. */
  close(): Promise<void>;
  /** Same as PUT /__control/faults; resolves once a refusal (if asked) has begun. */
  setFaults(patch: FaultPatch): Promise<FaultSettings>;
  resetFaults(): FaultSettings;
  faults(): FaultSettings;
  accounts(): ControlAccountView[];
  requestCounts(): RequestCountSnapshot;
}

const SHUTDOWN_GRACE_MS = 2000;
const RELISTEN_RETRY_MS = 100;
const RELISTEN_ATTEMPTS = 50;

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, rejectListen) => {
    const onError = (error: Error): void => rejectListen(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolveListen();
    });
  });
}

/** The address clients should use: a wildcard bind is reached through loopback. */
function urlFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function keyPair(
  key: string | undefined,
  secret: string | undefined,
  name: string,
): ApiKeyPair | undefined {
  if (key === undefined && secret === undefined) return undefined;
  if (key === undefined || secret === undefined || key === '' || secret === '') {
    throw new Error(`${name}: both the API key and the API secret must be non-empty`);
  }
  return { apiKey: key, apiSecret: secret };
}

function requestLog(log: SimLogger, enabled: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!enabled) {
      next();
      return;
    }
    const started = process.hrtime.bigint();
    // Method, path (no query string), status, time: never headers or bodies, where keys live.
    const method = req.method;
    const path = req.path;
    const elapsedMs = (): number =>
      Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
    res.once('close', () => {
      if (res.writableFinished) {
        log('info', 'request', { method, path, status: res.statusCode, ms: elapsedMs() });
      } else {
        log('info', 'request', { method, path, status: null, ms: elapsedMs(), aborted: true });
      }
    });
    next();
  };
}

/**
 * The listening socket's life: refusing connections for a while (a panel that is down, so clients
 * see a real ECONNREFUSED rather than a 5xx), listening again on the same port, and shutting down.
 */
class PanelListener {
  private relistenTimer: NodeJS.Timeout | undefined;
  private shuttingDown = false;

  constructor(
    private readonly server: Server,
    private readonly port: number,
    private readonly host: string,
    private readonly log: SimLogger,
  ) {}

  refuse(ms: number, answeredOn?: ServerResponse): void {
    if (this.shuttingDown) return;
    clearTimeout(this.relistenTimer);
    // Closing the listening handle is immediate; keep-alive connections would still reach the old
    // server, so they are dropped too: idle ones now, busy ones once the control answer is out.
    if (this.server.listening) this.server.close();
    this.server.closeIdleConnections();
    const dropConnections = (): void => {
      setImmediate(() => this.server.closeAllConnections());
    };
    if (answeredOn === undefined) dropConnections();
    else answeredOn.once('close', dropConnections);
    this.log('warn', 'refusing_connections', { ms, port: this.port });
    this.relistenTimer = setTimeout(() => this.listenAgain(1), ms);
  }

  async shutDown(): Promise<void> {
    this.shuttingDown = true;
    clearTimeout(this.relistenTimer);
    const closed = new Promise<void>((resolveClose) => this.server.close(() => resolveClose()));
    this.server.closeIdleConnections();
    const force = setTimeout(() => this.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    await closed;
    clearTimeout(force);
  }

  private listenAgain(attempt: number): void {
    if (this.shuttingDown) return;
    const onError = (error: NodeJS.ErrnoException): void => {
      this.log('error', 'relisten_failed', {
        port: this.port,
        attempt,
        code: error.code ?? error.message,
      });
      if (attempt < RELISTEN_ATTEMPTS) {
        this.relistenTimer = setTimeout(() => this.listenAgain(attempt + 1), RELISTEN_RETRY_MS);
      }
    };
    this.server.once('error', onError);
    this.server.listen(this.port, this.host, () => {
      this.server.off('error', onError);
      this.log('info', 'listening_again', { port: this.port });
    });
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const log = options.logger ?? jsonLinesLogger();
  const now = options.now ?? ((): Date => new Date());
  const billingCredentials = keyPair(
    options.apiKey ?? DEMO_API_KEY,
    options.apiSecret ?? DEMO_API_SECRET,
    'BILLING key pair',
  );
  if (billingCredentials === undefined) throw new Error('BILLING key pair is required');
  const restrictedCredentials = keyPair(
    options.restrictedApiKey,
    options.restrictedApiSecret,
    'restricted key pair',
  );
  if (
    options.maxAccounts !== undefined &&
    !(Number.isSafeInteger(options.maxAccounts) && options.maxAccounts > 0)
  ) {
    throw new Error('maxAccounts must be a positive integer');
  }
  const initialFaults = validateFaultPatch(options.faults ?? {});
  if (!initialFaults.ok) throw new Error(initialFaults.detail);

  const server = createServer();
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const listener = new PanelListener(server, port, host, log);

  // The default file is named after the real port, known only now; nothing can be served before
  // the request handler is attached below, in this same synchronous stretch.
  const dataFile = resolve(options.dataFile ?? join('.data', 'nextpanel-sim', `${port}.json`));
  let store: HostingAccountStore;
  try {
    store = HostingAccountStore.open({ dataFile, maxAccounts: options.maxAccounts, now });
    store.flush();
  } catch (error) {
    await listener.shutDown();
    throw error;
  }

  const faults = new FaultInjector(initialFaults.value, options.random ?? Math.random, log);
  const counters = new RequestCounters();

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLog(log, options.logRequests ?? true));
  app.use(
    '/__control',
    controlApi({
      store,
      faults,
      counters,
      controlToken: options.controlToken,
      now,
      refuseConnections: (ms, answeredOn) => listener.refuse(ms, answeredOn),
    }),
  );
  app.use(panelApi({ store, faults, counters, billingCredentials, restrictedCredentials, now }));
  app.use((_req: Request, res: Response) => replyDetail(res, 404, 'Not found'));
  app.use(errorReplies(log));
  server.on('request', app);

  const url = urlFor(host, port);
  log('info', 'started', {
    url,
    data_file: dataFile,
    accounts: store.liveAccounts,
    demo_credentials: billingCredentials.apiKey === DEMO_API_KEY,
    restricted_key: restrictedCredentials !== undefined,
    control_token: options.controlToken !== undefined,
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    host,
    dataFile,
    close() {
      closing ??= (async () => {
        faults.dispose();
        await listener.shutDown();
        store.flush();
        log('info', 'stopped', { url });
      })();
      return closing;
    },
    async setFaults(patch) {
      const checked = validateFaultPatch(patch);
      if (!checked.ok) throw new Error(checked.detail);
      const { refuse_connections_ms: refuseMs, ...settings } = checked.value;
      const current = faults.update(settings);
      if (refuseMs !== undefined) listener.refuse(refuseMs);
      return current;
    },
    resetFaults: () => faults.reset(),
    faults: () => faults.current(),
    accounts: () => store.list().map(toControlAccountView),
    requestCounts: () => counters.snapshot(),
  };
}
