import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PanelClientModule } from '../panel-client/panel-client.module';
import { PanelServer } from './panel-server.entity';
import { ServersController } from './servers.controller';
import { ServerMonitor } from './server-monitor.service';
import { ServersService } from './servers.service';

@Module({
  imports: [TypeOrmModule.forFeature([PanelServer]), PanelClientModule],
  controllers: [ServersController],
  providers: [ServersService, ServerMonitor],
  exports: [ServersService],
})
export class ServersModule {}
