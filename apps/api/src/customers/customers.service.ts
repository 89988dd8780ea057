import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  CustomerDetailsResponse,
  CustomerErrorCode,
  CustomerResponse,
  CustomerSort,
  DEFAULT_CUSTOMER_SORT,
  HostingAccountSummary,
  Page,
  UserRole,
} from '@nextpanel/shared';
import { Repository } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { hashPassword } from '../auth/password-hasher';
import { PrincipalCache } from '../auth/principal-cache';
import { containsPattern } from '../common/database/like-pattern';
import { isUniqueViolation } from '../common/database/postgres-errors';
import { isoTimestampSql, readRows } from '../common/database/read-queries';
import { conflict, notFound } from '../common/errors/domain.exception';
import { serializedOnce } from '../common/http/reply-serializer';
import { PageWindow, pageWindow, toPage } from '../common/pagination/page.dto';
import {
  CustomerLicenseJson,
  customerLicensesJsonSql,
  licenseResponseOfJson,
} from '../licenses/licenses.service';
import { CustomPlanPool } from '../database/custom-plan-pool';
import { User } from '../users/user.entity';
import { IntegrationEvents } from '../webhooks/integration-events.service';
import { CreateCustomerDto, CustomerListQueryDto, UpdateCustomerDto } from './dto/customer.dto';
import { VersionedCache } from './versioned-cache';

/** The unique index on lower(email): it, not the pre-check, decides who gets an email. */
const EMAIL_UNIQUE_INDEX = 'uq_users_email_lower';

type CustomerSortField = Exclude<CustomerSort, `-${string}`>;

/** The order of `ix_users_customers_newest_covering` (created_at DESC NULLS LAST, id DESC). */
const NEWEST_FIRST_SORT: CustomerSort = '-created_at';

const SORT_COLUMNS: Record<CustomerSortField, string> = {
  created_at: 'customer.created_at',
  email: 'customer.email',
  full_name: 'customer.full_name',
  company_name: 'customer.company_name',
};

/** What the API returns about a customer, and nothing more (no password hash). */
const CUSTOMER_COLUMNS = [
  'customer.id',
  'customer.email',
  'customer.full_name',
  'customer.company_name',
  'customer.phone',
  'customer.is_active',
  ...['last_login_at', 'created_at', 'updated_at'].map(
    (column) => `${isoTimestampSql(`customer.${column}`)} AS ${column}`,
  ),
].join(', ');

/** A row of CUSTOMER_COLUMNS: the response's fields, timestamps already in ISO form. */
type CustomerRow = CustomerResponse;

/**
 * A page row; the page's columns are null when the page is empty (the total is still there).
 * `stats_rows_version` is selected for searches only.
 */
type CustomerPageRow = {
  stats_customers: string;
  stats_version: string;
  stats_rows_version?: string;
} & (CustomerRow | { [column in keyof CustomerRow]: null });

/** A page row of a search's first statement (searchMatchesSql): how many customers it matched. */
type SearchPageRow = CustomerPageRow & { stats_rows_version: string; matched_customers: string };

/**
 * A search with at most this many matches is answered by one statement that reads every match
 * (see readSearchPage); a search matching more walks the newest-first index and counts.
 */
const SEARCH_MATCHES_READ_WHOLE = 2000;

/** Filtered totals kept at once (a search term with or without `is_active`). */
const FILTERED_TOTALS_KEPT = 1000;
/** Search pages kept at once; at most 100 customers each. */
const SEARCH_PAGES_KEPT = 500;

/**
 * Whether a search page cached at rows_version $1 still holds now, for the term whose
 * containsPattern is $2: yes when rows_version has not moved, or when `customer_row_changes` still
 * holds the whole range since (it starts at $1 + 1: the table is pruned from the oldest end and
 * every version logs a row) and no change in it matched the term before or after. Matching
 * `search_text` is never narrower than the search itself (a term holding U+001F, matched field by
 * field, matches a field only if it matches the lowered fields joined). Tiny, and the same every
 * time: prepared once per pooled connection.
 */
