import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { CreatePlanRequest, PlanResponse, UpdatePlanRequest } from '@nextpanel/shared';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { INT4_MAX, INT4_MIN } from '../../common/validation/limits';
import { IsNulFree } from '../../common/validation/text';
import { IsOptionalNotNull, trimString, trimToNull } from '../../common/validation/transforms';
import { hasWholeCents, PLAN_PRICE_MAX } from '../plan-money';

const PRICE_RULE = `must be a number from 0 to ${PLAN_PRICE_MAX} with at most 2 decimals`;
const QUOTA_RULE = 'must be a whole number of 0 or more';
const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** A quota: a whole number >= 0 that fits the `integer` column. */
const Quota = (example: number, description: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: 'integer', example, minimum: 0, maximum: INT4_MAX, description }),
    IsInt({ message: `$property ${QUOTA_RULE}` }),
    Min(0, { message: `$property ${QUOTA_RULE}` }),
    Max(INT4_MAX),
  );

const HasWholeCents = (): PropertyDecorator =>
  ValidateBy({
    name: 'hasWholeCents',
    validator: {
      validate: (value: unknown) => typeof value !== 'number' || hasWholeCents(value),
      defaultMessage: (args?: ValidationArguments) => `${args?.property} ${PRICE_RULE}`,
    },
  });

/** A price: a decimal amount with at most 2 decimals, stored as integer cents. */
const Price = (example: number, cycle: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      example,
      minimum: 0,
      maximum: PLAN_PRICE_MAX,
      description: `Price per ${cycle} in \`currency\`, at most 2 decimals (stored as integer cents)`,
    }),
    IsNumber({}, { message: `$property ${PRICE_RULE}` }),
    HasWholeCents(),
    Min(0, { message: `$property ${PRICE_RULE}` }),
    Max(PLAN_PRICE_MAX, { message: `$property ${PRICE_RULE}` }),
  );

export class CreatePlanDto implements CreatePlanRequest {
  @ApiProperty({ example: 'Professional Hosting', maxLength: 100, description: 'Unique' })
  @Transform(trimString)
  @IsString()
  @IsNulFree()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({
    example: 'Several sites, more databases and mailboxes, for growing businesses.',
    maxLength: 2000,
    nullable: true,
    type: String,
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @IsNulFree()
  @MaxLength(2000)
  description?: string | null;

  @Quota(10, 'Databases a license of this plan may create')
  max_databases!: number;

  @Quota(5, 'Domains a license of this plan may host')
  max_domains!: number;

  @Quota(25, 'Mailboxes a license of this plan may create')
  max_email_accounts!: number;

  @Quota(50, 'Disk space in GB')
  max_disk_gb!: number;

  @Price(14.99, 'month')
  price_monthly!: number;

  @Price(149.9, 'year')
  price_yearly!: number;

  @ApiPropertyOptional({
    example: 'USD',
    default: 'USD',
    pattern: CURRENCY_PATTERN.source,
    description: 'ISO 4217 code, 3 upper-case letters',
  })
  @IsOptionalNotNull()
  @IsString()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be 3 upper-case letters, such as USD' })
  currency?: string;

  @ApiPropertyOptional({
    example: 2,
    nullable: true,
    type: 'integer',
    minimum: 1,
    description: 'The package id the NextPanel panels know this plan by',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  nextpanel_package_id?: number | null;

  @ApiPropertyOptional({
    example: true,
    default: true,
    description: 'Inactive plans are kept for existing licenses but cannot be sold',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  is_active?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    example: 2,
    default: 0,
    description: 'Lists show lower numbers first',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(INT4_MIN)
  @Max(INT4_MAX)
  sort_order?: number;
}

/**
 * Any subset of the plan's fields. `skipNullProperties: false` keeps an explicit null from
 * slipping past validation into a NOT NULL column; nullable fields still accept null.
 */
export class UpdatePlanDto
  extends PartialType(CreatePlanDto, { skipNullProperties: false })
  implements UpdatePlanRequest {}

export class PlanResponseDto implements PlanResponse {
  @ApiProperty({ example: '3f0c1c52-8a47-4bb8-9d5e-0d2b8f1e6a10', format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Professional Hosting' })
  name!: string;

  @ApiProperty({
    example: 'Several sites, more databases and mailboxes, for growing businesses.',
    nullable: true,
    type: String,
  })
  description!: string | null;

  @ApiProperty({ example: 10 })
  max_databases!: number;

  @ApiProperty({ example: 5 })
  max_domains!: number;

  @ApiProperty({ example: 25 })
  max_email_accounts!: number;

  @ApiProperty({ example: 50 })
  max_disk_gb!: number;

  @ApiProperty({ example: 14.99, description: 'Decimal amount in `currency`' })
  price_monthly!: number;

  @ApiProperty({ example: 149.9, description: 'Decimal amount in `currency`' })
  price_yearly!: number;

  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ example: 2, nullable: true, type: Number })
  nextpanel_package_id!: number | null;

  @ApiProperty({ example: true })
  is_active!: boolean;

  @ApiProperty({ example: 2 })
  sort_order!: number;

  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' })
  updated_at!: string;
}
