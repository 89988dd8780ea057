import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';

/**
 * Standalone data source for the TypeORM CLI, e.g.
 * `npx typeorm-ts-node-commonjs migration:show -d apps/api/src/database/data-source.ts`.
 */
export default new DataSource(buildDataSourceOptions(loadAppConfig(process.env).database));
