import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LICENSE_STATUSES,
  LicenseEventResponse,
  LicenseRenewalRequest,
  LicenseRenewalResponse,
  LicenseStatus,
  LicenseStatusChangeRequest,
  LicenseStatusChangeResponse,
  SUSPENSION_KINDS,
  SuspensionKind,
} from '@nextpanel/shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LicenseStatusChangeDto implements LicenseStatusChangeRequest {
  @ApiPropertyOptional({ example: 'Chargeback received', maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({
    description:
      'Carry the change to the license’s hosting accounts (suspend → suspend them, reactivate → unsuspend them, ' +
      'cancel → terminate them). Default true for suspend and reactivate, false for cancel.',
  })
  @IsOptional()
  @IsBoolean()
  include_accounts?: boolean;

  @ApiPropertyOptional({
    enum: SUSPENSION_KINDS,
    default: 'admin',
    description:
      'Suspend only: `non_payment` account suspensions are lifted by the next payment, `admin` ones only by an administrator',
  })
  @IsOptional()
  @IsIn(SUSPENSION_KINDS)
  suspension_kind?: SuspensionKind;
}

class AccountOutcomeDto {
  @ApiProperty({ example: 12 }) account_id!: number;
  @ApiProperty({ enum: ['done', 'queued', 'skipped'], example: 'done' })
  outcome!: 'done' | 'queued' | 'skipped';
  @ApiProperty({ example: null, nullable: true, type: String }) detail!: string | null;
}

export class LicenseStatusChangeResponseDto implements LicenseStatusChangeResponse {
  @ApiProperty({ example: 1 }) license_id!: number;
  @ApiProperty({ enum: LICENSE_STATUSES, example: 'suspended' }) status!: LicenseStatus;
  @ApiProperty({ type: [AccountOutcomeDto] }) accounts!: AccountOutcomeDto[];
}

export class LicenseEventResponseDto implements LicenseEventResponse {
  @ApiProperty({ example: '9' }) id!: string;
  @ApiProperty({ example: 'active', nullable: true, type: String }) from_status!: string | null;
  @ApiProperty({ example: 'suspended' }) to_status!: string;
  @ApiProperty({ example: 'admin:1' }) actor!: string;
  @ApiProperty({ example: 'Chargeback received', nullable: true, type: String })
  reason!: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) created_at!: string;
}

export class LicenseRenewalDto implements LicenseRenewalRequest {
  @ApiPropertyOptional({ example: 'Bank transfer 2026-11-26 #4471', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference?: string;
}

export class LicenseRenewalResponseDto implements LicenseRenewalResponse {
  @ApiProperty({ example: 1 }) license_id!: number;
  @ApiProperty({ example: 17 }) payment_id!: number;
  @ApiProperty({ example: '2026-12-26T10:00:00.000Z' }) current_period_start!: string;
  @ApiProperty({ example: '2027-01-26T10:00:00.000Z' }) current_period_end!: string;
}
