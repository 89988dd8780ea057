import { Module } from '@nestjs/common';
import { ProvisioningModule } from '../provisioning/provisioning.module';
import { LicenseLifecycleController } from './license-lifecycle.controller';
import { LicenseLifecycle } from './license-lifecycle.service';

@Module({
  imports: [ProvisioningModule],
  controllers: [LicenseLifecycleController],
  providers: [LicenseLifecycle],
  exports: [LicenseLifecycle],
})
export class LicenseLifecycleModule {}
