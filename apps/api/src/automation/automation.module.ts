import { Module } from '@nestjs/common';
import { LicenseLifecycleModule } from '../license-lifecycle/license-lifecycle.module';
import { ProvisioningModule } from '../provisioning/provisioning.module';
import { AutomationController } from './automation.controller';
import { AutomationRunsService } from './automation-runs.service';
import { AutomationSettingsService } from './automation-settings.service';
import { BillingAutomation } from './billing-automation.service';

/** The billing automation: scheduled runs, reactivation on payment, its settings and run history. */
@Module({
  imports: [ProvisioningModule, LicenseLifecycleModule],
  controllers: [AutomationController],
  providers: [BillingAutomation, AutomationRunsService, AutomationSettingsService],
})
export class AutomationModule {}
