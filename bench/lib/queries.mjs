// The SQL the API sends for the benchmarked read paths, statement for statement as TypeORM writes it
// (taken from the API's query log: column lists, aliases, LIMIT/OFFSET inlined as literals, even
// TypeORM's double space between joins). Used by the baseline server and by the evidence collector.
// To retake it: run the built API with a `--require` preload that wraps pg's Client#query and
// appends each text to a file, send one request per endpoint, and diff against these strings.

const USER_COLUMNS = (alias) =>
  [
    'id',
    'email',
    'password_hash',
    'full_name',
    'company_name',
    'phone',
    'role',
    'is_active',
    'last_login_at',
    'created_at',
    'updated_at',
  ]
    .map((c) => `"${alias}"."${c}" AS "${alias}_${c}"`)
    .join(', ');

const AUTH_USER_SQL = `SELECT ${USER_COLUMNS('User')} FROM "users" "User" WHERE (("User"."id" = $1) AND ("User"."is_active" = $2)) LIMIT 1`;
const CUSTOMER_BY_ID_SQL = `SELECT ${USER_COLUMNS('User')} FROM "users" "User" WHERE (("User"."id" = $1) AND ("User"."role" = $2)) LIMIT 1`;
const SEARCH_SQL = `("customer"."email" ILIKE $2 ESCAPE '\\' OR "customer"."full_name" ILIKE $2 ESCAPE '\\' OR "customer"."company_name" ILIKE $2 ESCAPE '\\')`;
/** TypeORM writes LIMIT and OFFSET as literals; `limit` and `offset` are validated integers. */
const CUSTOMER_PAGE_SQL = (search, limit, offset) =>
  `SELECT ${USER_COLUMNS('customer')} FROM "users" "customer" WHERE "customer"."role" = $1${search ? ` AND ${SEARCH_SQL}` : ''} ORDER BY "customer"."created_at" DESC NULLS LAST, "customer"."id" DESC LIMIT ${Number(limit)} OFFSET ${Number(offset)}`;
const CUSTOMER_COUNT_SQL = (search) =>
  `SELECT COUNT(1) AS "cnt" FROM "users" "customer" WHERE "customer"."role" = $1${search ? ` AND ${SEARCH_SQL}` : ''}`;

const LICENSE_COLUMNS = [
  'id',
  'license_key',
  'customer_id',
  'plan_id',
  'status',
  'billing_cycle',
  'max_databases',
  'max_domains',
  'max_email_accounts',
  'max_disk_gb',
  'created_at',
  'updated_at',
];
const PLAN_COLUMNS = [
  'id',
  'name',
  'description',
  'max_databases',
  'max_domains',
  'max_email_accounts',
  'max_disk_gb',
  'price_monthly_cents',
  'price_yearly_cents',
  'currency',
  'nextpanel_package_id',
  'is_active',
  'sort_order',
  'created_at',
  'updated_at',
];
const SUBSCRIPTION_COLUMNS = [
  'id',
  'license_id',
  'status',
  'billing_cycle',
  'price_cents',
  'currency',
  'current_period_start',
  'current_period_end',
  'cancel_at_period_end',
  'stripe_subscription_id',
  'created_at',
  'updated_at',
];
const cols = (alias, columns) =>
  columns.map((c) => `"${alias}"."${c}" AS "${alias}_${c}"`).join(', ');
