// Realistic volume straight into PostgreSQL (never through the API): customers, licenses with
// subscriptions, panel servers and hosting accounts, each table in one INSERT … SELECT over
// generate_series. setseed() makes the random parts repeatable from run to run.
import { createCipheriv, randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import pg from 'pg';

export const VOLUME = { customers: 100_000, licenses: 200_000, servers: 20, accounts: 150_000 };

/** The password every generated customer has (one argon2 hash computed once, stored 100,000 times). */
export const CUSTOMER_PASSWORD = 'Customer123!';

const LICENSE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const FIRST_NAMES = [
  'james',
  'mary',
  'john',
  'patricia',
  'robert',
  'jennifer',
  'michael',
  'linda',
  'william',
  'elizabeth',
  'david',
  'barbara',
  'richard',
  'susan',
  'joseph',
  'jessica',
  'thomas',
  'sarah',
  'charles',
  'karen',
  'daniel',
  'nancy',
  'matthew',
  'lisa',
  'anthony',
  'betty',
  'mark',
  'sandra',
  'paul',
  'ashley',
  'steven',
  'emily',
  'andrew',
  'donna',
  'joshua',
  'michelle',
  'kenneth',
  'carol',
  'kevin',
  'amanda',
  'brian',
  'melissa',
  'george',
  'deborah',
  'timothy',
  'stephanie',
  'ronald',
  'rebecca',
  'jason',
  'laura',
  'lucas',
  'sofia',
  'mateo',
  'camila',
  'noah',
  'olivia',
  'liam',
  'emma',
  'hugo',
  'ines',
  'yuki',
  'haruto',
  'wei',
  'fatima',
  'omar',
  'amara',
  'kwame',
  'priya',
  'arjun',
  'lena',
];
const LAST_NAMES = [
  'smith',
  'johnson',
  'williams',
  'brown',
  'jones',
  'garcia',
  'miller',
  'davis',
  'rodriguez',
  'martinez',
  'hernandez',
  'lopez',
  'gonzalez',
  'wilson',
  'anderson',
  'thomas',
  'taylor',
  'moore',
  'jackson',
  'martin',
  'lee',
  'perez',
  'thompson',
  'white',
  'harris',
  'sanchez',
  'clark',
  'ramirez',
  'lewis',
  'robinson',
  'walker',
  'young',
  'allen',
  'king',
  'wright',
  'scott',
  'torres',
  'nguyen',
  'hill',
  'flores',
  'green',
  'adams',
  'nelson',
  'baker',
  'hall',
  'rivera',
  'campbell',
  'mitchell',
  'carter',
  'roberts',
  'muller',
  'schmidt',
  'dubois',
  'rossi',
  'tanaka',
  'kim',
  'okafor',
  'mensah',
  'sharma',
  'kowalski',
  'novak',
  'silva',
  'costa',
  'jensen',
  'larsen',
  'nakamura',
  'ivanova',
  'haddad',
  'cohen',
  'murphy',
  'oconnor',
];
const COMPANY_WORDS = [
  'Acme',
  'Northwind',
  'Contoso',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Pied Piper',
  'Soylent',
  'Cyberdyne',
  'Tyrell',
  'Wonka',
  'Oceanic',
  'Blue Sky',
  'Red Oak',
  'Silver Birch',
  'Granite',
  'Harbor',
  'Summit',
  'Maple',
  'Cedar',
  'Lakeside',
  'Riverbend',
  'Sunrise',
  'Evergreen',
  'Ironwood',
  'Bright Path',
];
const COMPANY_SUFFIXES = ['Ltd', 'LLC', 'Inc', 'GmbH', 'Studio', 'Media', 'Labs', 'Digital', 'Co'];
const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'inbox.example'];
const LOCATIONS = ['US-East', 'US-West', 'EU-Central', 'EU-West', 'AP-South'];

/** Terms the search benchmark rotates through: last names, each in about 1/70 of the customers. */
export const SEARCH_TERMS = ['garcia', 'nguyen', 'kowalski', 'murphy', 'tanaka'];

/**
 * The last name of generated customer `n` (1 to VOLUME.customers), as the customers INSERT below
 * picks it (`lasts[1 + (n * 13 + n / 97) % …]`); their email starts `<first>.<last><n>@`.
 */
