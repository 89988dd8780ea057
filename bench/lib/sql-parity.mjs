// Does the baseline send the API's SQL? A short-lived API instance runs with capture-sql.cjs
// preloaded; each sample request's statements are compared, text and prepared-statement name,
// with lib/queries.mjs (what the baseline sends). The measured API never has the preload.
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_QUERIES } from './queries.mjs';
import { login, ROOT, startApi } from './stack.mjs';

const KNOWN = [
  BASELINE_QUERIES.AUTH_USER_SQL,
  BASELINE_QUERIES.CUSTOMER_SEARCH_PAGE_UNCHANGED_SQL,
  BASELINE_QUERIES.CUSTOMER_PAGE_SQL(),
  BASELINE_QUERIES.CUSTOMER_PAGE_SQL({ offset: 20 }),
  // A search's statements depend on the term only through U+001F (the three-ILIKE fallback).
  ...['term', '\u001f'].flatMap((search) => [
    BASELINE_QUERIES.CUSTOMER_SEARCH_MATCHES_SQL(search),
    BASELINE_QUERIES.CUSTOMER_PAGE_SQL({ search }),
    BASELINE_QUERIES.CUSTOMER_SEARCH_COUNT_SQL(search),
  ]),
  BASELINE_QUERIES.CUSTOMER_DETAILS_SQL,
  BASELINE_QUERIES.SERVERS_SQL,
];
const isKnown = ({ name, text }) =>
  KNOWN.some((known) => known.text === text && (known.name ?? null) === (name ?? null));
/** Statements of the API's own background work (job queue, cache listener), not of a request. */
const BACKGROUND = /pgboss|\bjobs\b|^SELECT 1$|LISTEN|email_outbox|rate_limit/i;

export async function checkSqlParity(apiEnv, paths, scratchDir) {
  const file = join(scratchDir, 'captured-sql.jsonl');
  rmSync(file, { force: true });
  const api = await startApi(
    { ...apiEnv, CAPTURE_SQL_FILE: file, JOBS_ENABLED: 'false' },
    { nodeArgs: ['--require', join(ROOT, 'bench/lib/capture-sql.cjs')] },
  );
  try {
    const token = await login(api.url);
    const results = [];
    for (const path of paths) {
      // Twice: the first request may look its user up (principal cache miss), the second not.
      for (let round = 0; round < 2; round++) {
        appendFileSync(file, `${JSON.stringify({ marker: path })}\n`);
        await (
          await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
        ).text();
      }
    }
    appendFileSync(file, `${JSON.stringify({ marker: 'end' })}\n`);
    let current = null;
    const byPath = new Map();
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const entry = JSON.parse(line);
      if (entry.marker) {
        current = entry.marker === 'end' ? null : entry.marker;
        if (current && !byPath.has(current)) byPath.set(current, []);
      } else if (current && !BACKGROUND.test(entry.text)) byPath.get(current).push(entry);
    }
    for (const [path, statements] of byPath)
      results.push({
        path,
        statements: statements.length,
        unknown: statements.filter((s) => !isKnown(s)).map((s) => s.text.slice(0, 120)),
      });
    return {
      checked: results.length,
      identical: results.filter((r) => r.unknown.length === 0).length,
      results,
    };
  } finally {
    await api.stop();
  }
}
