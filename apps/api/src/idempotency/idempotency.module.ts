import { Global, Module } from '@nestjs/common';
import { IdempotencyKeysService } from './idempotency-keys.service';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Global, because `@Idempotent()` puts the interceptor on routes of many modules, and Nest builds
 * each route's interceptor from its own module's injector.
 */
@Global()
@Module({
  providers: [IdempotencyKeysService, IdempotencyInterceptor],
  exports: [IdempotencyKeysService, IdempotencyInterceptor],
})
export class IdempotencyModule {}
