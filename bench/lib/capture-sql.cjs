// Preload (`node --require bench/lib/capture-sql.cjs`) for the benchmark's SQL parity check: appends
// every statement the process sends through pg, as `{ name, text }` JSON lines, to CAPTURE_SQL_FILE.
const { appendFileSync } = require('node:fs');
const pg = require('pg');

const file = process.env.CAPTURE_SQL_FILE;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function capturedQuery(config, ...rest) {
  const text = typeof config === 'string' ? config : config?.text;
  if (file && text) appendFileSync(file, `${JSON.stringify({ name: config?.name, text })}\n`);
  return query.call(this, config, ...rest);
};
