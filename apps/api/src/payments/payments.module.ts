import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrdersModule } from '../orders/orders.module';
import { StripeModule } from '../stripe/stripe.module';
import { Payment } from './payment.entity';
import { PaymentsService } from './payments.service';
import { StripeReconciliation } from './stripe-reconciliation.service';
import { StripeWebhooksController } from './stripe-webhooks.controller';
import { StripeWebhooksService } from './stripe-webhooks.service';

@Module({
  imports: [TypeOrmModule.forFeature([Payment]), OrdersModule, StripeModule],
  controllers: [StripeWebhooksController],
  providers: [PaymentsService, StripeWebhooksService, StripeReconciliation],
  exports: [PaymentsService],
})
export class PaymentsModule {}
