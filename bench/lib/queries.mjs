// The SQL the API sends for the benchmarked read paths, statement for statement as TypeORM writes it
// (taken from the API's query log: column lists, aliases, LIMIT/OFFSET inlined as literals). Used by
// the baseline server and by the evidence collector.

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
const CUSTOMER_LICENSES_SQL = `SELECT ${cols('license', LICENSE_COLUMNS)}, ${cols('plan', PLAN_COLUMNS)}, ${USER_COLUMNS('customer')}, ${cols('subscription', SUBSCRIPTION_COLUMNS)} FROM "licenses" "license" INNER JOIN "plans" "plan" ON "plan"."id"="license"."plan_id" INNER JOIN "users" "customer" ON "customer"."id"="license"."customer_id" LEFT JOIN "subscriptions" "subscription" ON "subscription"."license_id"="license"."id" WHERE "license"."customer_id" = $1 ORDER BY "license"."created_at" DESC, "license"."id" DESC`;
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
  'created_at',
  'updated_at',
];
const SERVERS_SQL = `SELECT ${cols('server', SERVER_COLUMNS)}, COALESCE(counts.live_accounts, 0) AS "live_accounts" FROM "panel_servers" "server" LEFT JOIN ( SELECT server_id, count(*)::int AS live_accounts FROM hosting_accounts WHERE status IN ('provisioning', 'active', 'suspended') GROUP BY server_id) "counts" ON counts.server_id = "server"."id" ORDER BY "server"."id" ASC`;

export const BASELINE_QUERIES = {
  AUTH_USER_SQL,
  CUSTOMER_BY_ID_SQL,
  CUSTOMER_PAGE_SQL,
  CUSTOMER_COUNT_SQL,
  CUSTOMER_LICENSES_SQL,
  CUSTOMER_ACCOUNTS_SQL,
  SERVERS_SQL,
};
