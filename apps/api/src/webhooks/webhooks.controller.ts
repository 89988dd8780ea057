import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseIdPipe } from '../common/validation/id-params';
import { ParseBigIntIdPipe } from '../jobs/parse-bigint-id.pipe';
import {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  UpdateWebhookSettingsDto,
  WebhookDeliveryListQueryDto,
  WebhookDeliveryPageDto,
  WebhookDeliveryResponseDto,
  WebhookEndpointResponseDto,
  WebhookEndpointWithSecretResponseDto,
  WebhookSettingsResponseDto,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Auth('admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('endpoints')
  @ApiOperation({ summary: 'Webhook endpoints, with how many deliveries wait for each' })
  @ApiOkResponse({ type: [WebhookEndpointResponseDto] })
  listEndpoints(): Promise<WebhookEndpointResponseDto[]> {
    return this.webhooks.listEndpoints();
  }

  @Post('endpoints')
  @ApiOperation({
    summary: 'Register an endpoint; the answer carries its signing secret, shown this once',
    description:
      'The URL must be http(s) and resolve only to public addresses (400 `WEBHOOK_URL_NOT_ALLOWED` otherwise) unless the `allow_private_targets` setting is on. The secret is stored encrypted.',
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretResponseDto })
  @ApiErrorResponses(400)
  createEndpoint(
    @Body() body: CreateWebhookEndpointDto,
  ): Promise<WebhookEndpointWithSecretResponseDto> {
    return this.webhooks.createEndpoint(body);
  }

  @Get('endpoints/:id')
  @ApiOperation({ summary: 'One webhook endpoint (never its secret)' })
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  @ApiErrorResponses(400, 404)
  getEndpoint(@Param('id', ParseIdPipe) id: number): Promise<WebhookEndpointResponseDto> {
    return this.webhooks.getEndpoint(id);
  }

  @Patch('endpoints/:id')
  @ApiOperation({
    summary: 'Change the URL, description or events; `enabled: false` disables it',
    description:
      'A disabled endpoint records no new events; deliveries already waiting are kept and go out, in order, once it is enabled again.',
  })
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  @ApiErrorResponses(400, 404)
  updateEndpoint(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointResponseDto> {
    return this.webhooks.updateEndpoint(id, body);
  }

  @Delete('endpoints/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove an endpoint and its deliveries' })
  @ApiNoContentResponse()
  @ApiErrorResponses(400, 404)
  deleteEndpoint(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.webhooks.deleteEndpoint(id);
  }

  @Post('endpoints/:id/enable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Enable a disabled endpoint; its waiting deliveries are sent at once, oldest first',
  })
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  @ApiErrorResponses(400, 404)
  enableEndpoint(@Param('id', ParseIdPipe) id: number): Promise<WebhookEndpointResponseDto> {
    return this.webhooks.enableEndpoint(id);
  }

  @Post('endpoints/:id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Replace the signing secret; the answer carries the new one, shown this once',
    description:
      'For 24 hours deliveries carry two `v1` signatures, one per secret, so the receiver can switch over without refusing any.',
  })
  @ApiOkResponse({ type: WebhookEndpointWithSecretResponseDto })
  @ApiErrorResponses(400, 404)
  rotateSecret(
    @Param('id', ParseIdPipe) id: number,
  ): Promise<WebhookEndpointWithSecretResponseDto> {
    return this.webhooks.rotateSecret(id);
  }

  @Post('endpoints/:id/ping')
  @ApiOperation({ summary: 'Send the `ping` test event to this endpoint' })
  @ApiCreatedResponse({ type: WebhookDeliveryResponseDto })
  @ApiErrorResponses(400, 404, 409)
  ping(@Param('id', ParseIdPipe) id: number): Promise<WebhookDeliveryResponseDto> {
    return this.webhooks.ping(id);
  }

  @Get('deliveries')
  @ApiOperation({
    summary: 'Deliveries, newest first, with the last attempt’s status code, latency and answer',
  })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiErrorResponses(400)
  listDeliveries(@Query() query: WebhookDeliveryListQueryDto): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.listDeliveries(query);
  }

  @Post('deliveries/:id/resend')
  @ApiOperation({
    summary: 'Send a delivered or failed event again (a new delivery with the same event id)',
  })
  @ApiCreatedResponse({ type: WebhookDeliveryResponseDto })
  @ApiErrorResponses(400, 404, 409)
  resend(@Param('id', ParseBigIntIdPipe) id: string): Promise<WebhookDeliveryResponseDto> {
    return this.webhooks.resend(id);
  }

  @Get('settings')
  @ApiOperation({ summary: 'Webhook settings' })
  @ApiOkResponse({ type: WebhookSettingsResponseDto })
  readSettings(): Promise<WebhookSettingsResponseDto> {
    return this.webhooks.readSettings();
  }

  @Patch('settings')
  @ApiOperation({
    summary: 'Change webhook settings (audited)',
    description:
      '`allow_private_targets` lets endpoints use private, loopback and link-local addresses; it is checked again at every delivery.',
  })
  @ApiOkResponse({ type: WebhookSettingsResponseDto })
  @ApiErrorResponses(400)
  updateSettings(@Body() body: UpdateWebhookSettingsDto): Promise<WebhookSettingsResponseDto> {
    return this.webhooks.updateSettings(body);
  }
}
