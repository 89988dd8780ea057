// Where the time goes, from PostgreSQL itself: the server-side execution time of the statements
// behind the paths as the API sends them now (EXPLAIN ANALYZE, timing off, median of 5), and, for
// comparison, the statements or indexes the changes of issue 7 replaced: measured inside a
// transaction that is rolled back, so the bench database (and the API) never see the old state.
// Also checks the trigger-kept live-account counter against a recount, and what the triggers add
// to a single-account write.
import { createSecretKey, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BASELINE_QUERIES, REPLACED_QUERIES, SERVER_CHOICE_QUERIES } from './queries.mjs';
import { ROOT, withClient } from './stack.mjs';

const LIVE = `('provisioning', 'active', 'suspended')`;

async function executionMs(client, sql, params, runs = 5) {
  const times = [];
  let plan = '';
  for (let run = 0; run < runs; run++) {
    const { rows } = await client.query(
      `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`,
      params,
    );
    const [explained] = rows[0]['QUERY PLAN'];
    times.push(explained['Execution Time']);
    plan = describe(explained.Plan);
  }
  times.sort((a, b) => a - b);
  return { ms: Number(times[Math.floor(runs / 2)].toFixed(2)), plan };
}

/** The plan's node types, outermost first, e.g. "Limit > Sort > Seq Scan(users)". */
function describe(node) {
  const parts = [];
  const walk = (n) => {
    parts.push(
      n['Relation Name']
        ? `${n['Node Type']}(${n['Index Name'] ?? n['Relation Name']})`
        : n['Node Type'],
    );
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(node);
  return parts.join(' > ');
}

export async function collectEvidence(databaseUrl, { searchTerm, pageFillingTerms, customerId }) {
  const search = [`%${searchTerm}%`];
  const r = REPLACED_QUERIES;
  const q = BASELINE_QUERIES;
  const c = SERVER_CHOICE_QUERIES;
  return withClient(databaseUrl, async (client) => {
    // The generated server with the most live accounts: the old per-reservation count's worst case.
    const {
      rows: [busiest],
    } = await client.query(
      `SELECT id, live_accounts FROM panel_servers ORDER BY live_accounts DESC, id LIMIT 1`,
    );
    const statements = {
      customers_page_and_total: [q.CUSTOMER_PAGE_SQL().text, [20, 0]],
      search_page_and_version: [
        q.CUSTOMER_PAGE_SQL({ search: searchTerm }).text,
        [20, 0, ...search],
      ],
      search_count: [q.CUSTOMER_SEARCH_COUNT_SQL(searchTerm).text, search],
      // At most 2,000 matches: the page and its total read together.
      search_matches: [q.CUSTOMER_SEARCH_MATCHES_SQL(searchTerm).text, [1, 20, ...search]],
      customer_details: [q.CUSTOMER_DETAILS_SQL.text, [customerId]],
      auth_user: [q.AUTH_USER_SQL.text, [1, true]],
      servers_list: [q.SERVERS_SQL.text, []],
      least_used_servers: [c.LEAST_USED_SERVERS_SQL, []],
    };
    const now = {};
    for (const [name, [sql, params]] of Object.entries(statements))
      now[name] = await executionMs(client, sql, params);

    // What the changes replaced, measured now on the same data.
    const before = {};
    const inRolledBack = async (name, setup, measured) => {
      await client.query('BEGIN');
      try {
        for (const statement of setup) await client.query(statement);
        const after = {};
        for (const [statementName, [sql, params]] of Object.entries(measured))
          after[statementName] = await executionMs(client, sql, params);
        before[name] = { setup, statements: after };
      } catch (error) {
        before[name] = { setup, error: error.message };
      } finally {
        await client.query('ROLLBACK');
      }
    };
    // The users table without its read-path indexes (migration 1764280000000's, in the form
    // migration 1764330000000 gave them).
    await inRolledBack(
      'without_read_path_indexes',
      ['DROP INDEX ix_users_customers_newest_covering', 'DROP INDEX ix_users_search_text_trgm'],
      {
        customers_page_and_total: statements.customers_page_and_total,
        search_page_and_version: statements.search_page_and_version,
        search_count: statements.search_count,
      },
    );
    // The total every customers page counted before customer_stats (and every search page counted
    // before the version-keyed totals).
    await inRolledBack('counted_totals', [], {
      customers_count: [r.CUSTOMER_COUNT_BEFORE_SQL(), []],
      search_count: [r.CUSTOMER_COUNT_BEFORE_SQL(searchTerm), search],
    });
    // The search before search_text (migration 1764330000000): three ILIKEs on the three-column
    // trigram index, the page's whole rows read along the newest-first index.
    await inRolledBack(
      'three_ilike_search',
      [
        `CREATE INDEX ix_users_customers_newest ON users (created_at DESC NULLS LAST, id DESC) WHERE role = 'customer'`,
        `CREATE INDEX ix_users_search_trgm ON users USING gin (email gin_trgm_ops, full_name gin_trgm_ops, company_name gin_trgm_ops) WITH (fastupdate = off) WHERE role = 'customer'`,
        'DROP INDEX ix_users_customers_newest_covering',
        'DROP INDEX ix_users_search_text_trgm',
        'ANALYZE users',
      ],
      {
        search_page_and_version: [r.CUSTOMER_SEARCH_PAGE_BEFORE_SQL, [20, 0, ...search]],
        search_count: [r.CUSTOMER_SEARCH_COUNT_BEFORE_SQL, search],
      },
    );
    // Every live account counted, as the servers list, the monitor and the server choice did, and
    // the count a reservation made under the row lock (on the server with the most accounts).
    await inRolledBack('full_count', [], {
      servers_list: [c.SERVERS_SQL_FULL_COUNT, []],
      least_used_servers: [c.LEAST_USED_SERVERS_FULL_COUNT_SQL, []],
      reservation_count: [c.RESERVATION_COUNT_SQL, [busiest.id]],
    });
    const sameChoice = await client.query(c.LEAST_USED_SERVERS_SQL).then(async (a) => {
      const b = await client.query(c.LEAST_USED_SERVERS_FULL_COUNT_SQL);
      return JSON.stringify(a.rows) === JSON.stringify(b.rows);
    });

    return {
      now,
      before,
      pageFillingSearches: await pageFillingSearches(client, pageFillingTerms),
      serverChoiceSameAsFullCount: sameChoice,
      counter: await counterCheck(client),
      triggerCost: await triggerCost(client, busiest.id),
      jwtVerify: jwtVerifyCost(),
    };
  });
}

/**
 * Searches that fill a page (terms matching ~160 customers each): as they ran before reading every
 * match (the newest-first walk to a full page, then the count) and as they run now (one statement),
 * timed per term from the client, planning included. Where a term's matches were created together,
 * far from the newest, the walk is long, and the planner cannot tell.
 */
async function pageFillingSearches(client, terms) {
  const q = BASELINE_QUERIES;
  const walkAndCount = [];
  const readEveryMatch = [];
  for (const term of terms) {
    const pattern = [`%${term}%`];
    let started = performance.now();
    const { rows } = await client.query(q.CUSTOMER_PAGE_SQL({ search: term }).text, [
      20,
      0,
      ...pattern,
    ]);
    if (rows.length === 20) await client.query(q.CUSTOMER_SEARCH_COUNT_SQL(term).text, pattern);
    walkAndCount.push(performance.now() - started);
    started = performance.now();
    await client.query(q.CUSTOMER_SEARCH_MATCHES_SQL(term).text, [1, 20, ...pattern]);
    readEveryMatch.push(performance.now() - started);
  }
  const summary = (times) => {
    const sorted = [...times].sort((a, b) => a - b);
    const at = (p) =>
      Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(2));
    const mean = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
    return { meanMs: Number(mean.toFixed(2)), p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
  };
  return {
    terms: terms.length,
    walkAndCount: summary(walkAndCount),
    readEveryMatch: summary(readEveryMatch),
  };
}

/** panel_servers.live_accounts against a recount, on every server (after burst and payments). */
async function counterCheck(client) {
  const { rows } = await client.query(
    `SELECT s.id, s.live_accounts AS counter, COALESCE(c.n, 0) AS recount
     FROM panel_servers s
     LEFT JOIN (SELECT server_id, count(*)::int AS n FROM hosting_accounts WHERE status IN ${LIVE} GROUP BY server_id) c
       ON c.server_id = s.id
     ORDER BY s.id`,
  );
  const wrong = rows.filter((row) => row.counter !== row.recount);
  return {
    servers: rows.length,
    liveAccounts: rows.reduce((sum, row) => sum + row.recount, 0),
    mismatches: wrong.length,
    wrong: wrong.slice(0, 5),
  };
}

/**
 * What the counter triggers add to the API's single-account writes: one INSERT of a live account
 * and one UPDATE taking it out (the reservation and a termination), with their trigger time, inside
 * a rolled-back transaction. Median of 5 each.
 */
async function triggerCost(client, serverId) {
  const {
    rows: [account],
  } = await client.query(
    `SELECT id, customer_id, license_id, package_id FROM hosting_accounts
     WHERE server_id = $1 AND status = 'active' ORDER BY id LIMIT 1`,
    [serverId],
  );
  if (!account) return null;
  const run = async (sql, params) => {
    const samples = [];
    for (let i = 0; i < 5; i++) {
      await client.query('BEGIN');
      try {
        const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
        const [explained] = rows[0]['QUERY PLAN'];
        const triggers = (explained.Triggers ?? []).filter((t) =>
          t['Trigger Name'].startsWith('trg_hosting_accounts_live'),
        );
        samples.push({
          total: explained['Execution Time'],
          trigger: triggers.reduce((sum, t) => sum + t.Time, 0),
        });
      } finally {
        await client.query('ROLLBACK');
      }
    }
    const median = (key) =>
      Number(
        samples
          .map((s) => s[key])
          .sort((a, b) => a - b)[2]
          .toFixed(3),
      );
    return { totalMs: median('total'), triggerMs: median('trigger') };
  };
  return {
    insertLiveAccount: await run(
      `INSERT INTO hosting_accounts (customer_id, server_id, license_id, username, email, package_id, status)
       VALUES ($1, $2, $3, 'evidenceprobe', 'probe@example.com', $4, 'provisioning')`,
      [account.customer_id, serverId, account.license_id, account.package_id],
    ),
    terminateAccount: await run(
      `UPDATE hosting_accounts SET status = 'terminated', terminated_at = now() WHERE id = $1`,
      [account.id],
    ),
  };
}

/**
 * The API verifies every bearer token with jsonwebtoken (through @nestjs/jwt), now configured with a
 * KeyObject (auth.module.ts). Given the secret as a string, as before, jsonwebtoken 9 first tries
 * to parse it as a PEM public key, fails (an exception), and only then makes a secret key from it —
 * on every request. Both measured, to keep the reason on record.
 */
function jwtVerifyCost() {
  const require = createRequire(join(ROOT, 'package.json'));
  const jwt = require('jsonwebtoken');
  const secret = randomBytes(32).toString('base64url');
  const token = jwt.sign({ sub: '1', role: 'admin' }, secret, {
    algorithm: 'HS256',
    expiresIn: 3600,
  });
  const key = createSecretKey(Buffer.from(secret));
  const perVerifyUs = (material) => {
    for (let i = 0; i < 200; i++) jwt.verify(token, material, { algorithms: ['HS256'] });
    const runs = 2000;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) jwt.verify(token, material, { algorithms: ['HS256'] });
    return Number((((performance.now() - t0) * 1000) / runs).toFixed(1));
  };
  return {
    library: `jsonwebtoken ${require('jsonwebtoken/package.json').version}`,
    keyObjectUs: perVerifyUs(key),
    stringSecretUs: perVerifyUs(secret),
  };
}
