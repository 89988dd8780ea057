// Read paths under load: each endpoint at 10 connections (latency) and 50 connections
// (throughput), on the API and, for the list endpoints, on the baseline server in the same run.
import pg from 'pg';
import { generatedLastName, SEARCH_TERMS, VOLUME } from './generate.mjs';
import { measureCpu } from './cpu.mjs';
import { loadPhase, seededRandom } from './load.mjs';
import { sampleRss, settle } from './stack.mjs';
import { sampleWaits } from './waits.mjs';

export const TARGETS = { p99Ms: 25, baselineRatio: 0.4 };

/**
 * The endpoints, each with a path generator (`paths(server)`, one per phase) that replays the same
 * sequence for every phase, except the distinct-terms search, which never repeats a term on the
 * same server.
 */
export function readEndpoints(firstCustomerId) {
  const distinctTerms = distinctSearchTerms();
  const distinctTermsUsed = { api: 0, baseline: 0 };
  return [
    {
      key: 'customers_page',
      label: 'customers list page',
      request: 'GET /api/v1/customers?page=1&page_size=20',
      target: true,
      paths: () => () => '/api/v1/customers?page=1&page_size=20',
    },
    {
      key: 'customers_search',
      label: 'customer search',
      request: `GET /api/v1/customers?search=<one of ${SEARCH_TERMS.join('|')}>`,
      target: true,
      paths: () => {
        const random = seededRandom(7);
        return () =>
          `/api/v1/customers?search=${SEARCH_TERMS[Math.floor(random() * SEARCH_TERMS.length)]}`;
      },
    },
    {
      // Searches no cache can answer: every request's term is new on this server (see
      // distinctSearchTerms), so each is planned and run, its total found with it.
      key: 'customers_search_distinct',
      label: 'customer search, distinct terms',
      request:
        `GET /api/v1/customers?search=<a term no earlier request to the server used: a last name and the first 1–3 digits ` +
        `of a customer number, as in an email (garcia4, garcia47, garcia471), matching ~160, ~16 or 1–4 customers>`,
      target: true,
      paths: (server) => () =>
        `/api/v1/customers?search=${distinctTerms[distinctTermsUsed[server]++ % distinctTerms.length]}`,
    },
    {
      // The same searches while customers change: each change moves customer_stats.version and
      // rows_version. A cached page survives a change to a customer its term does not find (each
      // of the five names is in ~1.4 % of customers, so ~7 % of changes hit one of them); a change
      // that does reads the page again and counts its total again (the caches' miss cost).
      key: 'customers_search_writes',
      label: 'search + 50 writes/s',
      request: `GET /api/v1/customers?search=<one of ${SEARCH_TERMS.join('|')}> while a random customer's company changes, 50 times a second`,
      target: true,
      background: (databaseUrl) => customerWriter(databaseUrl, firstCustomerId, 50),
      paths: () => {
        const random = seededRandom(7);
        return () =>
          `/api/v1/customers?search=${SEARCH_TERMS[Math.floor(random() * SEARCH_TERMS.length)]}`;
      },
    },
    {
      key: 'customer_details',
      label: 'customer details',
      request: 'GET /api/v1/customers/{random customer id}',
      target: true,
      paths: () => {
        const random = seededRandom(11);
        return () =>
          `/api/v1/customers/${firstCustomerId + Math.floor(random() * VOLUME.customers)}`;
      },
    },
    {
      key: 'servers_list',
      label: 'servers list',
      request: 'GET /api/v1/nextpanel/servers',
      target: true,
      paths: () => () => '/api/v1/nextpanel/servers',
    },
    {
      key: 'servers_status',
      label: 'servers status',
      request: 'GET /api/v1/nextpanel/servers/status',
      target: false,
      paths: () => () => '/api/v1/nextpanel/servers/status',
    },
  ];
}

/**
 * Runs every phase. `servers.api` and `servers.baseline` are {url, pid}; returns one row per
 * endpoint plus the API's resident memory while it was under load.
 */
