import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RateLimitState {
  hits: number;
  resetAt: Date;
}

/**
 * Fixed-window counters kept in PostgreSQL, so every API instance counts against the same limit
 * and a restart does not hand an attacker a fresh allowance. One upsert per hit; the row lock it
 * takes makes concurrent hits count exactly.
 */
@Injectable()
export class RateLimitService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hit(key: string, windowSeconds: number): Promise<RateLimitState> {
    const rows: Array<{ hits: number; reset_at: Date }> = await this.dataSource.query(
      `INSERT INTO rate_limit_buckets (key, hits, reset_at)
       VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit_buckets.reset_at <= now() THEN 1 ELSE rate_limit_buckets.hits + 1 END,
         reset_at = CASE WHEN rate_limit_buckets.reset_at <= now() THEN EXCLUDED.reset_at
                         ELSE rate_limit_buckets.reset_at END
       RETURNING hits, reset_at`,
      [key, windowSeconds],
    );
    return { hits: rows[0].hits, resetAt: rows[0].reset_at };
  }

  async peek(key: string): Promise<RateLimitState | null> {
    const rows: Array<{ hits: number; reset_at: Date }> = await this.dataSource.query(
      `SELECT hits, reset_at FROM rate_limit_buckets WHERE key = $1 AND reset_at > now()`,
      [key],
    );
    return rows.length > 0 ? { hits: rows[0].hits, resetAt: rows[0].reset_at } : null;
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_buckets WHERE key = $1`, [key]);
  }

  /** Drops expired windows; cheap enough to run now and then from a scheduler. */
  async purgeExpired(): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM rate_limit_buckets WHERE reset_at <= now()`,
    );
    return result[1];
  }
}

export function secondsUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));
}
