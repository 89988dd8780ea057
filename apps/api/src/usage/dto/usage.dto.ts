import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AccountUsageCollection,
  AccountUsageCurrent,
  AccountUsageQuery,
  AccountUsageQuota,
  AccountUsageResponse,
  AccountUsageSample,
  AccountUsageWarning,
  UpdateUsageSettingsRequest,
  USAGE_METRICS,
  UsageMetric,
  UsagePercentages,
  UsageSettings,
} from '@nextpanel/shared';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { IsOptionalNotNull, queryText } from '../../common/validation/transforms';

export class AccountUsageQueryDto implements AccountUsageQuery {
  @ApiPropertyOptional({
    example: '2026-11-19T12:00:00Z',
    description: 'ISO 8601; default 7 days before `to`',
  })
  @IsOptional()
  @Transform(queryText)
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-26T12:00:00Z', description: 'ISO 8601; default now' })
  @IsOptional()
  @Transform(queryText)
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date' })
  to?: string;
}

export class AccountUsageSampleDto implements AccountUsageSample {
  @ApiProperty({ example: '2026-11-26T12:00:00.000Z' }) sampled_at!: string;
  @ApiProperty({ example: 9523.5, description: 'The panel’s `storage_used`, in megabytes' })
  disk_used_mb!: number;
  @ApiProperty({ example: 2 }) databases!: number;
  @ApiProperty({ example: 1 }) domains!: number;
  @ApiProperty({ example: 4 }) email_accounts!: number;
  @ApiProperty({ example: 1 }) ssl_certificates!: number;
}

export class AccountUsageQuotaDto implements AccountUsageQuota {
  @ApiProperty({ example: 7 }) license_id!: number;
  @ApiProperty({ example: 10240, description: 'The license’s `max_disk_gb` × 1024' })
  disk_mb!: number;
  @ApiProperty({ example: 2 }) databases!: number;
  @ApiProperty({ example: 1 }) domains!: number;
  @ApiProperty({ example: 5 }) email_accounts!: number;
}

export class UsagePercentagesDto implements UsagePercentages {
  @ApiProperty({ example: 93 }) disk!: number;
  @ApiProperty({ example: 100 }) databases!: number;
  @ApiProperty({ example: 100 }) domains!: number;
  @ApiProperty({ example: 80 }) email_accounts!: number;
}

export class AccountUsageCurrentDto extends AccountUsageSampleDto implements AccountUsageCurrent {
  @ApiProperty({
    type: UsagePercentagesDto,
    nullable: true,
    description: 'Each metric as a percentage of its quota (one decimal); null without a license',
  })
  percent!: UsagePercentagesDto | null;
}

export class AccountUsageWarningDto implements AccountUsageWarning {
  @ApiProperty({ enum: USAGE_METRICS }) metric!: UsageMetric;
  @ApiProperty({ example: 93.1 }) percent!: number;
  @ApiProperty({ example: '2026-11-26T12:00:00.000Z' }) warned_at!: string;
}

export class AccountUsageCollectionDto implements AccountUsageCollection {
  @ApiProperty({ example: '2026-11-26T12:00:00.000Z' }) last_attempt_at!: string;
  @ApiProperty({ example: '2026-11-26T12:00:00.000Z', nullable: true, type: String })
  last_success_at!: string | null;
  @ApiProperty({
    example: 'Production Server 1 did not answer within 5 seconds',
    nullable: true,
    type: String,
  })
  last_error!: string | null;
  @ApiProperty({ example: 0 }) consecutive_failures!: number;
}

export class AccountUsageResponseDto implements AccountUsageResponse {
  @ApiProperty({ example: 11 }) account_id!: number;

  @ApiProperty({
    type: AccountUsageQuotaDto,
    nullable: true,
    description: 'The license’s quotas; null for an account without a license',
  })
  quota!: AccountUsageQuotaDto | null;

  @ApiProperty({
    type: AccountUsageCurrentDto,
    nullable: true,
    description: 'The latest sample (whatever the range); null before the first collection',
  })
  current!: AccountUsageCurrentDto | null;

  @ApiProperty({ example: 90 }) warning_percent!: number;

  @ApiProperty({
    type: [AccountUsageWarningDto],
    description: 'Metrics above the threshold whose customer was warned',
  })
  warnings!: AccountUsageWarningDto[];

  @ApiProperty({
    type: AccountUsageCollectionDto,
    nullable: true,
    description: 'How the last collection went (admins only; null for customers)',
  })
  collection!: AccountUsageCollectionDto | null;

  @ApiProperty({ example: '2026-11-19T12:00:00.000Z' }) from!: string;
  @ApiProperty({ example: '2026-11-26T12:00:00.000Z' }) to!: string;

  @ApiProperty({
    example: null,
    nullable: true,
    type: Number,
    description: `Null: raw samples. Otherwise the range held more than 500, and each sample is the peak of a bucket this many seconds wide`,
  })
  bucket_seconds!: number | null;

  @ApiProperty({ type: [AccountUsageSampleDto], description: 'Oldest first' })
  samples!: AccountUsageSampleDto[];
}

export class UsageSettingsDto implements UsageSettings {
  @ApiProperty({ example: 90, minimum: 1, maximum: 100 }) warning_percent!: number;
  @ApiProperty({ example: 5, minimum: 0, maximum: 50 }) hysteresis_percent!: number;
}

export class UpdateUsageSettingsDto implements UpdateUsageSettingsRequest {
  @ApiPropertyOptional({
    example: 90,
    minimum: 1,
    maximum: 100,
    description:
      'A metric at or above this percentage of its quota warns the customer, once per crossing',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  warning_percent?: number;

  @ApiPropertyOptional({
    example: 5,
    minimum: 0,
    maximum: 50,
    description:
      'The warning re-arms once usage drops below `warning_percent - hysteresis_percent`',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(50)
  hysteresis_percent?: number;
}
