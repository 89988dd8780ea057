// Where the time goes, from PostgreSQL itself: the server-side execution time of the statements
// behind the slow paths (EXPLAIN ANALYZE, timing off, median of 5), and the same with the changes
// proposed in docs/performance.md applied inside a transaction that is rolled back, so the bench
// database (and the API) never see them.
import { createSecretKey, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BASELINE_QUERIES } from './queries.mjs';
import { ROOT, withClient } from './stack.mjs';

const LIVE = `('provisioning', 'active', 'suspended')`;

/** The API's automatic server choice (provisioning/slot-reservation.ts leastUsedServers). */
export const LEAST_USED_SERVERS_SQL = `SELECT s.id
       FROM panel_servers s
       LEFT JOIN (SELECT server_id, count(*)::int AS live_accounts FROM hosting_accounts WHERE status IN ${LIVE} GROUP BY server_id) c ON c.server_id = s.id
       WHERE s.is_active AND s.is_online AND COALESCE(c.live_accounts, 0) < s.capacity
       ORDER BY COALESCE(c.live_accounts, 0)::float / s.capacity, COALESCE(c.live_accounts, 0), s.id`;

/**
 * Same answer, but the live accounts are counted only for the servers that can be chosen (one more
 * predicate in the counting subquery), so the index on (server_id, status) is used and the cost no
 * longer grows with the accounts on deactivated or offline servers. (A LATERAL count per server
 * gives the same answer too, but its row estimate is the average server's, which on PostgreSQL 15
 * pushes the plan over jit_above_cost: 10+ ms of JIT compilation for 3 ms of work.)
 */
export const LEAST_USED_SERVERS_CANDIDATES_SQL = `SELECT s.id
       FROM panel_servers s
       LEFT JOIN (SELECT server_id, count(*)::int AS live_accounts FROM hosting_accounts WHERE status IN ${LIVE}
                    AND server_id = ANY (ARRAY(SELECT id FROM panel_servers WHERE is_active AND is_online))
                  GROUP BY server_id) c ON c.server_id = s.id
       WHERE s.is_active AND s.is_online AND COALESCE(c.live_accounts, 0) < s.capacity
       ORDER BY COALESCE(c.live_accounts, 0)::float / s.capacity, COALESCE(c.live_accounts, 0), s.id`;

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

export async function collectEvidence(databaseUrl, { searchTerm, customerId }) {
  const search = [`%${searchTerm}%`];
  const q = BASELINE_QUERIES;
  const statements = {
    customers_page: [q.CUSTOMER_PAGE_SQL(false, 20, 0), ['customer']],
    customers_count: [q.CUSTOMER_COUNT_SQL(false), ['customer']],
    search_page: [q.CUSTOMER_PAGE_SQL(true, 20, 0), ['customer', ...search]],
    search_count: [q.CUSTOMER_COUNT_SQL(true), ['customer', ...search]],
    details_licenses: [q.CUSTOMER_LICENSES_SQL, [customerId]],
    details_accounts: [q.CUSTOMER_ACCOUNTS_SQL, [customerId]],
    auth_user: [q.AUTH_USER_SQL, [1, true]],
    servers_with_counts: [q.SERVERS_SQL, []],
    least_used_servers: [LEAST_USED_SERVERS_SQL, []],
  };
  return withClient(databaseUrl, async (client) => {
    const now = {};
    for (const [name, [sql, params]] of Object.entries(statements))
      now[name] = await executionMs(client, sql, params);

    const proposals = {};
    const whatIf = async (name, setup, measured) => {
      await client.query('BEGIN');
      try {
        const t0 = performance.now();
        for (const statement of setup) await client.query(statement);
        const setupMs = Math.round(performance.now() - t0);
        const after = {};
        for (const [statementName, [sql, params]] of Object.entries(measured))
          after[statementName] = await executionMs(client, sql, params);
        proposals[name] = { setup, setupMs, after };
      } catch (error) {
        proposals[name] = { setup, error: error.message };
      } finally {
        await client.query('ROLLBACK');
      }
    };
    await whatIf(
      'customers_created_index',
      [
        `CREATE INDEX ix_users_customers_newest ON users (created_at DESC NULLS LAST, id DESC) WHERE role = 'customer'`,
        'ANALYZE users',
      ],
      { customers_page: statements.customers_page },
    );
    await whatIf(
      'customers_trigram_index',
      [
        'CREATE EXTENSION IF NOT EXISTS pg_trgm',
        `CREATE INDEX ix_users_search_trgm ON users USING gin (email gin_trgm_ops, full_name gin_trgm_ops, company_name gin_trgm_ops) WHERE role = 'customer'`,
        'ANALYZE users',
      ],
      { search_page: statements.search_page, search_count: statements.search_count },
    );
    await whatIf('least_used_servers_candidates_only', [], {
      least_used_servers_candidates_only: [LEAST_USED_SERVERS_CANDIDATES_SQL, []],
    });
    const sameAnswer = await client.query(LEAST_USED_SERVERS_SQL).then(async (a) => {
      const b = await client.query(LEAST_USED_SERVERS_CANDIDATES_SQL);
      return JSON.stringify(a.rows) === JSON.stringify(b.rows);
    });
    proposals.least_used_servers_candidates_only.sameAnswer = sameAnswer;
    return { now, proposals, jwtVerify: jwtVerifyCost() };
  });
}

/**
 * The API verifies every bearer token with jsonwebtoken (through @nestjs/jwt), configured with the
 * secret as a string. jsonwebtoken 9 then first tries to parse the string as a PEM public key,
 * fails (an exception), and only then makes a secret key from it — on every request. The same
 * verification with a KeyObject made once skips both.
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
    stringSecretUs: perVerifyUs(secret),
    keyObjectUs: perVerifyUs(key),
  };
}
