import type { Pool, QueryResultRow } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * A hot read statement. With a `name`, each pooled connection parses and plans it once and then
 * only binds and executes it; give names only to statements whose text is fixed and whose best
 * plan does not depend on the values (never to a pattern search).
 */
export interface ReadStatement {
  name?: string;
  text: string;
}

/**
 * Runs a read straight on TypeORM's own pg pool, for the few list and detail reads that every
 * admin page load makes: no query building, no entity hydration, optionally a prepared statement.
 * Failures arrive as TypeORM's `QueryFailedError`, like every other query's, so the global error
 * filter answers them the same way (e.g. 503 while the database restarts).
 */
export async function readRows<Row extends QueryResultRow>(
  dataSource: DataSource,
  statement: ReadStatement,
  values: unknown[] = [],
): Promise<Row[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  try {
    const result = await pool.query<Row>({ name: statement.name, text: statement.text, values });
    return result.rows;
  } catch (error) {
    throw new QueryFailedError(statement.text, values, error as Error);
  }
}

/** timestamptz as pg returns it (a Date) in the API's ISO form, keeping null. */
export function isoOrNull(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}
