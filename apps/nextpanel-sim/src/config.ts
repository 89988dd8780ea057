import { parseArgs } from 'node:util';
import { DEFAULT_PANEL_PORT, DEMO_API_KEY, DEMO_API_SECRET } from './demo-credentials';
import { isResponseFault, RESPONSE_FAULTS, type FaultSettings } from './faults';
import type { SimulatorOptions } from './simulator';

/**
 * The simulator's configuration from the command line, falling back to SIM_* environment
 * variables, then to the demo defaults. The only place that reads the environment (main.ts hands
 * it in), and validated here so a typo stops the start instead of running a surprising panel.
 */

export interface SimulatorConfig {
  help: boolean;
  /** Shut down when stdin closes: spawnSimulator's way of not outliving a killed test run. */
  exitWithParent: boolean;
  options: SimulatorOptions & { port: number; apiKey: string; apiSecret: string };
}

export class ConfigError extends Error {}

export const USAGE = `Usage: node dist/apps/nextpanel-sim/main.js [options]

A simulated NextPanel hosting control-panel server (the panel's billing API plus a test-only
control API under /__control/). Each option falls back to the environment variable shown.

  --port N                  SIM_PORT                   port, 0 = any free port (default ${DEFAULT_PANEL_PORT})
  --host ADDR               SIM_HOST                   interface (default 127.0.0.1)
  --api-key KEY             SIM_API_KEY                BILLING key id (default the demo key)
  --api-secret SECRET       SIM_API_SECRET             BILLING secret (default the demo secret)
  --restricted-api-key KEY  SIM_RESTRICTED_API_KEY     READ_ONLY key pair: answered with 403
  --restricted-api-secret S SIM_RESTRICTED_API_SECRET
  --data FILE               SIM_DATA                   accounts file (default .data/nextpanel-sim/<port>.json)
  --max-accounts N          SIM_MAX_ACCOUNTS           live accounts allowed; beyond: 507
  --latency-ms N            SIM_LATENCY_MS             delay every /api request
  --failure-rate R          SIM_FAILURE_RATE           0..1, share of /api requests answering 500
  --failure-mode MODE       SIM_FAILURE_MODE           before_effect (default) | after_effect
  --response-fault F        SIM_RESPONSE_FAULT         none (default) | garbage | wrong_shape | drop:
                                                       spoil answers on the account routes
  --response-fault-rate R   SIM_RESPONSE_FAULT_RATE    0..1, share of account requests it hits (default 1)
  --hang                    SIM_HANG=true              accept /api requests, never answer
  --health-down             SIM_HEALTH_DOWN=true       /api/health answers 503 {"status":"down"}
  --control-token TOKEN     SIM_CONTROL_TOKEN          require X-Sim-Control-Token on /__control/
  --quiet                   SIM_QUIET=true             no per-request log lines
  --exit-with-parent        SIM_EXIT_WITH_PARENT=true  shut down when stdin closes
  --help
`;

type Env = Record<string, string | undefined>;

function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(raw.trim()))
    throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function rate(name: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !(value >= 0 && value <= 1)) {
    throw new ConfigError(`${name} must be a number from 0 to 1, got "${raw}"`);
  }
  return value;
}

