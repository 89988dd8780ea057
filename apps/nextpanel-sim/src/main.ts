import { ConfigError, readSimulatorConfig, USAGE } from './config';
import { jsonLinesLogger } from './sim-logger';
import { startSimulator, type RunningSimulator } from './simulator';

/**
 * CLI entry: `node dist/apps/nextpanel-sim/main.js --port 3000 ...` (see USAGE in config.ts).
 * stdout carries exactly one line, `{"event":"listening","url":...,"port":...}`, which spawners
 * (spawnSimulator, tools/stack) wait for; everything else goes to stderr.
 */

async function main(): Promise<void> {
  let config;
  try {
    config = readSimulatorConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`nextpanel-sim: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return;
  }

  const log = jsonLinesLogger(process.stderr);
  const simulator: RunningSimulator = await startSimulator({ ...config.options, logger: log });

  process.stdout.write(
    `${JSON.stringify({ event: 'listening', url: simulator.url, port: simulator.port })}\n`,
  );
  process.stderr.write(
    `NextPanel simulator listening on ${simulator.url} (accounts in ${simulator.dataFile})\n`,
  );

  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) {
      // A second Ctrl-C means "now": skip the graceful part.
      process.exit(1);
    }
    stopping = true;
    log('info', 'shutting_down', { reason });
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log('error', 'shutdown_failed', {
          message: error instanceof Error ? error.message : String(error),
        });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (config.exitWithParent) {
    // The spawning test keeps our stdin open; when it dies (even by kill -9) the pipe closes.
    process.stdin.on('end', () => stop('parent_gone'));
    process.stdin.on('error', () => stop('parent_gone'));
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `nextpanel-sim: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