const SEARCH_PAGE_UNCHANGED_STATEMENT = {
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

@Injectable()
export class CustomersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditLog,
    private readonly events: IntegrationEvents,
    private readonly principals: PrincipalCache,
    private readonly customPlans: CustomPlanPool,
  ) {}

  /** Totals of filtered lists, each at the `customer_stats.version` it was counted at. */
  private readonly filteredTotals = new VersionedCache<number>(FILTERED_TOTALS_KEPT);

  /** Whole search pages, each at the `customer_stats.rows_version` it was read at (see list()). */
  private readonly searchPages = new VersionedCache<Page<CustomerResponse>>(SEARCH_PAGES_KEPT);

  /**
   * `selfRegistered`: the storefront's sign-up, audited as the new customer's own action
   * (`customer.register`) rather than an admin's `customer.create`.
   */
  async create(
    request: CreateCustomerDto,
    { selfRegistered = false }: { selfRegistered?: boolean } = {},
  ): Promise<CustomerResponse> {
    // Checked first only to skip the (deliberately slow) hashing for an obvious duplicate.
    if (await this.emailInUse(request.email)) throw emailTaken(request.email);
    const customer = this.users.create({
      email: request.email,
      passwordHash: await hashPassword(request.password),
      fullName: request.full_name,
      companyName: request.company_name ?? null,
      phone: request.phone ?? null,
      role: UserRole.Customer,
      isActive: request.is_active ?? true,
      lastLoginAt: null,
    });
    try {
      return await this.users.manager.transaction(async (manager) => {
        const created = toCustomerResponse(await manager.save(customer));
        await this.audit.record(
          {
            action: selfRegistered ? 'customer.register' : 'customer.create',
            entityType: 'customer',
            entityId: created.id,
            after: created,
            ...(selfRegistered
              ? { actor: { type: 'customer', id: String(created.id), label: created.email } }
              : {}),
          },
          manager,
        );
        await this.events.publish('customer.created', created, manager);
        return created;
      });
    } catch (error) {
      // Two concurrent creates both pass the check above; the unique index refuses the second.
      throw isUniqueViolation(error, EMAIL_UNIQUE_INDEX) ? emailTaken(request.email) : error;
    }
  }

  /**
   * One round trip for a page of the plain list: the rows and the trigger-kept total
   * (`customer_stats`) come from the same statement, hence the same snapshot. A filtered list
   * adds a count only when its total at the current version is not already known.
   *
   * A search page once read is kept with the `customer_stats.rows_version` of its snapshot. Asked
   * again, one tiny statement tells whether it still holds (SEARCH_PAGE_UNCHANGED_STATEMENT): every
   * committed change to a customer row moves rows_version and logs the row's search_text before
   * and after, in the writer's own transaction, under the stats row's lock. When no change since
   * matched the term, the same search would return the same rows and total, so the page is
   * answered without planning or running it; a change to another customer costs nothing.
   */
  async list(query: CustomerListQueryDto): Promise<Page<CustomerResponse>> {
    if (query.search === undefined) return (await this.readPage(query)).page;

    const key = searchPageKey(query);
    const cached = this.searchPages.latest(key);
    if (cached) {
      const [check] = await readRows<{ rows_version: string; unchanged: boolean }>(
        this.users.manager.connection,
        SEARCH_PAGE_UNCHANGED_STATEMENT,
        [cached.version, containsPattern(query.search)],
      );
      if (!check) throw new Error('customer_stats has no row: the migrations did not run');
      if (check.unchanged) {
        this.searchPages.advance(key, cached, check.rows_version);
        return cached.value;
      }
    }

    const { page, rowsVersion, totalAtPageSnapshot } = await this.readPage(query);
    // Stored under the page statement's own rows_version, and only when the total belongs to that
    // snapshot too: a count that ran after a change to the filtered customers would pair these
    // rows with another state's total.
    if (totalAtPageSnapshot && rowsVersion !== undefined) {
      // Shared by every request it answers from now on: frozen, so none can change it for the next,
      // and its JSON text built once.
      this.searchPages.set(key, rowsVersion, serializedOnce(deepFreeze(page)));
    }
    return page;
  }

  /** The page as the database has it now, with the snapshot facts list() needs to cache it. */
  private async readPage(query: CustomerListQueryDto): Promise<{
    page: Page<CustomerResponse>;
    rowsVersion: string | undefined;
    totalAtPageSnapshot: boolean;
  }> {
    const window = pageWindow(query);
    // $1 and $2 are the page's LIMIT and OFFSET (readSearchPage: its bounds); the filter's values follow.
    const filter = customerFilter(query, 3);
    const sort = query.sort ?? DEFAULT_CUSTOMER_SORT;
    const { column, direction } = parseSort(sort);
    const search = query.search !== undefined;
    // The id breaks ties, so equal values cannot swap places between pages.
    const orderBy = `ORDER BY ${column} ${direction} NULLS LAST, customer.id ${direction}`;
    if (search) {
      const few = await this.readSearchPage(query, window, filter, column, orderBy);
      if (few) return few;
    }
    // The first page of the newest-first list is the first entries of its index: those rows are
    // read straight. Anything that skips entries (a search matching many, a later page) or sorts
    // (every other order) first picks the page's ids, index-only where it can, then reads just
    // those rows.
    const straight = !search && sort === NEWEST_FIRST_SORT && window.offset === 0;
    const rows = await readRows<CustomerPageRow>(
      // A pattern's best plan depends on the pattern: searches run on the pool that plans every
      // execution for its values (parsed once per connection all the same).
      search ? this.customPlans.pool : this.users.manager.connection,
      {
        name: search
          ? `customers_search_walk:${sort}:${activeFilterName(query)}:${searchFormName(query.search)}`
          : `customers_page:${sort}:${activeFilterName(query)}${straight ? '' : ':by_ids'}`,
        text:
          `SELECT stats.customers AS stats_customers, stats.version AS stats_version, ` +
          (search ? `stats.rows_version AS stats_rows_version, ` : '') +
          `page.* FROM customer_stats stats LEFT JOIN LATERAL (` +
          (straight
            ? `SELECT ${CUSTOMER_COLUMNS} FROM users customer WHERE ${filter.where} ${orderBy} LIMIT $1 OFFSET $2`
            : pageByIdsSql(filter.where, orderBy)) +
          `) page ON true WHERE stats.id = 1`,
      },
      [window.pageSize, window.offset, ...filter.values],
    );
    const [first] = rows;
    if (!first) throw new Error('customer_stats has no row: the migrations did not run');
    const items = first.id === null ? [] : rows.map(customerResponseOfRow);
    let total = Number(first.stats_customers);
    let totalAtPageSnapshot = true;
    if (filter.values.length > 0) {
      if (isEndOfList(items.length, window)) {
        // A page shorter than asked for holds the last matches of the page's own snapshot: the
        // total is what lies before it plus what is on it, and no count is needed.
        total = window.offset + items.length;
      } else {
        const filtered = await this.filteredTotal(query, first.stats_version);
        total = filtered.total;
        totalAtPageSnapshot = filtered.version === first.stats_version;
      }
    }
    return {
      page: toPage(items, total, window),
      rowsVersion: first.stats_rows_version,
      totalAtPageSnapshot,
    };
  }

  /**
   * A search's page and exact total from one statement, when the term matches at most
   * SEARCH_MATCHES_READ_WHOLE customers; undefined when it matches more (the caller walks).
   *
   * Most searches are for a name, an email or a company and find a few customers. Walking the
   * newest-first index until a page is full costs as many entries as lie between the matches,
   * and the planner cannot tell: matches are not spread evenly over the index (`white1` finds the
   * customers numbered 1…, 10…, 10000…, created together, 81,000 entries from the newest), and its
   * estimate for a LIKE pattern is the share of matching histogram entries. Reading every match
   * instead (at most one more than the bound, by the trigram index for a rare term, in any order)
   * costs what the matches cost, and their number is the total, from the page's own snapshot: no
   * count statement. Measured on 100,000 customers, terms matching ~160: p99 0.7 ms against 11 ms
   * for the walk and count.
   */
  private async readSearchPage(
    query: CustomerListQueryDto,
    window: PageWindow,
    filter: { where: string; values: unknown[] },
    column: string,
    orderBy: string,
  ): Promise<
    { page: Page<CustomerResponse>; rowsVersion: string; totalAtPageSnapshot: true } | undefined
  > {
    // The page's first and last positions among the matches (1-based, inclusive), kept within
    // the ids read: a page past them is an empty slice.
    const bound = SEARCH_MATCHES_READ_WHOLE + 1;
    const firstPosition = Math.min(window.offset, bound) + 1;
    const lastPosition = Math.min(window.offset + window.pageSize, bound);
    const rows = await readRows<SearchPageRow>(
      this.customPlans.pool,
      {
        name: `customers_search:${query.sort ?? DEFAULT_CUSTOMER_SORT}:${activeFilterName(query)}:${searchFormName(query.search)}`,
        text: searchMatchesSql(filter.where, column, orderBy),
      },
      [firstPosition, lastPosition, ...filter.values],
    );
    const [first] = rows;
    if (!first) throw new Error('customer_stats has no row: the migrations did not run');
    const matched = Number(first.matched_customers);
    if (matched > SEARCH_MATCHES_READ_WHOLE) return undefined;
    const items = first.id === null ? [] : rows.map(customerResponseOfRow);
    return {
      page: toPage(items, matched, window),
      rowsVersion: first.stats_rows_version,
      totalAtPageSnapshot: true,
    };
  }

  /** The filtered total and the `customer_stats.version` it was counted at. */
  private async filteredTotal(
    query: CustomerListQueryDto,
    version: string,
  ): Promise<{ total: number; version: string }> {
    const filter = customerFilter(query, 1);
    const key = JSON.stringify(filter.values);
    const known = this.filteredTotals.get(key, version);
    if (known !== undefined) return { total: known, version };
    const [counted] = await readRows<{ total: string; version: string }>(
      query.search === undefined ? this.users.manager.connection : this.customPlans.pool,
      {
        name:
          query.search === undefined
            ? undefined
            : `customers_search_count:${activeFilterName(query)}:${searchFormName(query.search)}`,
        text:
          `SELECT count(*) AS total, (SELECT version FROM customer_stats WHERE id = 1) AS version ` +
          `FROM users customer WHERE ${filter.where}`,
      },
      filter.values,
    );
    const total = Number(counted.total);
    // Remembered under the version of the count's own snapshot, which may be newer than the page's.
    this.filteredTotals.set(key, counted.version, total);
    return { total, version: counted.version };
  }

  /**
   * The customer with every license and hosting account in one statement: PostgreSQL assembles
   * the licenses and accounts as JSON arrays, so there is one round trip however many there are.
   */
  async getDetails(id: number): Promise<CustomerDetailsResponse> {
    const [customer] = await readRows<CustomerDetailsRow>(
      this.users.manager.connection,
      { name: 'customer_details', text: CUSTOMER_DETAILS_SQL },
      [id],
    );
    if (!customer) throw notFound('Customer');
    return {
      ...customerResponseOfRow(customer),
      licenses: customer.licenses.map((license) => licenseResponseOfJson(license, customer)),
      accounts: customer.accounts,
    };
  }

  /** Customers are never deleted (licenses and accounts refer to them); `is_active: false` locks them out. */
  async update(id: number, request: UpdateCustomerDto): Promise<CustomerResponse> {
    const customer = await this.findCustomer(id);
    const changes: Partial<User> = {};
    if (request.email !== undefined && request.email !== customer.email) {
      if (await this.emailInUse(request.email, id)) throw emailTaken(request.email);
      changes.email = request.email;
    }
    if (request.full_name !== undefined) changes.fullName = request.full_name;
    if (request.company_name !== undefined) changes.companyName = request.company_name;
    if (request.phone !== undefined) changes.phone = request.phone;
    if (request.is_active !== undefined) changes.isActive = request.is_active;
    if (request.password !== undefined) changes.passwordHash = await hashPassword(request.password);
    if (Object.keys(changes).length === 0) return toCustomerResponse(customer);

    try {
      return await this.users.manager.transaction(async (manager) => {
        // Locked, so `before` is the state this update replaces, not an earlier read.
        const current = await manager.findOne(User, {
          where: { id, role: UserRole.Customer },
          lock: { mode: 'pessimistic_write' },
        });
        if (!current) throw notFound('Customer');
        await manager.update(User, { id, role: UserRole.Customer }, changes);
        const updated = toCustomerResponse(
          await manager.findOneByOrFail(User, { id, role: UserRole.Customer }),
        );
        await this.audit.record(
          {
            action: customerUpdateAction(current.isActive, updated.is_active),
            entityType: 'customer',
            entityId: id,
            before: toCustomerResponse(current),
            // The new password itself is never stored here; that it changed is.
            after: changes.passwordHash ? { ...updated, password: 'changed' } : updated,
          },
          manager,
        );
        return updated;
      });
    } catch (error) {
      throw isUniqueViolation(error, EMAIL_UNIQUE_INDEX) && request.email
        ? emailTaken(request.email)
        : error;
    } finally {
      // After the commit: this process's next request sees the change without awaiting NOTIFY.
      this.principals.evict(id);
    }
  }

  private async findCustomer(id: number): Promise<User> {
    // Admins share the table; to these endpoints they do not exist.
    const customer = await this.users.findOneBy({ id, role: UserRole.Customer });
    if (!customer) throw notFound('Customer');
    return customer;
  }

  private async emailInUse(email: string, exceptId?: number): Promise<boolean> {
    const builder = this.users
      .createQueryBuilder('user')
      .where('lower(user.email) = lower(:email)', { email });
    if (exceptId !== undefined) builder.andWhere('user.id <> :exceptId', { exceptId });
    return builder.getExists();
  }
}

