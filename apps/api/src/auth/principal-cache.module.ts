import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { PrincipalCache } from './principal-cache';

/**
 * Its own module, not part of AuthModule: the services that change users (customers) evict from
 * it too, and AuthModule already imports them.
 */
@Module({
  providers: [
    {
      provide: PrincipalCache,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): PrincipalCache =>
        new PrincipalCache({
          databaseUrl: config.database.url,
          ttlMs: config.auth.principalCacheTtlMs,
        }),
    },
  ],
  exports: [PrincipalCache],
})
export class PrincipalCacheModule {}
