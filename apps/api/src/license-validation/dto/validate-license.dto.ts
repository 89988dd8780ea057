import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUOTA_FEATURES, QuotaFeature, ValidateLicenseRequest } from '@nextpanel/shared';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class ValidateLicenseDto implements ValidateLicenseRequest {
  @ApiProperty({ example: 'NP-7KQ2-M9XH-T4WC' })
  @IsString()
  @Matches(/^NP-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/, {
    message: 'license_key must look like NP-XXXX-XXXX-XXXX',
  })
  license_key!: string;

  @ApiProperty({ enum: QUOTA_FEATURES, example: 'create_database' })
  @IsIn(QUOTA_FEATURES)
  feature!: QuotaFeature;

  @ApiProperty({
    example: 1700000000,
    description: 'Unix seconds; refused when more than 5 minutes off',
  })
  @IsInt()
  @Min(0)
  @Max(2 ** 40)
  timestamp!: number;

  @ApiPropertyOptional({
    example: 'b7e0c2a4',
    description:
      'Optional (ours): up to 64 letters, digits, - or _; signed as a fourth part, lets a panel ask the same question twice in one second',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'nonce must be 1 to 64 letters, digits, - or _' })
  nonce?: string;

  @ApiProperty({
    example: '3f1c…(64 hex chars)',
    description: 'HMAC-SHA256, see docs/panel-contract.md',
  })
  @IsString()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'signature must be 64 hexadecimal characters' })
  signature!: string;
}

export class ValidateLicenseResponseDto {
  @ApiProperty({ example: true }) valid!: boolean;
  @ApiPropertyOptional({
    example: 4,
    description: 'How many more may be created, this one included (MB of disk for use_disk)',
  })
  remaining_quota?: number;
  @ApiPropertyOptional({ example: 'Database quota reached (10 of 10)' }) error?: string;
}
