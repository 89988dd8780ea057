// Gives the whole jest run a PostgreSQL: the one in DATABASE_URL when set (CI, this machine),
// otherwise an embedded server on a free port with a throwaway data directory.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const { startEmbeddedPostgres, findFreePort } =
    await import('../../../../tools/db/embedded-postgres.mjs');
  const dataDir = join(mkdtempSync(join(tmpdir(), 'np-test-pg-')), 'data');
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await findFreePort(),
    persistent: false,
  });
  globalThis.__EMBEDDED_PG__ = server;
  process.env.DATABASE_URL = server.url;
};