export async function runReadPaths({
  servers,
  panelPids,
  token,
  databaseUrl,
  firstCustomerId,
  seconds,
  warmupSeconds,
  cpuCount,
  log,
}) {
  const rows = [];
  const rssSamplers = [];
  for (const endpoint of readEndpoints(firstCustomerId)) {
    const row = {
      key: endpoint.key,
      label: endpoint.label,
      request: endpoint.request,
      target: endpoint.target,
    };
    const targets = endpoint.key === 'servers_status' ? ['api'] : ['api', 'baseline'];
    for (const who of targets) {
      const server = servers[who];
      const background = endpoint.background?.(databaseUrl);
      await loadPhase({
        base: server.url,
        token,
        connections: 10,
        seconds: warmupSeconds,
        nextPath: endpoint.paths(who),
      });
      await settle(databaseUrl, server.pid);
      row[who] = {};
      for (const connections of [10, 50]) {
        const cpu = measureCpu({ server: server.pid, panels: panelPids }, cpuCount);
        const rss = who === 'api' ? sampleRss(server.pid) : null;
        const waits = await sampleWaits(
          databaseUrl,
          who === 'api' ? 'nextpanel-billing' : 'nextpanel-bench-baseline',
        );
        const writesBefore = background?.writes() ?? 0;
        const result = await loadPhase({
          base: server.url,
          token,
          connections,
          seconds,
          nextPath: endpoint.paths(who),
          title: `${endpoint.key} ${who} c${connections}`,
        });
        result.cpuCores = cpu.stop();
        result.dbSessions = (await waits.stop()).averageSessions;
        if (rss) rssSamplers.push(rss.stop());
        result.settleMs = await settle(databaseUrl, server.pid);
        row[who][`c${connections}`] = result;
        if (background)
          result.backgroundWritesPerSecond = Number(
            ((background.writes() - writesBefore) / result.seconds).toFixed(1),
          );
        log(
          `  ${endpoint.label.padEnd(20)} ${who.padEnd(8)} c=${String(connections).padEnd(2)} ` +
            `${String(result.rps).padStart(7)} req/s  p50 ${String(result.latency.p50).padStart(5)} ms  ` +
            `p99 ${String(result.latency.p99).padStart(5)} ms  non-2xx ${result.non2xx}  errors ${result.errors}  ` +
            `cpu ${JSON.stringify(result.cpuCores)}${result.settleMs > 1000 ? `  (backlog drained in ${(result.settleMs / 1000).toFixed(1)} s)` : ''}`,
        );
      }
      await background?.stop();
    }
    if (row.baseline) {
      const ratio = row.baseline.c50.rps > 0 ? row.api.c50.rps / row.baseline.c50.rps : null;
      row.ratio = ratio === null ? null : Number(ratio.toFixed(3));
    }
    if (endpoint.target) {
      row.verdict = {
        p99: row.api.c10.latency.p99 < TARGETS.p99Ms && row.api.c10.non2xx === 0 ? 'PASS' : 'MISS',
        throughput: row.ratio !== null && row.ratio >= TARGETS.baselineRatio ? 'PASS' : 'MISS',
      };
    }
    rows.push(row);
  }
  const maxima = rssSamplers.map((s) => s.max).filter((v) => v !== null);
  return { rows, apiRssUnderLoadMiB: maxima.length ? Math.max(...maxima) : null };
}

/**
 * Every email fragment `<last name><first 1–3 digits of n>` that matches at least one generated
 * customer (their emails are `<first>.<last><n>@…`), in a fixed shuffled order: 639 terms matching
 * ~160 customers, 6,390 matching ~16 and 61,199 matching 1–4 (68,228 in all). A server never gets a
 * term twice in a phase (no phase comes near 68,000 requests); after the last term the list starts
 * again, by then long gone from the API's caches (500 search pages, 1000 totals, least recently
 * used first), so every request is still a miss.
 */
function distinctSearchTerms() {
  const terms = new Set();
  for (let n = 1; n <= VOLUME.customers; n++) {
    const digits = String(n);
    for (let length = 1; length <= Math.min(3, digits.length); length++) {
      terms.add(`${generatedLastName(n)}${digits.slice(0, length)}`);
    }
  }
  const shuffled = [...terms];
  const random = seededRandom(13);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled;
}

/**
 * Changes a random customer's company `perSecond` times a second (toggling between two values)
 * until stopped: a change the customer list filters on, as a profile edit would be, spread over
 * the customers as real edits are.
 */
function customerWriter(databaseUrl, firstCustomerId, perSecond) {
  const random = seededRandom(17);
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'nextpanel-bench-writer',
  });
  let writes = 0;
  let stopped = false;
  const done = (async () => {
    await client.connect();
    while (!stopped) {
      const started = performance.now();
      await client.query(
        `UPDATE users SET company_name = CASE WHEN company_name = 'Bench Writer A' THEN 'Bench Writer B' ELSE 'Bench Writer A' END WHERE id = $1`,
        [firstCustomerId + Math.floor(random() * VOLUME.customers)],
      );
      writes += 1;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, 1000 / perSecond - (performance.now() - started))),
      );
    }
    await client.end();
  })();
  return {
    writes: () => writes,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
