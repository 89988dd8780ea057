// `npm test`: lint, typecheck and every test suite of every project, then the browser tests.
// Uses DATABASE_URL when set; otherwise starts one embedded PostgreSQL for the whole run.
// Ends with one plain line, `Summary: N passed, N failed`, added up from every runner's report.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, startEmbeddedPostgres } from '../db/embedded-postgres.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const nx = resolve(root, 'node_modules/.bin/nx');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const totals = { passed: 0, failed: 0 };

/** Runs a command, echoing its output, and counts the tests its runners report. */
function runCounting(command, args) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const echo = (target) => (chunk) => {
      target.write(chunk);
      text += chunk.toString();
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('exit', (code) => {
      count(text.replace(/\u001b\[[0-9;]*m/g, ''));
      resolveRun(code === 0);
    });
  });
}

function count(output) {
  // jest: "Tests:       2 failed, 40 passed, 42 total"; vitest: "Tests  148 passed (148)"
  for (const line of output.split('\n')) {
    const jestOrVitest = /^\s*Tests:?\s+(.*)$/.exec(line);
    if (jestOrVitest) {
      totals.passed += Number(/(\d+) passed/.exec(jestOrVitest[1])?.[1] ?? 0);
      totals.failed += Number(/(\d+) failed/.exec(jestOrVitest[1])?.[1] ?? 0);
      continue;
    }
    // Playwright: "  8 passed (56.9s)" and "  1 failed"
    const playwright = /^\s+(\d+) (passed|failed)( \(|$)/.exec(line);
    if (playwright) totals[playwright[2]] += Number(playwright[1]);
  }
}

let database;
const started = Date.now();
let ok = false;
try {
  if (!process.env.DATABASE_URL) {
    console.log('DATABASE_URL is not set: starting an embedded PostgreSQL for this test run…');
    database = await startEmbeddedPostgres({
      dataDir: join(mkdtempSync(join(tmpdir(), 'np-test-')), 'pg'),
      port: await findFreePort(),
      persistent: false,
    });
    env.DATABASE_URL = database.url;
  }
  const checks = await runCounting(nx, [
    'run-many',
    '-t',
    'lint',
    'typecheck',
    'test',
    '--outputStyle=static',
    '--parallel=2',
  ]);
  const browser = await runCounting(nx, [
    'run-many',
    '-t',
    'e2e',
    '--outputStyle=static',
    '--parallel=1',
  ]);
  ok = checks && browser;
  console.log(
    `\n${ok ? 'All checks passed' : 'Some checks failed'} in ${Math.round((Date.now() - started) / 1000)} s.`,
  );
} catch (error) {
  console.error(`\n${error.message}`);
} finally {
  if (database) await database.stop();
}
console.log(`Summary: ${totals.passed} passed, ${totals.failed} failed`);
// Exit explicitly: embedded-postgres installs async-exit-hook, which ends the process with 0 on
// `beforeExit` and would swallow a failing `process.exitCode`.
process.exit(ok ? 0 : 1);
