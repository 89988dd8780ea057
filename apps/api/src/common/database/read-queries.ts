import type { Pool, QueryResultRow } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * A hot read statement. With a `name`, each pooled connection parses and plans it once and then
 * only binds and executes it; on the main pool, give names only to statements whose text is fixed
 * and whose best plan does not depend on the values. A pattern search may be named only on the
 * CustomPlanPool, which plans every execution for its values.
 */
export interface ReadStatement {
  name?: string;
  text: string;
}

/**
 * Runs a read straight on TypeORM's own pg pool (or another pg pool), for the few list and detail reads that every
 * admin page load makes: no query building, no entity hydration, optionally a prepared statement.
 * Failures arrive as TypeORM's `QueryFailedError`, like every other query's, so the global error
 * filter answers them the same way (e.g. 503 while the database restarts).
 */
export async function readRows<Row extends QueryResultRow>(
  source: DataSource | Pool,
  statement: ReadStatement,
  values: unknown[] = [],
): Promise<Row[]> {
  const pool =
    source instanceof DataSource ? ((source.driver as PostgresDriver).master as Pool) : source;
  try {
    const result = await pool.query<Row>({ name: statement.name, text: statement.text, values });
    return result.rows;
  } catch (error) {
    throw new QueryFailedError(statement.text, values, error as Error);
  }
}

/**
 * A timestamptz as JavaScript's `toISOString()` writes it (UTC, milliseconds, `Z`), formatted by
 * PostgreSQL: a read that only passes timestamps through skips parsing them into Dates and
 * formatting them back (30–40 µs of a list page's CPU). Null stays null.
 */
export const isoTimestampSql = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