/** Every input of a search page's statement and total, so no two different pages share an entry. */
function searchPageKey(query: CustomerListQueryDto): string {
  const window = pageWindow(query);
  return JSON.stringify([
    query.search,
    query.is_active ?? null,
    query.sort ?? DEFAULT_CUSTOMER_SORT,
    window.page,
    window.pageSize,
  ]);
}

function deepFreeze(page: Page<CustomerResponse>): Page<CustomerResponse> {
  for (const item of page.items) Object.freeze(item);
  Object.freeze(page.items);
  return Object.freeze(page);
}

/** The list's WHERE clause, its placeholders numbered from `firstPlaceholder`. */
function customerFilter(
  query: CustomerListQueryDto,
  firstPlaceholder: number,
): { where: string; values: unknown[] } {
  const conditions = [`customer.role = 'customer'`];
  const values: unknown[] = [];
  const placeholder = (value: unknown) => {
    values.push(value);
    return `$${firstPlaceholder + values.length - 1}`;
  };
  if (query.search !== undefined) {
    conditions.push(searchCondition(query.search, placeholder(containsPattern(query.search))));
  }
  if (query.is_active !== undefined) {
    conditions.push(`customer.is_active = ${placeholder(query.is_active)}`);
  }
  return { where: conditions.join(' AND '), values };
}

