import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LicensesModule } from '../licenses/licenses.module';
import { PanelClientModule } from '../panel-client/panel-client.module';
import { ProvisioningModule } from '../provisioning/provisioning.module';
import { ServersModule } from '../servers/servers.module';
import { StripeModule } from '../stripe/stripe.module';
import { OrderFulfilment } from './order-fulfilment.service';
import { Order } from './order.entity';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Order]),
    LicensesModule,
    ProvisioningModule,
    ServersModule,
    PanelClientModule,
    StripeModule,
  ],
  controllers: [OrdersController],
  providers: [OrdersService, OrderFulfilment],
  exports: [OrdersService],
})
export class OrdersModule {}
