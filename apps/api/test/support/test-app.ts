import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { DataSource } from 'typeorm';
import { createApp, initApp } from '../../src/app/create-app';
import { AppConfig, loadAppConfig } from '../../src/config/app-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { runMigrationsExclusively } from '../../src/database/migration-runner';
import { seedDatabase } from '../../src/seed/seed';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';
export const ADMIN = { email: 'admin@test.com', password: 'Admin123!' };

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  config: AppConfig;
  dataSource: DataSource;
  database: TestDatabase;
  /** Every log line the app wrote, for assertions about what is (not) logged. */
  logs: string[];
  close(): Promise<void>;
}

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadAppConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEY: '11'.repeat(32),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'np-api-data-')),
    LOG_LEVEL: 'info',
    LOGIN_RATE_LIMIT_PER_IP: '10000',
    LOGIN_RATE_LIMIT_PER_EMAIL: '1000',
    // Background workers run only in tests that exercise them (they pass JOBS_ENABLED: 'true').
    JOBS_ENABLED: 'false',
    SCHEDULER_ENABLED: 'false',
    ...env,
  });
}

/** Migrates and seeds a fresh database, then boots the real app on it (not listening; supertest drives it). */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, env);
  const setup = await new DataSource(buildDataSourceOptions(config.database)).initialize();
  await runMigrationsExclusively(setup);
  await seedDatabase(setup, config.admin);
  await setup.destroy();

  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  // nestjs-pino keeps the first logger it built for logs outside a request (jobs, services); a
  // fresh one per app sends each app's lines to its own stream.
  __resetOutOfContextForTests();
  const app = await createApp(config, { logStream });
  await initApp(app);
  // Nest buffers service logs (bufferLogs) until listen(); tests never listen, so flush here or
  // every `new Logger(...)` line would be missing from `logs`.
  app.flushLogs();
  return {
    app,
    http: app.getHttpServer(),
    config,
    dataSource: app.get(getDataSourceToken()),
    database,
    logs,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