function flag(name: string, raw: string): boolean {
  const normalized = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(normalized)) return true;
  if (['', '0', 'false', 'no', 'off'].includes(normalized)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function readSimulatorConfig(argv: readonly string[], env: Env): SimulatorConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key': { type: 'string' },
        'api-secret': { type: 'string' },
        'restricted-api-key': { type: 'string' },
        'restricted-api-secret': { type: 'string' },
        data: { type: 'string' },
        'max-accounts': { type: 'string' },
        'latency-ms': { type: 'string' },
        'failure-rate': { type: 'string' },
        'failure-mode': { type: 'string' },
        'response-fault': { type: 'string' },
        'response-fault-rate': { type: 'string' },
        hang: { type: 'boolean' },
        'health-down': { type: 'boolean' },
        'control-token': { type: 'string' },
        quiet: { type: 'boolean' },
        'exit-with-parent': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const cli = parsed.values;

  /** The option's value from the command line, else from the environment (empty counts as unset). */
  const pick = (cliValue: string | undefined, envName: string): [string, string] | undefined => {
    if (cliValue !== undefined) return [cliValue, envName];
    const fromEnv = env[envName];
    return fromEnv === undefined || fromEnv === '' ? undefined : [fromEnv, envName];
  };
  const pickFlag = (cliValue: boolean | undefined, envName: string): boolean => {
    if (cliValue !== undefined) return cliValue;
    const fromEnv = env[envName];
    return fromEnv === undefined ? false : flag(envName, fromEnv);
  };

  const port = pick(cli.port, 'SIM_PORT');
  const maxAccounts = pick(cli['max-accounts'], 'SIM_MAX_ACCOUNTS');
  const latency = pick(cli['latency-ms'], 'SIM_LATENCY_MS');
  const failureRate = pick(cli['failure-rate'], 'SIM_FAILURE_RATE');
  const failureMode = pick(cli['failure-mode'], 'SIM_FAILURE_MODE');
  const responseFault = pick(cli['response-fault'], 'SIM_RESPONSE_FAULT');
  const responseFaultRate = pick(cli['response-fault-rate'], 'SIM_RESPONSE_FAULT_RATE');

  const faults: Partial<FaultSettings> = {
    hang: pickFlag(cli.hang, 'SIM_HANG'),
    health_down: pickFlag(cli['health-down'], 'SIM_HEALTH_DOWN'),
  };
  if (latency !== undefined) faults.latency_ms = integer(latency[1], latency[0], 0, 600_000);
  if (failureRate !== undefined) faults.failure_rate = rate(failureRate[1], failureRate[0]);
  if (failureMode !== undefined) {
    const mode = failureMode[0];
    if (mode !== 'before_effect' && mode !== 'after_effect') {
      throw new ConfigError(
        `${failureMode[1]} must be before_effect or after_effect, got "${mode}"`,
      );
    }
    faults.failure_mode = mode;
  }
  if (responseFault !== undefined) {
    const fault = responseFault[0];
    if (!isResponseFault(fault)) {
      throw new ConfigError(
        `${responseFault[1]} must be ${RESPONSE_FAULTS.join(' | ')}, got "${fault}"`,
      );
    }
    faults.response_fault = fault;
  }
  if (responseFaultRate !== undefined) {
    faults.response_fault_rate = rate(responseFaultRate[1], responseFaultRate[0]);
  }

  const apiKey = pick(cli['api-key'], 'SIM_API_KEY')?.[0] ?? DEMO_API_KEY;
  const apiSecret = pick(cli['api-secret'], 'SIM_API_SECRET')?.[0] ?? DEMO_API_SECRET;
  const restrictedApiKey = pick(cli['restricted-api-key'], 'SIM_RESTRICTED_API_KEY')?.[0];
  const restrictedApiSecret = pick(cli['restricted-api-secret'], 'SIM_RESTRICTED_API_SECRET')?.[0];
  if ((restrictedApiKey === undefined) !== (restrictedApiSecret === undefined)) {
    throw new ConfigError('--restricted-api-key and --restricted-api-secret go together');
  }
  if (restrictedApiKey !== undefined && restrictedApiKey === apiKey) {
    throw new ConfigError('the restricted key must differ from the BILLING key');
  }

  return {
    help: cli.help ?? false,
    exitWithParent: pickFlag(cli['exit-with-parent'], 'SIM_EXIT_WITH_PARENT'),
    options: {
      port: port === undefined ? DEFAULT_PANEL_PORT : integer(port[1], port[0], 0, 65_535),
      host: pick(cli.host, 'SIM_HOST')?.[0] ?? '127.0.0.1',
      apiKey,
      apiSecret,
      restrictedApiKey,
      restrictedApiSecret,
      dataFile: pick(cli.data, 'SIM_DATA')?.[0],
      maxAccounts:
        maxAccounts === undefined
          ? undefined
          : integer(maxAccounts[1], maxAccounts[0], 1, 10_000_000),
      faults,
      controlToken: pick(cli['control-token'], 'SIM_CONTROL_TOKEN')?.[0],
      logRequests: !pickFlag(cli.quiet, 'SIM_QUIET'),
    },
  };
}
