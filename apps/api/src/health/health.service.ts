import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthResponse } from '@nextpanel/shared';
import { DataSource } from 'typeorm';
import { APP_VERSION } from '../app/version';

const DATABASE_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async check(): Promise<HealthResponse> {
    const started = performance.now();
    let database: HealthResponse['checks']['database'];
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), DATABASE_TIMEOUT_MS);
      database = { status: 'up', latency_ms: Math.round((performance.now() - started) * 10) / 10 };
    } catch (error) {
      database = {
        status: 'down',
        error: error instanceof TimeoutError ? error.message : 'unreachable',
      };
    }
    return {
      status: database.status === 'up' ? 'ok' : 'error',
      version: APP_VERSION,
      uptime_seconds: Math.round(process.uptime()),
      checks: { database },
    };
  }
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timeout after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
