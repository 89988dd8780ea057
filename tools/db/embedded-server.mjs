// Runs the embedded PostgreSQL as its own process for `npm start`. Started in its own process
// group, so a Ctrl-C in the terminal reaches the API first and the database is stopped last, by
// the parent (SIGTERM) — or when the parent goes away (its stdin pipe closes).
// Prints one JSON line when ready: {"event":"ready","url":"postgres://…"}.
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const [dataDir, port, database] = process.argv.slice(2);
if (!dataDir || !port) {
  process.stderr.write('usage: embedded-server.mjs <dataDir> <port> [database]\n');
  process.exit(2);
}

const server = await startEmbeddedPostgres({
  dataDir,
  port: Number(port),
  persistent: true,
  database,
});
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server
    .stop()
    .catch((error) => process.stderr.write(`PostgreSQL did not stop cleanly: ${error.message}\n`));
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.on('error', () => void stop());
process.stdin.resume();
process.stdout.write(`${JSON.stringify({ event: 'ready', url: server.url })}\n`);
