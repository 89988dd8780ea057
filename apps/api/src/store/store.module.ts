import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { OrdersModule } from '../orders/orders.module';
import { PaymentsModule } from '../payments/payments.module';
import { StripeModule } from '../stripe/stripe.module';
import { MyAccountController, StoreController } from './store.controller';

@Module({
  imports: [CustomersModule, OrdersModule, PaymentsModule, StripeModule],
  controllers: [StoreController, MyAccountController],
})
export class StoreModule {}
