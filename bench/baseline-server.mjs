// The benchmark's baseline: the list endpoints on bare `node:http` + `pg`, running the SQL the
// API runs (copied from its query log, statement for statement and in the same order, including
// the authentication lookup) and answering byte-for-byte the same JSON. What the API spends beyond
// this is framework, validation, ORM hydration and middleware.
//
//   DATABASE_URL=… JWT_SECRET=… [PORT=0] [DATABASE_POOL_SIZE=20] node bench/baseline-server.mjs
//
// Prints one JSON line {"event":"listening","url":…} on stdout. Only what the benchmark calls is
// implemented: GET /api/v1/customers (page, page_size, search), GET /api/v1/customers/{id},
// GET /api/v1/nextpanel/servers, and GET /health.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { BASELINE_QUERIES } from './lib/queries.mjs';

const {
  AUTH_USER_SQL,
  CUSTOMER_BY_ID_SQL,
  CUSTOMER_PAGE_SQL,
  CUSTOMER_COUNT_SQL,
  CUSTOMER_LICENSES_SQL,
  CUSTOMER_ACCOUNTS_SQL,
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

// ---- responses, field for field as the API's mappers build them ------------------------------

const iso = (date) => (date ? date.toISOString() : null);

function customerResponse(row, p) {
  return {
    id: row[`${p}_id`],
    email: row[`${p}_email`],
    full_name: row[`${p}_full_name`],
    company_name: row[`${p}_company_name`],
    phone: row[`${p}_phone`],
    is_active: row[`${p}_is_active`],
    last_login_at: iso(row[`${p}_last_login_at`]),
    created_at: row[`${p}_created_at`].toISOString(),
    updated_at: row[`${p}_updated_at`].toISOString(),
  };
}

function licenseResponse(row) {
  return {
    id: row.license_id,
    license_key: row.license_license_key,
    customer_id: row.license_customer_id,
    customer: { id: row.customer_id, email: row.customer_email, full_name: row.customer_full_name },
    plan_id: row.license_plan_id,
    plan: { id: row.plan_id, name: row.plan_name },
    status: row.license_status,
    billing_cycle: row.license_billing_cycle,
    max_databases: row.license_max_databases,
    max_domains: row.license_max_domains,
    max_email_accounts: row.license_max_email_accounts,
    max_disk_gb: row.license_max_disk_gb,
    subscription:
      row.subscription_id === null
        ? null
        : {
            id: row.subscription_id,
            status: row.subscription_status,
            billing_cycle: row.subscription_billing_cycle,
            price: row.subscription_price_cents / 100,
            currency: row.subscription_currency,
            current_period_start: row.subscription_current_period_start.toISOString(),
            current_period_end: row.subscription_current_period_end.toISOString(),
            cancel_at_period_end: row.subscription_cancel_at_period_end,
            created_at: row.subscription_created_at.toISOString(),
          },
    created_at: row.license_created_at.toISOString(),
    updated_at: row.license_updated_at.toISOString(),
  };
}

function accountResponse(row) {
  return {
    id: row.account_id,
    customer_id: row.account_customer_id,
    server_id: row.account_server_id,
    server_name: row.server_name,
    server_url: row.server_base_url,
    license_id: row.account_license_id,
    username: row.account_username,
    email: row.account_email,
    nextpanel_user_id: row.account_nextpanel_user_id,
    package_id: row.account_package_id,
    status: row.account_status,
    status_reason: row.account_status_reason,
    suspension_kind: row.account_suspension_kind,
    created_at: row.account_created_at.toISOString(),
    updated_at: row.account_updated_at.toISOString(),
  };
}

function maskApiKey(apiKey) {
  if (apiKey.length <= 8) return '…';
  const underscore = apiKey.indexOf('_');
  const prefixEnd = underscore >= 0 && underscore < 6 ? underscore + 1 : 4;
  return `${apiKey.slice(0, prefixEnd)}…${apiKey.slice(-4)}`;
}

function serverResponse(row) {
  const live = Number(row.live_accounts);
  const capacity = row.server_capacity;
  return {
    id: row.server_id,
    name: row.server_name,
    description: row.server_description,
    base_url: row.server_base_url,
    api_key: maskApiKey(row.server_api_key),
    is_active: row.server_is_active,
    is_online: row.server_is_online,
    capacity,
    current_accounts: live,
    utilization_percent: Math.round((live / capacity) * 1000) / 10,
    available_slots: Math.max(0, capacity - live),
    location: row.server_location,
    last_checked_at: iso(row.server_last_checked_at),
    last_error: row.server_last_error,
    created_at: row.server_created_at.toISOString(),
    updated_at: row.server_updated_at.toISOString(),
  };
}

// ---- handlers ---------------------------------------------------------------------------------

class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** HS256 only, like the API's guard: signature, then expiry, then the user row. */
async function authenticate(header) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new HttpError(401, 'UNAUTHENTICATED', 'Authentication required');
  const [head, payload, signature] = match[1].split('.');
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
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now())
    throw new HttpError(401, 'UNAUTHENTICATED', 'Token has expired');
  const { rows } = await pool.query(AUTH_USER_SQL, [Number(claims.sub), true]);
  if (rows.length === 0) throw new HttpError(401, 'UNAUTHENTICATED', 'Invalid token');
  if (rows[0].User_role !== 'admin')
    throw new HttpError(403, 'FORBIDDEN', 'This action requires the admin role');
}

function positiveInt(value, fallback, max) {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new HttpError(400, 'VALIDATION_FAILED', 'Validation failed');
  return Number(value);
}

async function listCustomers(query) {
  const page = positiveInt(query.get('page'), 1, 1_000_000);
  const pageSize = positiveInt(query.get('page_size'), 20, 100);
  const searchText = query.get('search')?.trim() || undefined;
  const params = ['customer'];
  if (searchText) params.push(`%${searchText.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const offset = (page - 1) * pageSize;
  const pageSql = CUSTOMER_PAGE_SQL(searchText, pageSize, offset);
  // getManyAndCount: both statements on one connection, the count only when the page is full
  // (or empty past the first page), as TypeORM's lazy count does.
  const client = await pool.connect();
  let rows;
  let total;
  try {
    rows = (await client.query(pageSql, params)).rows;
    if (rows.length === pageSize || (rows.length === 0 && offset > 0)) {
      const counted = (await client.query(CUSTOMER_COUNT_SQL(searchText), params)).rows;
      total = counted[0]?.cnt ? parseInt(counted[0].cnt, 10) : 0;
    } else {
      total = rows.length + offset;
    }
  } finally {
    client.release();
  }
  return {
    items: rows.map((row) => customerResponse(row, 'customer')),
    total,
    page,
    page_size: pageSize,
    pages: Math.ceil(total / pageSize),
  };
}

async function customerDetails(id) {
  const { rows } = await pool.query(CUSTOMER_BY_ID_SQL, [id, 'customer']);
  if (rows.length === 0) throw new HttpError(404, 'NOT_FOUND', 'Customer not found');
  const [licenses, accounts] = await Promise.all([
    pool.query(CUSTOMER_LICENSES_SQL, [id]),
    pool.query(CUSTOMER_ACCOUNTS_SQL, [id]),
  ]);
  return {
    ...customerResponse(rows[0], 'User'),
    licenses: licenses.rows.map(licenseResponse),
    accounts: accounts.rows.map(accountResponse),
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

const server = createServer((req, res) => {
  route(req).then(
    (body) => {
      const json = JSON.stringify(body);
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
const shutdown = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// Never outlive the benchmark: stdin is a pipe from it.
process.stdin.on('end', shutdown);
process.stdin.resume();
