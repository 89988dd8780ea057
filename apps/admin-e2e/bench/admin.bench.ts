import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from '@playwright/test';
import { Client } from 'pg';
import { signIn } from '../src/support';

const CUSTOMERS = 10_000;
const WARM_RUNS = 5;

/** The JS the browser must fetch before the first render: index.html's entry module and its preloads. */
function initialJavaScript(dist: string): { files: string[]; raw: number; gzip: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const sources = [
    ...[...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((match) => match[1]),
    ...[...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map(
      (match) => match[1],
    ),
  ].filter((source): source is string => source !== undefined);
  let raw = 0;
  let gzip = 0;
  for (const source of sources) {
    const content = readFileSync(join(dist, source.replace(/^\//, '')));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files: sources, raw, gzip };
}

/** 10,000 customers straight into the e2e database: realistic volume for the list's query and paging. */
async function seedCustomers(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO users (email, password_hash, full_name, company_name, phone, role, is_active, created_at, updated_at)
       SELECT 'bench' || n || '@example.com',
              -- Never used to sign in; the column only needs a value.
              '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0$YmVuY2hoYXNoYmVuY2hoYXNo',
              'Bench Customer ' || n,
              CASE WHEN n % 3 = 0 THEN NULL ELSE 'Company ' || (n % 500) END,
              CASE WHEN n % 2 = 0 THEN '+1555' || lpad(n::text, 7, '0') ELSE NULL END,
              'customer',
              n % 10 <> 0,
              now() - (n || ' minutes')::interval,
              now() - (n || ' minutes')::interval
       FROM generate_series(1, $1::int) AS n`,
      [CUSTOMERS],
    );
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) FROM users WHERE role = 'customer'`,
    );
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

test('admin bundle size and customers page first render with 10,000 customers', async ({
  page,
}) => {
  const dist = process.env.E2E_ADMIN_DIST;
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!dist || !databaseUrl)
    throw new Error('Run through bench/playwright.bench.config.ts (it starts the stack)');

  const bundle = initialJavaScript(dist);
  const customers = await seedCustomers(databaseUrl);

  await signIn(page);

  /** Navigation start to the first customer row on screen, read in the page on every frame. */
  const firstRender = async (): Promise<{ render: number; api: number }> => {
    await page.goto('/customers', { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () =>
        document.querySelector('main table tbody tr a[href^="/customers/"]')
          ? performance.now()
          : null,
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    const render = (await handle.jsonValue()) as number;
    const api = await page.evaluate(() => {
      const entry = performance
        .getEntriesByType('resource')
        .find((candidate) => /\/api\/v1\/customers\?/.test(candidate.name)) as
        PerformanceResourceTiming | undefined;
      return entry ? entry.responseEnd - entry.startTime : Number.NaN;
    });
    return { render, api };
  };

  // First visit after sign-in: the customers chunk is not cached yet.
  const cold = await firstRender();
  const warm: Array<{ render: number; api: number }> = [];
  for (let run = 0; run < WARM_RUNS; run++) warm.push(await firstRender());
  const total = await page
    .getByRole('navigation', { name: 'Pages of customers' })
    .locator('p')
    .textContent();

  const lines = [
    '',
    'NextPanel Billing admin benchmark (production build, Chromium headless)',
    '──────────────────────────────────────────────────────────────────────',
    `Initial JavaScript (index.html entry + modulepreload, ${bundle.files.length} files): ${kib(bundle.gzip)} gzip (${kib(bundle.raw)} raw)`,
    ...bundle.files.map((file) => `  ${file}`),
    `Customers in the database: ${customers.toLocaleString('en-US')} (${CUSTOMERS.toLocaleString('en-US')} seeded by SQL)`,
    `List footer: ${total?.replace(/\s+/g, ' ').trim() ?? '?'}`,
    `Customers page, navigation start → first row rendered:`,
    `  first visit (cold chunk cache): ${ms(cold.render)} (API answered in ${ms(cold.api)})`,
    `  median of ${WARM_RUNS} reloads:             ${ms(median(warm.map((run) => run.render)))} (API median ${ms(median(warm.map((run) => run.api)))}; min ${ms(Math.min(...warm.map((run) => run.render)))}, max ${ms(Math.max(...warm.map((run) => run.render)))})`,
    '',
  ];
  console.log(lines.join('\n'));
});
