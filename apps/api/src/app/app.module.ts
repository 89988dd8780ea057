import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { AutomationModule } from '../automation/automation.module';
import { CryptoModule } from '../common/crypto/crypto.module';
import { buildLogger, loggerModuleParams } from '../common/logging/logger-options';
import { AppConfig } from '../config/app-config';
import { AppConfigModule } from '../config/app-config.module';
import { CustomersModule } from '../customers/customers.module';
import { buildDataSourceOptions } from '../database/data-source-options';
import { HealthModule } from '../health/health.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { JobsModule } from '../jobs/jobs.module';
import { LicenseLifecycleModule } from '../license-lifecycle/license-lifecycle.module';
import { LicenseValidationModule } from '../license-validation/license-validation.module';
import { MailModule } from '../mail/mail.module';
import { MaintenanceModule } from '../maintenance/maintenance.module';
import { OrdersModule } from '../orders/orders.module';
import { PaymentsModule } from '../payments/payments.module';
import { StoreModule } from '../store/store.module';
import { LicensesModule } from '../licenses/licenses.module';
import { PlansModule } from '../plans/plans.module';
import { ProvisioningModule } from '../provisioning/provisioning.module';
import { ServersModule } from '../servers/servers.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { UsageModule } from '../usage/usage.module';

export interface AppModuleOptions {
  /** Where log lines go; tests pass a stream to inspect them. Defaults to stdout. */
  logStream?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerModuleParams(buildLogger(config, options.logStream))),
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions(config.database),
          // Fail fast at boot instead of retrying for minutes behind a healthy-looking process.
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        CryptoModule,
        AuditModule,
        SettingsModule,
        IdempotencyModule,
        JobsModule,
        MailModule,
        WebhooksModule,
        HealthModule,
        UsersModule,
        AuthModule,
        ApiKeysModule,
        PlansModule,
        LicensesModule,
        LicenseValidationModule,
        CustomersModule,
        ServersModule,
        ProvisioningModule,
        LicenseLifecycleModule,
        OrdersModule,
        PaymentsModule,
        StoreModule,
        MaintenanceModule,
        UsageModule,
        AutomationModule,
      ],
    };
  }
}