/**
 * Whether a page of `found` rows ends the list: fewer than asked for, and either some rows or the
 * first page (an empty page past the end says nothing about where the end is).
 */
function isEndOfList(found: number, window: { offset: number; pageSize: number }): boolean {
  return found < window.pageSize && (found > 0 || window.offset === 0);
}

/**
 * The page's customers, their ids picked first (LIMIT $1 OFFSET $2): a search or a later page
 * walks many index entries, and reading only ids (and `search_text`, `is_active`) from
 * `ix_users_customers_newest_covering` skips the table for all but the page's own rows; a sort
 * by another column sorts ids instead of whole rows. `= ANY (ARRAY(…))` rather than a join:
 * with LIMIT $1 unknown, a prepared statement's generic plan hash-joined a scan of every
 * customer (21 ms instead of 0.14 ms on 100,000). The subquery's `customer` is its own alias.
 */
function pageByIdsSql(where: string, orderBy: string): string {
  return (
    `SELECT ${CUSTOMER_COLUMNS} FROM users customer WHERE customer.id = ANY (ARRAY(` +
    `SELECT customer.id FROM users customer WHERE ${where} ${orderBy} LIMIT $1 OFFSET $2` +
    `)) ${orderBy}`
  );
}

/**
 * A search's page among all its matches, when they are few (readSearchPage): up to
 * SEARCH_MATCHES_READ_WHOLE + 1 matching ids and their sort column, by whatever path is cheapest
 * (no order, so no index walk), their number, and the rows at positions $1 to $2 of their order.
 * The subquery's `customer` is its own alias, so `orderBy` applies to it as to the table.
 */
