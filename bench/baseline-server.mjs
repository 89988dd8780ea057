// The benchmark's baseline: the list endpoints on bare `node:http` + `pg`, running the SQL the
// API runs (copied from its query log, statement for statement, with the same prepared-statement
// names, the same version-keyed search totals and search pages, the same remembered tokens and
// the same principal cache in front of the authentication lookup) and answering byte-for-byte the same JSON. What the API
// spends beyond this is framework, validation, middleware and the rest of its own code.
//
//   DATABASE_URL=… JWT_SECRET=… [PORT=0] [DATABASE_POOL_SIZE=20] node bench/baseline-server.mjs
//
// Prints one JSON line {"event":"listening","url":…} on stdout. Only what the benchmark calls is
// implemented: GET /api/v1/customers (page, page_size, search), GET /api/v1/customers/{id},
// GET /api/v1/nextpanel/servers, and GET /health.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { BASELINE_QUERIES, SEARCH_MATCHES_READ_WHOLE } from './lib/queries.mjs';

const {
  AUTH_USER_SQL,
  CUSTOMER_SEARCH_PAGE_UNCHANGED_SQL,
  CUSTOMER_PAGE_SQL,
  CUSTOMER_SEARCH_MATCHES_SQL,
  CUSTOMER_SEARCH_COUNT_SQL,
  CUSTOMER_DETAILS_SQL,
  SERVERS_SQL,
} = BASELINE_QUERIES;

const { DATABASE_URL, JWT_SECRET } = process.env;
if (!DATABASE_URL || !JWT_SECRET) {
  process.stderr.write('DATABASE_URL and JWT_SECRET are required\n');
  process.exit(1);
}
const pool = new pg.Pool({
  connectionString: DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
  application_name: 'nextpanel-bench-baseline',
});
/** As the API's CustomPlanPool: searches, named, planned for each term. */
const customPlanPool = new pg.Pool({
  connectionString: DATABASE_URL,
  max: Math.max(2, Math.ceil(Number(process.env.DATABASE_POOL_SIZE ?? 20) / 2)),
  application_name: 'nextpanel-bench-baseline',
  options: '-c plan_cache_mode=force_custom_plan',
});

// ---- responses, field for field as the API's mappers build them ------------------------------

