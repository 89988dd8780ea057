import { Module } from '@nestjs/common';
import { PanelClientModule } from '../panel-client/panel-client.module';
import { ServersModule } from '../servers/servers.module';
import {
  AccountUsageController,
  MyAccountUsageController,
  UsageSettingsController,
} from './usage.controller';
import { UsageCollector } from './usage-collector.service';
import { UsageSettingsService } from './usage-settings.service';
import { UsageService } from './usage.service';

/** Usage history: the scheduled collection from the panels, the series, and the quota warnings. */
@Module({
  imports: [PanelClientModule, ServersModule],
  controllers: [AccountUsageController, MyAccountUsageController, UsageSettingsController],
  providers: [UsageCollector, UsageService, UsageSettingsService],
  exports: [UsageCollector],
})
export class UsageModule {}
