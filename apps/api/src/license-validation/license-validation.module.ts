import { Module } from '@nestjs/common';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { PanelClientModule } from '../panel-client/panel-client.module';
import { ServersModule } from '../servers/servers.module';
import { LicenseValidationController } from './license-validation.controller';
import { LicenseValidationService } from './license-validation.service';

@Module({
  imports: [RateLimitModule, PanelClientModule, ServersModule],
  controllers: [LicenseValidationController],
  providers: [LicenseValidationService],
})
export class LicenseValidationModule {}
