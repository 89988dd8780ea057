// The SQL the API sends for the benchmarked read paths, statement for statement and with the same
// prepared-statement names: the hot reads are hand-written (common/database/read-queries.ts), the
// authentication lookup on a principal-cache miss is TypeORM's. Used by the baseline server and by
// the evidence collector. To retake it: run the built API with a `--require` preload that wraps
// pg's Client#query and appends each `{ name, text }` to a file, send one request per endpoint, and
// compare with these (the check in bench/README.md does exactly that).

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
const iso = (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const CUSTOMER_COLUMNS = [
  'customer.id',
  'customer.email',
  'customer.full_name',
  'customer.company_name',
  'customer.phone',
  'customer.is_active',
  ...['last_login_at', 'created_at', 'updated_at'].map(
    (column) => `${iso(`customer.${column}`)} AS ${column}`,
  ),
].join(', ');
/** The API's search condition before migration 1764330000000: three ILIKEs, pattern at `$n`. */
const THREE_ILIKES_SQL = (n) =>
  `(customer.email ILIKE $${n} ESCAPE '\\' OR customer.full_name ILIKE $${n} ESCAPE '\\' OR customer.company_name ILIKE $${n} ESCAPE '\\')`;
/**
 * The search condition for `term`, its pattern at placeholder `$n` (customers.service.ts
 * searchCondition): the lowered search_text column, or the three ILIKEs for a term holding
 * U+001F, the separator inside search_text.
 */
const SEARCH_SQL = (n, term) =>
  term.includes('\u001f')
    ? THREE_ILIKES_SQL(n)
    : `customer.search_text LIKE lower($${n}) ESCAPE '\\'`;
/** The part of a search statement's name naming SEARCH_SQL's form (customers.service.ts searchFormName). */
const SEARCH_FORM = (term) => (term.includes('\u001f') ? 'fields' : 'text');
const NEWEST_FIRST = 'ORDER BY customer.created_at DESC NULLS LAST, customer.id DESC';
const CUSTOMER_WHERE = (search) =>
  `customer.role = 'customer'${search === undefined ? '' : ` AND ${SEARCH_SQL(3, search)}`}`;
/**
 * A page (newest first) and the trigger-kept total in one statement: $1 LIMIT, $2 OFFSET, $3 the
 * search pattern. The plain list's first page is read straight off the newest-first index; a
 * search or a later page picks the page's ids first (index-only), then reads those rows. The
 * plain list's statements are prepared (named); a search's too, but it is sent on the pool whose
 * sessions plan every execution (plan_cache_mode = force_custom_plan, the API's CustomPlanPool),
 * and it also reads `rows_version`, the version its page is cached under.
 */
const CUSTOMER_PAGE_SQL = ({ search, offset = 0 } = {}) => {
  const straight = search === undefined && offset === 0;
  return {
    name:
      search === undefined
        ? `customers_page:-created_at:all${straight ? '' : ':by_ids'}`
        : `customers_search_walk:-created_at:all:${SEARCH_FORM(search)}`,
    text:
      `SELECT stats.customers AS stats_customers, stats.version AS stats_version, ` +
      (search === undefined ? '' : `stats.rows_version AS stats_rows_version, `) +
      `page.* FROM customer_stats stats LEFT JOIN LATERAL (` +
      (straight
        ? `SELECT ${CUSTOMER_COLUMNS} FROM users customer WHERE ${CUSTOMER_WHERE(search)} ${NEWEST_FIRST} LIMIT $1 OFFSET $2`
        : `SELECT ${CUSTOMER_COLUMNS} FROM users customer WHERE customer.id = ANY (ARRAY(` +
          `SELECT customer.id FROM users customer WHERE ${CUSTOMER_WHERE(search)} ${NEWEST_FIRST} LIMIT $1 OFFSET $2` +
          `)) ${NEWEST_FIRST}`) +
      `) page ON true WHERE stats.id = 1`,
  };
};
/** A search reads every match when they are at most this many (customers.service.ts SEARCH_MATCHES_READ_WHOLE). */
export const SEARCH_MATCHES_READ_WHOLE = 2000;
/**
 * A search's first statement (customers.service.ts searchMatchesSql): up to
 * SEARCH_MATCHES_READ_WHOLE + 1 matching ids in any order, their number, and the rows at
 * positions $1 to $2 of the newest-first order; $3 the pattern. When more match, the search sends
 * CUSTOMER_PAGE_SQL (the walk) and, for a full page, the count.
 */
const CUSTOMER_SEARCH_MATCHES_SQL = (search) => ({
  name: `customers_search:-created_at:all:${SEARCH_FORM(search)}`,
  text:
    `SELECT stats.customers AS stats_customers, stats.version AS stats_version, ` +
    `stats.rows_version AS stats_rows_version, matched.customers AS matched_customers, page.* ` +
    `FROM customer_stats stats CROSS JOIN (` +
    `SELECT count(*) AS customers, array_agg(customer.id ${NEWEST_FIRST}) AS ids FROM (` +
    `SELECT customer.id, customer.created_at FROM users customer WHERE ${CUSTOMER_WHERE(search)} ` +
    `LIMIT ${SEARCH_MATCHES_READ_WHOLE + 1}) customer) matched ` +
    `LEFT JOIN LATERAL (SELECT ${CUSTOMER_COLUMNS} FROM users customer ` +
    `WHERE customer.id = ANY (matched.ids[$1::integer : $2::integer]) ${NEWEST_FIRST}) page ON true ` +
    `WHERE stats.id = 1`,
});
/**
 * What a search sends first when it has a page cached (prepared): $1 the page's rows_version, $2
 * the pattern. `unchanged` says the page still holds (no change since matched the term), so it is
 * answered without planning or running the search (customers.service.ts list()).
 */
const CUSTOMER_SEARCH_PAGE_UNCHANGED_SQL = {
  name: 'customer_search_page_unchanged',
  text:
    `SELECT stats.rows_version, stats.rows_version = $1::bigint OR (` +
    `stats.rows_version > $1::bigint ` +
    `AND EXISTS (SELECT 1 FROM customer_row_changes kept WHERE kept.rows_version = $1::bigint + 1) ` +
    `AND NOT EXISTS (SELECT 1 FROM customer_row_changes change ` +
    `WHERE change.rows_version > $1::bigint AND change.rows_version <= stats.rows_version ` +
    `AND (change.every_row OR change.old_search_text LIKE lower($2) ESCAPE '\\' ` +
    `OR change.new_search_text LIKE lower($2) ESCAPE '\\'))) AS unchanged ` +
    `FROM customer_stats stats WHERE stats.id = 1`,
};
/** A search's total, sent only when the total at the current version is not known yet: $1 the pattern (on the custom-plan pool). */
const CUSTOMER_SEARCH_COUNT_SQL = (search) => ({
  name: `customers_search_count:all:${SEARCH_FORM(search)}`,
  text:
    `SELECT count(*) AS total, (SELECT version FROM customer_stats WHERE id = 1) AS version ` +
    `FROM users customer WHERE customer.role = 'customer' AND ${SEARCH_SQL(1, search)}`,
});
/** The count every page request made before customer_stats (issue 7's first two runs), with today's search condition. */
const CUSTOMER_COUNT_BEFORE_SQL = (search) =>
  `SELECT COUNT(1) AS "cnt" FROM "users" "customer" WHERE "customer"."role" = 'customer'${search === undefined ? '' : ` AND ${SEARCH_SQL(1, search)}`}`;
/** A search page and count as sent before migration 1764330000000 (three ILIKEs, whole rows by the index). */
const CUSTOMER_SEARCH_PAGE_BEFORE_SQL =
  `SELECT stats.customers AS stats_customers, stats.version AS stats_version, page.* ` +
  `FROM customer_stats stats LEFT JOIN LATERAL (` +
  `SELECT ${CUSTOMER_COLUMNS} FROM users customer WHERE customer.role = 'customer' AND ${THREE_ILIKES_SQL(3)} ` +
  `${NEWEST_FIRST} LIMIT $1 OFFSET $2) page ON true WHERE stats.id = 1`;
const CUSTOMER_SEARCH_COUNT_BEFORE_SQL =
  `SELECT count(*) AS total, (SELECT version FROM customer_stats WHERE id = 1) AS version ` +
  `FROM users customer WHERE customer.role = 'customer' AND ${THREE_ILIKES_SQL(1)}`;

/** The customer with licenses and accounts as JSON arrays, in one statement (customers.service.ts). */
const CUSTOMER_DETAILS_SQL = {
  name: 'customer_details',
  text: `
  SELECT ${CUSTOMER_COLUMNS},
    (
  SELECT coalesce(json_agg(json_build_object(
    'id', l.id, 'license_key', l.license_key, 'customer_id', l.customer_id, 'plan_id', l.plan_id,
    'plan_name', p.name, 'status', l.status, 'billing_cycle', l.billing_cycle,
    'max_databases', l.max_databases, 'max_domains', l.max_domains,
    'max_email_accounts', l.max_email_accounts, 'max_disk_gb', l.max_disk_gb,
    'created_at', ${iso('l.created_at')}, 'updated_at', ${iso('l.updated_at')},
    'subscription', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object(
      'id', s.id, 'status', s.status, 'billing_cycle', s.billing_cycle, 'price_cents', s.price_cents,
      'currency', s.currency,
      'current_period_start', ${iso('s.current_period_start')},
      'current_period_end', ${iso('s.current_period_end')},
      'cancel_at_period_end', s.cancel_at_period_end,
      'created_at', ${iso('s.created_at')}) END
  ) ORDER BY l.created_at DESC, l.id DESC), '[]'::json)
  FROM licenses l
  JOIN plans p ON p.id = l.plan_id
  LEFT JOIN subscriptions s ON s.license_id = l.id
  WHERE l.customer_id = customer.id) AS licenses,
    (SELECT coalesce(json_agg(json_build_object(
       'id', a.id, 'customer_id', a.customer_id, 'server_id', a.server_id,
       'server_name', s.name, 'server_url', s.base_url, 'license_id', a.license_id,
       'username', a.username, 'email', a.email, 'nextpanel_user_id', a.nextpanel_user_id,
       'package_id', a.package_id, 'status', a.status, 'status_reason', a.status_reason,
       'suspension_kind', a.suspension_kind,
       'created_at', ${iso('a.created_at')}, 'updated_at', ${iso('a.updated_at')}
     ) ORDER BY a.created_at DESC, a.id DESC), '[]'::json)
     FROM hosting_accounts a JOIN panel_servers s ON s.id = a.server_id
     WHERE a.customer_id = customer.id) AS accounts
  FROM users customer
  WHERE customer.id = $1 AND customer.role = 'customer'`,
};
const SERVER_COLUMNS = [
  'id',
  'name',
  'description',
  'base_url',
  'api_key',
  'is_active',
  'is_online',
  'capacity',
  'live_accounts',
  'location',
  `${iso('last_checked_at')} AS last_checked_at`,
  'last_error',
  `${iso('created_at')} AS created_at`,
  `${iso('updated_at')} AS updated_at`,
];
/** The servers list: every column but the sealed secret; the live count is the trigger-kept counter. */
const SERVERS_SQL = {
  name: 'servers_list',
  text: `SELECT ${SERVER_COLUMNS.join(', ')} FROM panel_servers ORDER BY id`,
};

const LIVE = `('provisioning', 'active', 'suspended')`;

/** The servers list with the count it had before the counter (issue 7, first run): every live account. */
const PLAIN_SERVER_COLUMNS = [
  'id',
  'name',
  'description',
  'base_url',
  'api_key',
  'is_active',
  'is_online',
  'capacity',
  'location',
  'last_checked_at',
  'last_error',
  'created_at',
  'updated_at',
];
const SERVERS_SQL_FULL_COUNT = `SELECT ${PLAIN_SERVER_COLUMNS.map(
  (c) => `"server"."${c}" AS "server_${c}"`,
).join(
  ', ',
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

/** Each statement as `{ name?, text }`, as the API sends it (pg prepares the named ones). */
export const BASELINE_QUERIES = {
  AUTH_USER_SQL: { text: AUTH_USER_SQL },
  CUSTOMER_SEARCH_PAGE_UNCHANGED_SQL,
  CUSTOMER_PAGE_SQL,
  CUSTOMER_SEARCH_MATCHES_SQL,
  CUSTOMER_SEARCH_COUNT_SQL,
  CUSTOMER_DETAILS_SQL,
  SERVERS_SQL,
};

/** What the customers list sent before customer_stats and before search_text, for the evidence. */
export const REPLACED_QUERIES = {
  CUSTOMER_COUNT_BEFORE_SQL,
  CUSTOMER_SEARCH_PAGE_BEFORE_SQL,
  CUSTOMER_SEARCH_COUNT_BEFORE_SQL,
};

/** The server choice as the API sends it, and the counts the counter replaced (for the evidence). */
export const SERVER_CHOICE_QUERIES = {
  LEAST_USED_SERVERS_SQL,
  LEAST_USED_SERVERS_FULL_COUNT_SQL,
  SERVERS_SQL_FULL_COUNT,
  RESERVATION_COUNT_SQL,
};