const CUSTOMER_LICENSES_SQL = `SELECT ${cols('license', LICENSE_COLUMNS)}, ${cols('plan', PLAN_COLUMNS)}, ${USER_COLUMNS('customer')}, ${cols('subscription', SUBSCRIPTION_COLUMNS)} FROM "licenses" "license" INNER JOIN "plans" "plan" ON "plan"."id"="license"."plan_id"  INNER JOIN "users" "customer" ON "customer"."id"="license"."customer_id"  LEFT JOIN "subscriptions" "subscription" ON "subscription"."license_id"="license"."id" WHERE "license"."customer_id" = $1 ORDER BY "license"."created_at" DESC, "license"."id" DESC`;
const ACCOUNT_COLUMNS = [
  'id',
  'customer_id',
  'server_id',
  'license_id',
  'username',
  'email',
  'nextpanel_user_id',
  'package_id',
  'status',
  'status_reason',
  'suspension_kind',
  'panel_create_attempted_at',
  'provisioned_at',
  'terminated_at',
  'created_at',
  'updated_at',
];
const CUSTOMER_ACCOUNTS_SQL = `SELECT ${cols('account', ACCOUNT_COLUMNS)}, "server"."id" AS "server_id", "server"."name" AS "server_name", "server"."base_url" AS "server_base_url" FROM "hosting_accounts" "account" INNER JOIN "panel_servers" "server" ON "server"."id"="account"."server_id" WHERE "account"."customer_id" = $1 ORDER BY "account"."created_at" DESC, "account"."id" DESC`;
const SERVER_COLUMNS = [
  'id',
  'name',
  'description',
  'base_url',
  'api_key',
  'api_secret_encrypted',
  'capacity',
  'location',
  'is_active',
  'is_online',
  'last_checked_at',
  'last_error',
  'response_time_ms',
  'consecutive_failures',
  'capacity_alerted',
  'live_accounts',
  'created_at',
  'updated_at',
];
/**
 * The servers list. `LIVE_ACCOUNT_COUNTS_SQL` (servers/server-metrics.ts) now reads the
 * trigger-maintained counter, so the API joins panel_servers to itself (20 rows) where it used to
 * aggregate every hosting account.
 */
const SERVERS_SQL = `SELECT ${cols('server', SERVER_COLUMNS)}, COALESCE(counts.live_accounts, 0) AS "live_accounts" FROM "panel_servers" "server" LEFT JOIN (SELECT id AS server_id, live_accounts FROM panel_servers) "counts" ON counts.server_id = "server"."id" ORDER BY "server"."id" ASC`;

const LIVE = `('provisioning', 'active', 'suspended')`;

/** The servers list with the count it had before the counter (issue 7, first run): every live account. */
const SERVERS_SQL_FULL_COUNT = `SELECT ${cols(
  'server',
  SERVER_COLUMNS.filter((c) => c !== 'live_accounts'),
)}, COALESCE(counts.live_accounts, 0) AS "live_accounts" FROM "panel_servers" "server" LEFT JOIN ( SELECT server_id, count(*)::int AS live_accounts FROM hosting_accounts WHERE status IN ${LIVE} GROUP BY server_id) "counts" ON counts.server_id = "server"."id" ORDER BY "server"."id" ASC`;

/** The automatic server choice (provisioning/slot-reservation.ts leastUsedServers), as it is. */
const LEAST_USED_SERVERS_SQL = `SELECT id FROM panel_servers
       WHERE is_active AND is_online AND live_accounts < capacity
       ORDER BY live_accounts::float / capacity, live_accounts, id`;

/** The same choice before the counter: every live account counted on every provision. */
const LEAST_USED_SERVERS_FULL_COUNT_SQL = `SELECT s.id
       FROM panel_servers s
       LEFT JOIN (SELECT server_id, count(*)::int AS live_accounts FROM hosting_accounts WHERE status IN ${LIVE} GROUP BY server_id) c ON c.server_id = s.id
       WHERE s.is_active AND s.is_online AND COALESCE(c.live_accounts, 0) < s.capacity
       ORDER BY COALESCE(c.live_accounts, 0)::float / s.capacity, COALESCE(c.live_accounts, 0), s.id`;

/** What a reservation did under the server row's lock before the counter (now it reads the row). */
const RESERVATION_COUNT_SQL = `SELECT count(*)::int AS live FROM hosting_accounts WHERE server_id = $1 AND status IN ${LIVE}`;

export const BASELINE_QUERIES = {
  AUTH_USER_SQL,
  CUSTOMER_BY_ID_SQL,
  CUSTOMER_PAGE_SQL,
  CUSTOMER_COUNT_SQL,
  CUSTOMER_LICENSES_SQL,
  CUSTOMER_ACCOUNTS_SQL,
  SERVERS_SQL,
};

/** The server choice as the API sends it, and the counts the counter replaced (for the evidence). */
export const SERVER_CHOICE_QUERIES = {
  LEAST_USED_SERVERS_SQL,
  LEAST_USED_SERVERS_FULL_COUNT_SQL,
  SERVERS_SQL_FULL_COUNT,
  RESERVATION_COUNT_SQL,
};