function customerResponse(row) {
  return {
    id: row.id,
    email: row.email,
    full_name: row.full_name,
    company_name: row.company_name,
    phone: row.phone,
    is_active: row.is_active,
    last_login_at: row.last_login_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function licenseResponse(license, customer) {
  const subscription = license.subscription;
  return {
    id: license.id,
    license_key: license.license_key,
    customer_id: license.customer_id,
    customer: { id: customer.id, email: customer.email, full_name: customer.full_name },
    plan_id: license.plan_id,
    plan: { id: license.plan_id, name: license.plan_name },
    status: license.status,
    billing_cycle: license.billing_cycle,
    max_databases: license.max_databases,
    max_domains: license.max_domains,
    max_email_accounts: license.max_email_accounts,
    max_disk_gb: license.max_disk_gb,
    subscription:
      subscription === null
        ? null
        : {
            id: subscription.id,
            status: subscription.status,
            billing_cycle: subscription.billing_cycle,
            price: subscription.price_cents / 100,
            currency: subscription.currency,
            current_period_start: subscription.current_period_start,
            current_period_end: subscription.current_period_end,
            cancel_at_period_end: subscription.cancel_at_period_end,
            created_at: subscription.created_at,
          },
    created_at: license.created_at,
    updated_at: license.updated_at,
  };
}

function maskApiKey(apiKey) {
  if (apiKey.length <= 8) return '…';
  const underscore = apiKey.indexOf('_');
  const prefixEnd = underscore >= 0 && underscore < 6 ? underscore + 1 : 4;
  return `${apiKey.slice(0, prefixEnd)}…${apiKey.slice(-4)}`;
}

function serverResponse(row) {
  const live = row.live_accounts;
  const capacity = row.capacity;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    base_url: row.base_url,
    api_key: maskApiKey(row.api_key),
    is_active: row.is_active,
    is_online: row.is_online,
    capacity,
    current_accounts: live,
    utilization_percent: Math.round((live / capacity) * 1000) / 10,
    available_slots: Math.max(0, capacity - live),
    location: row.location,
    last_checked_at: row.last_checked_at,
    last_error: row.last_error,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Tokens whose signature checked out, by exact text, as the API's guard keeps them (auth/verified-tokens.ts). */
const verifiedTokens = new Map();

/** HS256 only, like the API's guard: signature (once per token), then expiry, then the user row. */
async function authenticate(header) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new HttpError(401, 'UNAUTHENTICATED', 'Authentication required');
  let claims = verifiedTokens.get(match[1]);
  if (claims === undefined) {
    claims = verifiedClaims(match[1]);
    if (verifiedTokens.size >= 10_000) verifiedTokens.delete(verifiedTokens.keys().next().value);
    verifiedTokens.set(match[1], claims);
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now())
    throw new HttpError(401, 'UNAUTHENTICATED', 'Token has expired');
  const userId = Number(claims.sub);
  let role = listening ? roles.get(userId) : undefined;
  if (role === undefined) {
    const { rows } = await pool.query({ ...AUTH_USER_SQL, values: [userId, true] });
    if (rows.length === 0) throw new HttpError(401, 'UNAUTHENTICATED', 'Invalid token');
    role = rows[0].User_role;
    if (listening) roles.set(userId, role);
  }
  if (role !== 'admin')
    throw new HttpError(403, 'FORBIDDEN', 'This action requires the admin role');
}

function verifiedClaims(token) {
  const [head, payload, signature] = token.split('.');
  if (!head || !payload || !signature) throw new HttpError(401, 'UNAUTHENTICATED', 'Invalid token');
  let claims;
  try {
    if (JSON.parse(Buffer.from(head, 'base64url').toString()).alg !== 'HS256') throw new Error();
    const expected = createHmac('sha256', JWT_SECRET).update(`${head}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error();
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  } catch {
    throw new HttpError(401, 'UNAUTHENTICATED', 'Invalid token');
  }
  return claims;
}

// The API's principal cache, reduced to what the benchmark needs: users' roles, served only while
// a LISTEN on the same channel is up, dropped on each notification (auth/principal-cache.ts).
const roles = new Map();
let listening = false;
const listener = new pg.Client({
  connectionString: DATABASE_URL,
  application_name: 'nextpanel-bench-baseline-listener',
});
listener.on('notification', (message) => roles.delete(Number(message.payload)));
listener.on('error', () => {
  listening = false;
  roles.clear();
});
await listener.connect();
await listener.query('LISTEN user_auth_changed');
listening = true;

function positiveInt(value, fallback, max) {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new HttpError(400, 'VALIDATION_FAILED', 'Validation failed');
  return Number(value);
}

/**
 * The API's VersionedCache (customers/versioned-cache.ts): a bounded LRU whose entries are answered
 * at the version they were stored at, or handed out whatever their version and advanced once the
 * caller proved them still good.
 */
class VersionedCache {
  constructor(maxEntries) {
    this.maxEntries = maxEntries;
    this.entries = new Map();
  }

  get(key, version) {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  latest(key) {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  advance(key, entry, version) {
    if (this.entries.get(key) === entry && BigInt(version) > BigInt(entry.version))
      entry.version = version;
  }

  set(key, version, value) {
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}

/** Search totals by pattern at customer_stats.version, as the API (1000 kept). */
const searchTotals = new VersionedCache(1000);
/** Whole search pages at customer_stats.rows_version, kept while no change matches, as the API (500 kept). */
const searchPages = new VersionedCache(500);

async function listCustomers(query) {
  const page = positiveInt(query.get('page'), 1, 1_000_000);
  const pageSize = positiveInt(query.get('page_size'), 20, 100);
  const searchText = query.get('search')?.trim() || undefined;
  if (searchText === undefined) return (await readCustomerPage(undefined, page, pageSize)).body;
  // The API's key: term, is_active, sort, page, page size (the baseline knows no filter or sort).
  const key = JSON.stringify([searchText, null, '-created_at', page, pageSize]);
  const cached = searchPages.latest(key);
  if (cached) {
    const [check] = (
      await pool.query({
        ...CUSTOMER_SEARCH_PAGE_UNCHANGED_SQL,
        values: [cached.version, likePattern(searchText)],
      })
    ).rows;
    if (check.unchanged) {
      searchPages.advance(key, cached, check.rows_version);
      return cached.value;
    }
  }
  const { body, rowsVersion, totalAtPageSnapshot } = await readCustomerPage(
    searchText,
    page,
    pageSize,
  );
  if (totalAtPageSnapshot) {
    serializedTexts.set(body, JSON.stringify(body));
    searchPages.set(key, rowsVersion, body);
  }
  return body;
}

/** containsPattern (common/database/like-pattern.ts): the term, its LIKE wildcards escaped. */
function likePattern(searchText) {
  return `%${searchText.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function readCustomerPage(searchText, page, pageSize) {
  const pattern = searchText && likePattern(searchText);
  const offset = (page - 1) * pageSize;
  if (pattern) {
    // As the API: a term matching at most SEARCH_MATCHES_READ_WHOLE customers is answered, total
    // and all, by the statement that reads every match.
    const bound = SEARCH_MATCHES_READ_WHOLE + 1;
    const matched = (
      await customPlanPool.query({
        ...CUSTOMER_SEARCH_MATCHES_SQL(searchText),
        values: [Math.min(offset, bound) + 1, Math.min(offset + pageSize, bound), pattern],
      })
    ).rows;
    const total = Number(matched[0].matched_customers);
    if (total <= SEARCH_MATCHES_READ_WHOLE) {
      return {
        body: customerPage(matched, total, page, pageSize),
        rowsVersion: matched[0].stats_rows_version,
        totalAtPageSnapshot: true,
      };
    }
  }
  const rows = (
    await (pattern ? customPlanPool : pool).query({
      ...CUSTOMER_PAGE_SQL({ search: searchText, offset }),
      values: pattern ? [pageSize, offset, pattern] : [pageSize, offset],
    })
  ).rows;
  let total = Number(rows[0].stats_customers);
  let totalAtPageSnapshot = true;
  const found = rows[0].id === null ? 0 : rows.length;
  if (pattern) {
    const key = JSON.stringify([pattern]);
    const known = searchTotals.get(key, rows[0].stats_version);
    // As the API: a page shorter than asked for ends the list, and its total needs no count.
    if (found < pageSize && (found > 0 || offset === 0)) total = offset + found;
    else if (known !== undefined) total = known;
    else {
      const [counted] = (
        await customPlanPool.query({ ...CUSTOMER_SEARCH_COUNT_SQL(searchText), values: [pattern] })
      ).rows;
      total = Number(counted.total);
      searchTotals.set(key, counted.version, total);
      totalAtPageSnapshot = counted.version === rows[0].stats_version;
    }
  }
  return {
    body: customerPage(rows, total, page, pageSize),
    rowsVersion: rows[0].stats_rows_version,
    totalAtPageSnapshot,
  };
}

/** The page's JSON, as the API's toPage builds it; an empty page's one row has no customer. */
function customerPage(rows, total, page, pageSize) {
  return {
    items: rows[0].id === null ? [] : rows.map(customerResponse),
    total,
    page,
    page_size: pageSize,
    pages: Math.ceil(total / pageSize),
  };
}

async function customerDetails(id) {
  const { rows } = await pool.query({ ...CUSTOMER_DETAILS_SQL, values: [id] });
  if (rows.length === 0) throw new HttpError(404, 'NOT_FOUND', 'Customer not found');
  const [customer] = rows;
  return {
    ...customerResponse(customer),
    licenses: customer.licenses.map((license) => licenseResponse(license, customer)),
    accounts: customer.accounts,
  };
}

async function listServers() {
  return (await pool.query(SERVERS_SQL)).rows.map(serverResponse);
}

async function route(req) {
  const url = new URL(req.url, 'http://baseline');
  if (req.method === 'GET' && url.pathname === '/health') return { status: 'ok' };
  if (req.method !== 'GET') throw new HttpError(404, 'NOT_FOUND', 'Not found');
  if (url.pathname === '/api/v1/customers') {
    await authenticate(req.headers.authorization);
    return listCustomers(url.searchParams);
  }
  const details = /^\/api\/v1\/customers\/(\d{1,9})$/.exec(url.pathname);
  if (details) {
    await authenticate(req.headers.authorization);
    return customerDetails(Number(details[1]));
  }
  if (url.pathname === '/api/v1/nextpanel/servers') {
    await authenticate(req.headers.authorization);
    return listServers();
  }
  throw new HttpError(404, 'NOT_FOUND', 'Not found');
}

/** As the API (common/http/reply-serializer.ts): a cached page's JSON text, built once. */
const serializedTexts = new WeakMap();

const server = createServer((req, res) => {
  route(req).then(
    (body) => {
      const json = serializedTexts.get(body) ?? JSON.stringify(body);
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(json),
      });
      res.end(json);
    },
    (error) => {
      const status = error instanceof HttpError ? error.status : 500;
      const json = JSON.stringify({
        statusCode: status,
        message: error instanceof HttpError ? error.message : 'Internal server error',
        code: error instanceof HttpError ? error.code : 'INTERNAL_ERROR',
      });
      if (status === 500) process.stderr.write(`${error.stack}\n`);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(json);
    },
  );
});
server.keepAliveTimeout = 5000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${port}`, port })}\n`,
  );
});
const shutdown = () =>
  server.close(() =>
    Promise.all([pool.end(), customPlanPool.end(), listener.end()]).then(() => process.exit(0)),
  );
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// Never outlive the benchmark: stdin is a pipe from it.
process.stdin.on('end', shutdown);
process.stdin.resume();
