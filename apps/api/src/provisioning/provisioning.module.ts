import { Module } from '@nestjs/common';
import { LicensesModule } from '../licenses/licenses.module';
import { PanelClientModule } from '../panel-client/panel-client.module';
import { ServersModule } from '../servers/servers.module';
import { AccountLifecycle } from './account-lifecycle.service';
import { ProvisioningController } from './provisioning.controller';
import { ProvisioningService } from './provisioning.service';
import { SlotReservations } from './slot-reservation';

@Module({
  imports: [PanelClientModule, ServersModule, LicensesModule],
  controllers: [ProvisioningController],
  providers: [ProvisioningService, SlotReservations, AccountLifecycle],
  exports: [ProvisioningService, SlotReservations, AccountLifecycle],
})
export class ProvisioningModule {}
