import { Global, Module } from '@nestjs/common';
import { IntegrationEvents } from './integration-events.service';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhookSettings } from './webhook-settings.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Signed outgoing webhooks. Global: every module that changes something integrators care about
 * publishes through IntegrationEvents, inside its own transaction.
 */
@Global()
@Module({
  controllers: [WebhooksController],
  providers: [IntegrationEvents, WebhookSettings, WebhookDeliveryWorker, WebhooksService],
  exports: [IntegrationEvents],
})
export class WebhooksModule {}
