import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BILLING_CYCLES,
  BillingCycle,
  CreateLicenseRequest,
  LICENSE_STATUSES,
  LicenseListQuery,
  LicenseResponse,
  LicenseStatus,
  SUBSCRIPTION_STATUSES,
  SubscriptionResponse,
  SubscriptionStatus,
} from '@nextpanel/shared';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination/page.dto';
import { INT4_MAX, SEARCH_MAX_LENGTH } from '../../common/validation/limits';
import { IsOptionalNotNull, queryInteger, queryText } from '../../common/validation/transforms';
import { IsNulFree } from '../../common/validation/text';

export class CreateLicenseDto implements CreateLicenseRequest {
  @ApiProperty({
    example: '3f0c1c52-8a47-4bb8-9d5e-0d2b8f1e6a10',
    format: 'uuid',
    description: 'An active plan (`GET /api/v1/plans`); its quotas are copied into the license',
  })
  @IsUUID('all', { message: 'plan_id must be a UUID' })
  plan_id!: string;

  @ApiProperty({ enum: BILLING_CYCLES, example: 'monthly' })
  @IsIn(BILLING_CYCLES, { message: `billing_cycle must be one of: ${BILLING_CYCLES.join(', ')}` })
  billing_cycle!: BillingCycle;

  @ApiPropertyOptional({
    example: true,
    default: true,
    description:
      'Also start an active subscription at the plan’s price for the cycle, paid for one month or one year from now',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  create_subscription?: boolean;
}

export class LicenseListQueryDto extends PageQueryDto implements LicenseListQuery {
  @ApiPropertyOptional({ enum: LICENSE_STATUSES, example: 'active' })
  @IsOptional()
  @Transform(queryText)
  @IsIn(LICENSE_STATUSES, { message: `status must be one of: ${LICENSE_STATUSES.join(', ')}` })
  status?: LicenseStatus;

  @ApiPropertyOptional({
    type: 'integer',
    example: 2,
    description: 'Only this customer’s licenses',
  })
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  customer_id?: number;

  @ApiPropertyOptional({
    example: '7KQ2',
    maxLength: SEARCH_MAX_LENGTH,
    description: 'Part of a license key, case-insensitive',
  })
  @IsOptional()
  @Transform(queryText)
  @IsString()
  @IsNulFree()
  @MaxLength(SEARCH_MAX_LENGTH)
  search?: string;
}

export class SubscriptionResponseDto implements SubscriptionResponse {
  @ApiProperty({ example: 1 })
  id!: number;

  @ApiProperty({ enum: SUBSCRIPTION_STATUSES, example: 'active' })
  status!: SubscriptionStatus;

  @ApiProperty({ enum: BILLING_CYCLES, example: 'monthly' })
  billing_cycle!: BillingCycle;

  @ApiProperty({ example: 14.99, description: 'Decimal amount charged per cycle, in `currency`' })
  price!: number;

  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' })
  current_period_start!: string;

  @ApiProperty({
    example: '2026-12-26T10:00:00.000Z',
    description: 'One calendar month (or year) after the start, in UTC',
  })
  current_period_end!: string;

  @ApiProperty({ example: false })
  cancel_at_period_end!: boolean;

  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' })
  created_at!: string;
}

export class LicensePlanDto {
  @ApiProperty({ example: '3f0c1c52-8a47-4bb8-9d5e-0d2b8f1e6a10', format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Professional Hosting' })
  name!: string;
}

export class LicenseCustomerDto {
  @ApiProperty({ example: 2 })
  id!: number;

  @ApiProperty({ example: 'testcustomer@example.com' })
  email!: string;

  @ApiProperty({ example: 'Test Customer' })
  full_name!: string;
}

export class LicenseResponseDto implements LicenseResponse {
  @ApiProperty({ example: 1 })
  id!: number;

  @ApiProperty({
    example: 'NP-7KQ2-M9XH-T4WC',
    pattern: '^NP-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$',
  })
  license_key!: string;

  @ApiProperty({ example: 2 })
  customer_id!: number;

  @ApiProperty({ type: LicenseCustomerDto, nullable: true })
  customer!: LicenseCustomerDto | null;

  @ApiProperty({ example: '3f0c1c52-8a47-4bb8-9d5e-0d2b8f1e6a10', format: 'uuid' })
  plan_id!: string;

  @ApiProperty({ type: LicensePlanDto })
  plan!: LicensePlanDto;

  @ApiProperty({ enum: LICENSE_STATUSES, example: 'active' })
  status!: LicenseStatus;

  @ApiProperty({ enum: BILLING_CYCLES, example: 'monthly' })
  billing_cycle!: BillingCycle;

  @ApiProperty({ example: 10, description: 'Copied from the plan when the license was sold' })
  max_databases!: number;

  @ApiProperty({ example: 5, description: 'Copied from the plan when the license was sold' })
  max_domains!: number;

  @ApiProperty({ example: 25, description: 'Copied from the plan when the license was sold' })
  max_email_accounts!: number;

  @ApiProperty({ example: 50, description: 'Copied from the plan when the license was sold' })
  max_disk_gb!: number;

  @ApiProperty({
    type: SubscriptionResponseDto,
    nullable: true,
    description: 'null when the license was created without a subscription',
  })
  subscription!: SubscriptionResponseDto | null;

  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' })
  updated_at!: string;
}

export class LicensePageDto extends PageMetaDto {
  @ApiProperty({ type: [LicenseResponseDto] })
  items!: LicenseResponseDto[];
}
