import {
  Controller,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  RawBodyRequest,
  Req,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ErrorCode } from '@nextpanel/shared';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { DomainException } from '../common/errors/domain.exception';
import { RequestContext } from '../common/request-context/request-context';
import { StripeGateway } from '../stripe/stripe-gateway';
import { StripeWebhooksService, WebhookOutcome } from './stripe-webhooks.service';

const badSignature = (message: string) =>
  new DomainException(HttpStatus.BAD_REQUEST, 'INVALID_SIGNATURE', message);

@ApiTags('webhooks')
@Controller('webhooks')
export class StripeWebhooksController {
  constructor(
    private readonly stripe: StripeGateway,
    private readonly webhooks: StripeWebhooksService,
  ) {}

  /** Stripe's endpoint: `checkout.session.completed`, `invoice.paid`, `invoice.payment_failed`, `customer.subscription.deleted`. */
  @Post('stripe')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Stripe webhook endpoint',
    description:
      'Verifies `Stripe-Signature` over the raw body with STRIPE_WEBHOOK_SECRET. Each event id is applied once; a redelivery answers 200 with `duplicate: true`.',
  })
  @ApiHeader({ name: 'Stripe-Signature', required: true })
  @ApiOkResponse({ schema: { example: { received: true, duplicate: false, handled: true } } })
  @ApiErrorResponses(400, 503)
  async receive(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature?: string,
  ): Promise<WebhookOutcome> {
    if (!signature) throw badSignature('Missing Stripe-Signature header');
    if (!request.rawBody)
      throw new DomainException(
        HttpStatus.BAD_REQUEST,
        ErrorCode.ValidationFailed,
        'Expected a JSON body',
      );
    let event;
    try {
      event = this.stripe.verifyWebhook(request.rawBody, signature);
    } catch (error) {
      if (error instanceof DomainException) throw error;
      throw badSignature('Invalid Stripe signature');
    }
    // A verified event is Stripe acting: that is who the audit log names for what it changes.
    RequestContext.setActor({ type: 'system', id: null, label: 'stripe.webhook' });
    return this.webhooks.apply(event);
  }
}
