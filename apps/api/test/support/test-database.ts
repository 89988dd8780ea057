import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set; jest globalSetup should have provided one');
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onAdminDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: requireDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server for one test file; dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `np_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await onAdminDatabase((client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: withDatabase(requireDatabaseUrl(), name),
    drop: () =>
      onAdminDatabase((client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ).then(() => undefined),
  };
}

/** Runs SQL as the server's superuser, e.g. to cut a database off in a health test. */
export function adminQuery(sql: string): Promise<unknown> {
  return onAdminDatabase((client) => client.query(sql));
}
