// `npm test`: lint, typecheck and every test suite of every project, then the browser tests.
// Uses DATABASE_URL when set; otherwise starts one embedded PostgreSQL for the whole run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, startEmbeddedPostgres } from '../db/embedded-postgres.mjs';
import { run } from '../stack/processes.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const nx = resolve(root, 'node_modules/.bin/nx');
const env = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

let database;
const started = Date.now();
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
  await run(nx, ['run-many', '-t', 'lint', 'typecheck', 'test', '--outputStyle=static', '--parallel=2'], { cwd: root, env });
  await run(nx, ['run-many', '-t', 'e2e', '--outputStyle=static', '--parallel=1'], { cwd: root, env });
  console.log(`\nAll checks passed in ${Math.round((Date.now() - started) / 1000)} s.`);
} catch (error) {
  console.error(`\n${error.message}`);
  process.exitCode = 1;
} finally {
  if (database) await database.stop();
}
