import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export function buildDataSourceOptions(database: {
  url: string;
  poolSize: number;
}): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    // Each migration in its own transaction, so a failed one leaves the schema as it was.
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // The migrations create what the schema needs (UUIDs come from the built-in gen_random_uuid());
    // without this TypeORM would install uuid-ossp on every connect.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    extra: {
      max: database.poolSize,
      connectionTimeoutMillis: 5000,
      application_name: 'nextpanel-billing',
    },
  };
}
