import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  CreateWebhookEndpointRequest,
  UpdateWebhookEndpointRequest,
  UpdateWebhookSettingsRequest,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_PING_EVENT,
  WebhookDeliveryEventType,
  WebhookDeliveryListQuery,
  WebhookDeliveryResponse,
  WebhookDeliveryStatus,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
  WebhookEventType,
  WebhookSettingsResponse,
} from '@nextpanel/shared';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination/page.dto';
import { INT4_MAX } from '../../common/validation/limits';
import { IsNulFree } from '../../common/validation/text';
import {
  IsOptionalNotNull,
  queryInteger,
  queryText,
  trimString,
  trimToNull,
} from '../../common/validation/transforms';
import { webhookUrlProblem } from '../webhook-target-policy';

const DELIVERY_EVENT_TYPES: readonly WebhookDeliveryEventType[] = [
  ...WEBHOOK_EVENT_TYPES,
  WEBHOOK_PING_EVENT,
];

/** http(s), absolute, without credentials or fragment; where it points is checked by the service. */
function IsWebhookUrl(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isWebhookUrl',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => webhookUrlProblem(value) === null,
        defaultMessage: (args) => webhookUrlProblem(args?.value) ?? 'url is invalid',
      },
    });
}

export class CreateWebhookEndpointDto implements CreateWebhookEndpointRequest {
  @ApiProperty({
    example: 'https://hooks.example.com/nextpanel',
    maxLength: 2000,
    description:
      'http(s) URL that receives the events. Private, loopback and link-local addresses are refused unless the `allow_private_targets` setting is on.',
  })
  @Transform(trimString)
  @IsWebhookUrl()
  url!: string;

  @ApiPropertyOptional({
    example: 'CRM sync',
    maxLength: 200,
    nullable: true,
    type: String,
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @IsNulFree()
  @MaxLength(200)
  description?: string | null;

  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    example: ['customer.created', 'account.provisioned', 'payment.succeeded'],
    description: 'The events this endpoint receives (at least one)',
  })
  @IsArray()
  @ArrayNotEmpty({ message: 'event_types must name at least one event' })
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique({ message: 'event_types must not repeat an event' })
  @IsIn(WEBHOOK_EVENT_TYPES, {
    each: true,
    message: `each event type must be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
  })
  event_types!: WebhookEventType[];

  @ApiPropertyOptional({ example: true, default: true })
  @IsOptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

/** Absent fields stay as they are; an explicit null is refused (only `description` may be null). */
export class UpdateWebhookEndpointDto
  extends PartialType(CreateWebhookEndpointDto, { skipNullProperties: false })
  implements UpdateWebhookEndpointRequest {}

export class WebhookEndpointResponseDto implements WebhookEndpointResponse {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 'https://hooks.example.com/nextpanel' }) url!: string;
  @ApiProperty({ example: 'CRM sync', nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['customer.created'] })
  event_types!: WebhookEventType[];
  @ApiProperty({ example: true }) enabled!: boolean;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'Why it is disabled: by an admin, or after a delivery failed for too long',
  })
  disabled_reason!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) disabled_at!: string | null;
  @ApiProperty({ example: 0, description: 'Failed attempts in a row' })
  consecutive_failures!: number;
  @ApiProperty({ example: 0, description: 'Deliveries waiting to be sent or retried' })
  pending_deliveries!: number;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z', nullable: true, type: String })
  last_delivery_at!: string | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description:
      'After a rotation: until then deliveries carry a second signature, made with the previous secret',
  })
  previous_secret_expires_at!: string | null;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) updated_at!: string;
}

export class WebhookEndpointWithSecretResponseDto
  extends WebhookEndpointResponseDto
  implements WebhookEndpointWithSecretResponse
{
  @ApiProperty({
    example: 'npwhsec_3q2-7wLk9m0dJ8vY1cQ4sT6uX5zA2bN8eR0hG7fK1pM',
    description:
      'The signing secret. Shown only in this answer (create, rotate): store it in the receiver now.',
  })
  secret!: string;
}

export class WebhookDeliveryListQueryDto extends PageQueryDto implements WebhookDeliveryListQuery {
  @ApiPropertyOptional({ type: 'integer', example: 1 })
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  endpoint_id?: number;

  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES })
  @IsOptional()
  @Transform(queryText)
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;

  @ApiPropertyOptional({ enum: DELIVERY_EVENT_TYPES, example: 'customer.created' })
  @IsOptional()
  @Transform(queryText)
  @IsIn(DELIVERY_EVENT_TYPES)
  event_type?: WebhookDeliveryEventType;
}

export class WebhookDeliveryResponseDto implements WebhookDeliveryResponse {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: 1 }) endpoint_id!: number;
  @ApiProperty({ example: 'https://hooks.example.com/nextpanel' }) endpoint_url!: string;
  @ApiProperty({ example: '3f0c8a43-5e61-4a8f-9b1e-2d7c4b6a9e10' }) event_id!: string;
  @ApiProperty({ enum: DELIVERY_EVENT_TYPES, example: 'customer.created' })
  event_type!: WebhookDeliveryEventType;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES, example: 'succeeded' })
  status!: WebhookDeliveryStatus;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiProperty({ example: 200, nullable: true, type: Number }) response_status!: number | null;
  @ApiProperty({ example: 84, nullable: true, type: Number }) latency_ms!: number | null;
  @ApiProperty({
    example: '{"received":true}',
    nullable: true,
    type: String,
    description: 'The first kilobyte of the last answer',
  })
  response_excerpt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) last_error!: string | null;
  @ApiProperty({ example: '2026-11-27T10:00:01.000Z', nullable: true, type: String })
  last_attempt_at!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) next_attempt_at!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) resent_from_id!: string | null;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-27T10:00:01.000Z', nullable: true, type: String })
  completed_at!: string | null;
}

export class WebhookDeliveryPageDto extends PageMetaDto {
  @ApiProperty({ type: [WebhookDeliveryResponseDto] })
  items!: WebhookDeliveryResponseDto[];
}

export class WebhookSettingsResponseDto implements WebhookSettingsResponse {
  @ApiProperty({
    example: false,
    description:
      'Allow endpoints on private, loopback and link-local addresses (default from WEBHOOKS_ALLOW_PRIVATE_TARGETS)',
  })
  allow_private_targets!: boolean;
}

/** The group's one field is required: an empty PATCH is a mistake, not a change. */
export class UpdateWebhookSettingsDto implements UpdateWebhookSettingsRequest {
  @ApiProperty({ example: false })
  @IsBoolean()
  allow_private_targets!: boolean;
}