function searchMatchesSql(where: string, column: string, orderBy: string): string {
  return (
    `SELECT stats.customers AS stats_customers, stats.version AS stats_version, ` +
    `stats.rows_version AS stats_rows_version, matched.customers AS matched_customers, page.* ` +
    `FROM customer_stats stats CROSS JOIN (` +
    `SELECT count(*) AS customers, array_agg(customer.id ${orderBy}) AS ids FROM (` +
    `SELECT customer.id, ${column} FROM users customer WHERE ${where} ` +
    `LIMIT ${SEARCH_MATCHES_READ_WHOLE + 1}) customer) matched ` +
    `LEFT JOIN LATERAL (SELECT ${CUSTOMER_COLUMNS} FROM users customer ` +
    `WHERE customer.id = ANY (matched.ids[$1::integer : $2::integer]) ${orderBy}) page ON true ` +
    `WHERE stats.id = 1`
  );
}

/** The part of a statement's name that says whether it filters on is_active. */
function activeFilterName(query: CustomerListQueryDto): string {
  return query.is_active === undefined ? 'all' : 'is_active';
}

/** The part of a search statement's name that says which condition searchCondition wrote. */
function searchFormName(term: string | undefined): string {
  return term?.includes(SEARCH_TEXT_SEPARATOR) ? 'fields' : 'text';
}

