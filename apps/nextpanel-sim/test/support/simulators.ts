import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogFields, SimLogger } from '../../src/sim-logger';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator';
import { panelClient, type PanelClient } from './http-call';

/** In-process simulators for the specs: port 0, a temporary data directory, logs kept in memory. */

export const TEST_API_KEY = 'npk_spec_0a1b2c3d4e5f6a7b';
export const TEST_API_SECRET = 'nps_spec_9f8e7d6c5b4a39281706';

export interface TestSimulator {
  sim: RunningSimulator;
  panel: PanelClient;
  dataDir: string;
  /** Every structured log line the simulator wrote, as JSON text. */
  logLines: string[];
  /** Closes the simulator and removes its data directory. */
  dispose(): Promise<void>;
}

export function memoryLogger(lines: string[]): SimLogger {
  return (level, event, fields: LogFields = {}) => {
    lines.push(JSON.stringify({ level, event, ...fields }));
  };
}

const dataDirs: string[] = [];

/** A fresh temporary directory; specs call removeDataDirs() in afterAll. */
export function makeDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nextpanel-sim-spec-'));
  dataDirs.push(dir);
  return dir;
}

export function removeDataDirs(): void {
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function startTestSimulator(
  options: SimulatorOptions = {},
  dataDir = makeDataDir(),
): Promise<TestSimulator> {
  const logLines: string[] = [];
  const sim = await startSimulator({
    apiKey: TEST_API_KEY,
    apiSecret: TEST_API_SECRET,
    dataFile: join(dataDir, 'accounts.json'),
    logger: memoryLogger(logLines),
    ...options,
  });
  return {
    sim,
    panel: panelClient(
      sim.url,
      options.apiKey ?? TEST_API_KEY,
      options.apiSecret ?? TEST_API_SECRET,
    ),
    dataDir,
    logLines,
    async dispose() {
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A valid create body with a unique username per call. */
export function newAccount(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    username: `customer${process.pid % 1000}_${counter}`,
    email: `customer${counter}@example.com`,
    password: 'TempPassword123!',
    full_name: 'John Doe',
    phone: '+1234567890',
    company: 'Acme Inc',
    package_id: 1,
    is_admin: false,
    billing_id: '1',
    metadata: { created_from: 'billing_system', billing_customer_id: '1', account_type: 'panel' },
    ...overrides,
  };
}