export const generatedLastName = (n) =>
  LAST_NAMES[(n * 13 + Math.floor(n / 97)) % LAST_NAMES.length];

/** AES-256-GCM `v1.<iv>.<tag>.<ciphertext>` in base64url, as apps/api/src/common/crypto/secret-box.ts seals. */
export function sealSecret(plaintext, keyHex) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

const sqlArray = (values) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;

/** A random license-key character. */
const RANDOM_CHAR = `substr('${LICENSE_ALPHABET}', 1 + floor(random() * 31)::int, 1)`;
/** Four key characters encoding x (0 ≤ x < 31^4) in base 31: unique for unique x. */
const encode4 = (x) =>
  [29791, 961, 31, 1]
    .map((d) => `substr('${LICENSE_ALPHABET}', (1 + ((${x}) / ${d}) % 31)::int, 1)`)
    .join(' || ');

/**
 * Fills the database. `panels` are the 20 servers' URLs and key pairs; `encryptionKeyHex` is the
 * API's ENCRYPTION_KEY, so the sealed secrets open in the API. Returns timings and row counts.
 */
export async function generateData(databaseUrl, { panels, encryptionKeyHex, log }) {
  if (panels.length !== VOLUME.servers) throw new Error(`need ${VOLUME.servers} panels`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const steps = {};
  const step = async (name, work) => {
    const started = performance.now();
    const rows = await work();
    steps[name] = { ms: Math.round(performance.now() - started), rows };
    log(
      `  ${name.padEnd(16)} ${String(rows ?? '').padStart(8)} rows  ${(steps[name].ms / 1000).toFixed(1)} s`,
    );
  };
  const total = performance.now();
  try {
    let passwordHash;
    await step('argon2 hash', async () => {
      passwordHash = await hash(CUSTOMER_PASSWORD);
      return 1;
    });
    await client.query(`SELECT setseed(0.42)`);
    // Bulk load without waiting for the WAL flush of each statement; durability of a bench
    // database does not matter, and the API's own sessions keep the server's default.
    await client.query(`SET synchronous_commit = off`);

    await step('customers', async () => {
      const result = await client.query(
        `WITH names AS (
           SELECT ${sqlArray(FIRST_NAMES)} AS firsts, ${sqlArray(LAST_NAMES)} AS lasts,
                  ${sqlArray(COMPANY_WORDS)} AS companies, ${sqlArray(COMPANY_SUFFIXES)} AS suffixes,
                  ${sqlArray(DOMAINS)} AS domains
         ), people AS (
           SELECT n,
                  firsts[1 + (n * 7) % array_length(firsts, 1)] AS first,
                  lasts[1 + (n * 13 + n / 97) % array_length(lasts, 1)] AS last,
                  companies[1 + (n * 11) % array_length(companies, 1)] || ' ' ||
                    suffixes[1 + (n * 5) % array_length(suffixes, 1)] AS company,
                  domains[1 + n % array_length(domains, 1)] AS domain,
                  -- Sign-ups spread over three years, newest last, a few minutes of jitter.
                  now() - interval '3 years' * (1 - n::float / $2) - random() * interval '20 minutes' AS created
           FROM names, generate_series(1, $2::int) AS n
         )
         INSERT INTO users (email, password_hash, full_name, company_name, phone, role, is_active,
                            last_login_at, created_at, updated_at)
         SELECT first || '.' || last || n || '@' || domain,
                $1,
                initcap(first) || ' ' || initcap(last),
                CASE WHEN n % 10 < 4 THEN NULL ELSE company END,
                CASE WHEN n % 2 = 0 THEN '+1 555 ' || lpad((n * 37 % 10000000)::text, 7, '0') END,
                'customer',
                n % 25 <> 0,
                CASE WHEN n % 3 = 0 THEN created + (now() - created) * random() END,
                created,
                created + (now() - created) * random() * 0.1
         FROM people`,
        [passwordHash, VOLUME.customers],
      );
      return result.rowCount;
    });
    const {
      rows: [{ first_customer: firstCustomer }],
    } = await client.query(`SELECT min(id) AS first_customer FROM users WHERE role = 'customer'`);

    await step('licenses', async () => {
      const { rows: plans } = await client.query(`SELECT id FROM plans ORDER BY sort_order, name`);
      if (plans.length < 3) throw new Error('expected the three seeded plans');
      const result = await client.query(
        `WITH picks AS (
           SELECT n,
                  -- Every customer has one license; the second 100,000 go mostly to older customers.
                  CASE WHEN n <= $2 THEN $3 + n - 1 ELSE $3 + floor(random() ^ 2 * $2)::int END AS customer_id,
                  (ARRAY[$4::uuid, $5::uuid, $6::uuid])[CASE WHEN n % 10 < 6 THEN 1 WHEN n % 10 < 9 THEN 2 ELSE 3 END] AS plan_id,
                  random() AS r,
                  CASE WHEN n % 4 = 0 THEN 'yearly' ELSE 'monthly' END AS cycle,
                  'NP-' || ${RANDOM_CHAR} || ${RANDOM_CHAR} || ${RANDOM_CHAR} || ${RANDOM_CHAR} || '-' ||
                  ${RANDOM_CHAR} || ${RANDOM_CHAR} || ${RANDOM_CHAR} || ${RANDOM_CHAR} || '-' ||
                  ${encode4('n::bigint * 7919 % 923521')} AS license_key
           FROM generate_series(1, $1::int) AS n
         )
         INSERT INTO licenses (license_key, customer_id, plan_id, status, billing_cycle, max_databases,
                               max_domains, max_email_accounts, max_disk_gb, created_at, updated_at)
         SELECT p.license_key, p.customer_id, p.plan_id,
                CASE WHEN p.r < 0.05 THEN 'cancelled' WHEN p.r < 0.08 THEN 'expired'
                     WHEN p.r < 0.12 THEN 'suspended' ELSE 'active' END,
                p.cycle, pl.max_databases,
                pl.max_domains, pl.max_email_accounts, pl.max_disk_gb,
                u.created_at + (now() - u.created_at) * random() * 0.5 AS created,
                u.created_at + (now() - u.created_at) * (0.5 + random() * 0.5)
         FROM picks p JOIN plans pl ON pl.id = p.plan_id JOIN users u ON u.id = p.customer_id
         ORDER BY p.n`,
        [VOLUME.licenses, VOLUME.customers, firstCustomer, ...plans.map((p) => p.id)],
      );
      return result.rowCount;
    });

    await step('subscriptions', async () => {
      // Nine licenses in ten were sold with a subscription; the rest were issued by hand.
      const result = await client.query(
        `WITH base AS (
           SELECT l.id, l.status, l.billing_cycle, pl.price_monthly_cents, pl.price_yearly_cents, pl.currency,
                  now() - CASE l.billing_cycle WHEN 'yearly' THEN interval '360 days' ELSE interval '28 days' END * random() AS period_start
           FROM licenses l JOIN plans pl ON pl.id = l.plan_id
           WHERE l.id % 10 <> 9
         )
         INSERT INTO subscriptions (license_id, status, billing_cycle, price_cents, currency,
                                    current_period_start, current_period_end, cancel_at_period_end,
                                    created_at, updated_at)
         SELECT id,
                CASE WHEN status IN ('cancelled', 'expired') THEN 'cancelled'
                     WHEN status = 'suspended' OR id % 50 = 3 THEN 'past_due' ELSE 'active' END,
                billing_cycle,
                CASE billing_cycle WHEN 'yearly' THEN price_yearly_cents ELSE price_monthly_cents END,
                currency, period_start,
                period_start + CASE billing_cycle WHEN 'yearly' THEN interval '1 year' ELSE interval '1 month' END,
                id % 40 = 7, period_start, period_start
         FROM base`,
      );
      return result.rowCount;
    });

    await step('panel servers', async () => {
      for (const [index, panel] of panels.entries()) {
        await client.query(
          `INSERT INTO panel_servers (name, description, base_url, api_key, api_secret_encrypted, capacity,
                                      location, is_active, is_online, last_checked_at)
           VALUES ($1, $2, $3, $4, $5, 8000, $6, true, true, now())`,
          [
            `panel-${String(index + 1).padStart(2, '0')}.bench`,
            'Generated by the benchmark',
            panel.url,
            panel.apiKey,
            sealSecret(panel.apiSecret, encryptionKeyHex),
            LOCATIONS[index % LOCATIONS.length],
          ],
        );
      }
      return panels.length;
    });

    // One INSERT for all accounts: the statement triggers of migration 1764290000000 add each
    // server's live accounts to panel_servers.live_accounts once, from the transition table.
    await step('hosting accounts', async () => {
      const result = await client.query(
        `WITH servers AS (SELECT array_agg(id ORDER BY id) AS ids FROM panel_servers),
         picked AS (
           SELECT l.id AS license_id, l.customer_id, l.status AS license_status, l.created_at,
                  u.email, u.full_name, pl.nextpanel_package_id
           FROM licenses l JOIN users u ON u.id = l.customer_id JOIN plans pl ON pl.id = l.plan_id
           WHERE l.id % 4 <> 0
           ORDER BY l.id
           LIMIT $1
         ), accounts AS (
           SELECT p.*, s.ids[1 + floor(random() * array_length(s.ids, 1))::int] AS server_id,
                  CASE WHEN p.license_status IN ('cancelled', 'expired') THEN 'terminated'
                       WHEN p.license_status = 'suspended' THEN 'suspended'
                       WHEN p.license_id % 33 = 0 THEN 'failed' ELSE 'active' END AS status
           FROM picked p, servers s
         )
         INSERT INTO hosting_accounts (customer_id, server_id, license_id, username, email, nextpanel_user_id,
                                       package_id, status, status_reason, suspension_kind, provisioned_at,
                                       terminated_at, panel_create_attempted_at, created_at, updated_at)
         SELECT customer_id, server_id, license_id,
                left(regexp_replace(lower(split_part(full_name, ' ', 1)), '[^a-z]', '', 'g'), 8) || license_id,
                email,
                CASE WHEN status = 'failed' THEN NULL ELSE license_id END,
                nextpanel_package_id, status,
                CASE status WHEN 'failed' THEN 'Server "panel.bench" timed out after 15000 ms while creating the account'
                            WHEN 'suspended' THEN 'Payment overdue'
                            WHEN 'terminated' THEN 'Terminated by an administrator' END,
                CASE WHEN status = 'suspended' THEN 'non_payment' END,
                CASE WHEN status = 'failed' THEN NULL ELSE created_at + interval '2 seconds' END,
                CASE WHEN status = 'terminated' THEN created_at + (now() - created_at) * 0.9 END,
                created_at + interval '1 second',
                created_at + interval '1 second',
                created_at + (now() - created_at) * 0.9
         FROM accounts`,
        [VOLUME.accounts],
      );
      return result.rowCount;
    });

    // Bulk-loaded tables are vacuumed and analysed the way autovacuum would soon do on its own,
    // so plans and index-only scans are those of a settled database (panel_servers too: the
    // counter triggers updated its rows).
    await step('vacuum analyze', async () => {
      await client.query(
        `VACUUM (ANALYZE) users, licenses, subscriptions, panel_servers, hosting_accounts`,
      );
      return null;
    });

    const { rows: counts } = await client.query(
      `SELECT (SELECT count(*) FROM users WHERE role = 'customer')::int AS customers,
              (SELECT count(*) FROM licenses)::int AS licenses,
              (SELECT count(*) FROM subscriptions)::int AS subscriptions,
              (SELECT count(*) FROM panel_servers)::int AS servers,
              (SELECT count(*) FROM hosting_accounts)::int AS accounts,
              (SELECT count(*) FROM hosting_accounts WHERE status IN ('provisioning', 'active', 'suspended'))::int AS live_accounts,
              -- Servers whose trigger-kept counter differs from a recount (expected: 0).
              (SELECT count(*) FROM panel_servers s WHERE s.live_accounts <> (
                 SELECT count(*) FROM hosting_accounts h
                 WHERE h.server_id = s.id AND h.status IN ('provisioning', 'active', 'suspended')))::int AS counter_mismatches,
              pg_size_pretty(pg_database_size(current_database())) AS database_size`,
    );
    return {
      totalMs: Math.round(performance.now() - total),
      steps,
      counts: counts[0],
      firstCustomerId: firstCustomer,
    };
  } finally {
    await client.end();
  }
}