/** Joins the fields in `users.search_text` (migration 1764330000000). */
const SEARCH_TEXT_SEPARATOR = '\u001f';

/**
 * Customers whose email, full name or company contains the search term in any letter case,
 * `pattern` being the term's `containsPattern`. In a UTF-8 database `a ILIKE p` is
 * `lower(a) LIKE lower(p)`, and `search_text` is the three fields lowered and joined by U+001F,
 * so `%term%` matches it exactly when it matches one of the fields: a match cannot run across a
 * separator unless the term itself holds one. Such a term (only NUL is refused in a search) is
 * matched field by field, as before; either way the result is the same.
 */
function searchCondition(term: string, pattern: string): string {
  if (term.includes(SEARCH_TEXT_SEPARATOR)) {
    return (
      `(customer.email ILIKE ${pattern} ESCAPE '\\' OR customer.full_name ILIKE ${pattern} ESCAPE '\\' ` +
      `OR customer.company_name ILIKE ${pattern} ESCAPE '\\')`
    );
  }
  // lower() in PostgreSQL, not in JavaScript: it must be the lower() that built search_text.
  return `customer.search_text LIKE lower(${pattern}) ESCAPE '\\'`;
}

/**
 * A customer (admins share the table; to these endpoints they do not exist) with their licenses
 * and hosting accounts. Accounts are built in the response's own shape; of each server only its
 * name and URL are read, never its API key or secret.
 */
const CUSTOMER_DETAILS_SQL = `
  SELECT ${CUSTOMER_COLUMNS},
    ${customerLicensesJsonSql('customer.id')} AS licenses,
    (SELECT coalesce(json_agg(json_build_object(
       'id', a.id, 'customer_id', a.customer_id, 'server_id', a.server_id,
       'server_name', s.name, 'server_url', s.base_url, 'license_id', a.license_id,
       'username', a.username, 'email', a.email, 'nextpanel_user_id', a.nextpanel_user_id,
       'package_id', a.package_id, 'status', a.status, 'status_reason', a.status_reason,
       'suspension_kind', a.suspension_kind,
       'created_at', ${isoTimestampSql('a.created_at')}, 'updated_at', ${isoTimestampSql('a.updated_at')}
     ) ORDER BY a.created_at DESC, a.id DESC), '[]'::json)
     FROM hosting_accounts a JOIN panel_servers s ON s.id = a.server_id
     WHERE a.customer_id = customer.id) AS accounts
  FROM users customer
  WHERE customer.id = $1 AND customer.role = 'customer'`;

type CustomerDetailsRow = CustomerRow & {
  licenses: CustomerLicenseJson[];
  accounts: HostingAccountSummary[];
};

function parseSort(sort: CustomerSort): { column: string; direction: 'ASC' | 'DESC' } {
  const descending = sort.startsWith('-');
  return {
    column: SORT_COLUMNS[(descending ? sort.slice(1) : sort) as CustomerSortField],
    direction: descending ? 'DESC' : 'ASC',
  };
}

/** Deactivating or reactivating is its own action, so the audit log can be filtered for it. */
function customerUpdateAction(wasActive: boolean, isActive: boolean): string {
  if (wasActive === isActive) return 'customer.update';
  return isActive ? 'customer.activate' : 'customer.deactivate';
}

function emailTaken(email: string) {
  return conflict(`A user with the email ${email} already exists`, CustomerErrorCode.EmailTaken);
}

function customerResponseOfRow(row: CustomerRow | CustomerPageRow): CustomerResponse {
  if (row.id === null) throw new Error('an empty page row has no customer');
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

/** What the API says about a customer; the password hash and role are deliberately absent. */
export function toCustomerResponse(user: User): CustomerResponse {
  return {
    id: user.id,
    email: user.email,
    full_name: user.fullName,
    company_name: user.companyName,
    phone: user.phone,
    is_active: user.isActive,
    last_login_at: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}
