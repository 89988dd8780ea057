import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACCOUNT_ACTION_STATUSES,
  ACCOUNT_ACTION_TYPES,
  AccountActionResponse,
  AccountActionResult,
  AccountActionStatus,
  AccountActionType,
  AccountEventResponse,
  ChangePlanRequest,
  EMAIL_MAX_LENGTH,
  ResetPanelPasswordRequest,
  SUSPENSION_KINDS,
  SuspensionKind,
  UnsuspendAccountRequest,
  HOSTING_ACCOUNT_STATUSES,
  HostingAccountResponse,
  HostingAccountListQuery,
  HostingAccountStatsResponse,
  HostingAccountStatus,
  HostingAccountSummary,
  PANEL_USERNAME_PATTERN,
  PANEL_USERNAME_RULE,
  ProvisionAccountRequest,
  ProvisionAccountResponse,
  STRONG_PASSWORD_PATTERN,
  STRONG_PASSWORD_RULE,
  SuspendAccountRequest,
} from '@nextpanel/shared';
import { Transform, Type } from 'class-transformer';
import { PageMetaDto, PageQueryDto } from '../../common/pagination/page.dto';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  IsUUID,
} from 'class-validator';
import { INT4_MAX } from '../../common/validation/limits';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ProvisionAccountDto implements ProvisionAccountRequest {
  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  customer_id!: number;

  @ApiProperty({ example: 'johndoe', description: PANEL_USERNAME_RULE })
  @IsString()
  @Matches(PANEL_USERNAME_PATTERN, { message: PANEL_USERNAME_RULE })
  username!: string;

  @ApiPropertyOptional({
    example: 'customer@example.com',
    description: 'Defaults to the customer’s email',
  })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email?: string;

  @ApiProperty({
    example: 'TempPassword123!',
    description: `${STRONG_PASSWORD_RULE}. Sent to the panel; never stored or logged.`,
    writeOnly: true,
  })
  @IsString()
  @Matches(STRONG_PASSWORD_PATTERN, { message: STRONG_PASSWORD_RULE })
  password!: string;

  @ApiPropertyOptional({ example: 'John Doe', description: 'Defaults to the customer’s name' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  full_name?: string;

  @ApiPropertyOptional({ example: '+1234567890', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ example: 'Acme Inc', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  company?: string | null;

  @ApiPropertyOptional({
    example: 1,
    nullable: true,
    description: 'Panel package; defaults to the license plan’s package',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  package_id?: number | null;

  @ApiPropertyOptional({
    example: 1,
    nullable: true,
    description: 'Omit to choose the least-used active, online server with room',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  server_id?: number | null;

  @ApiPropertyOptional({
    example: 1,
    nullable: true,
    description: 'One of the customer’s active licenses; its quotas go to the panel',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  license_id?: number | null;
}

export class ProvisionAccountResponseDto implements ProvisionAccountResponse {
  @ApiProperty({ example: true, enum: [true] }) success!: true;
  @ApiProperty({ example: 123 }) account_id!: number;
  @ApiProperty({ example: 'Production Server 1' }) server_name!: string;
  @ApiProperty({ example: 'http://localhost:3000' }) server_url!: string;
  @ApiProperty({ example: 456 }) nextpanel_user_id!: number;
  @ApiProperty({ example: 'johndoe' }) username!: string;
}

export class SuspendAccountDto implements SuspendAccountRequest {
  @ApiProperty({ example: 'Payment overdue', maxLength: 500 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({
    enum: SUSPENSION_KINDS,
    default: 'admin',
    description:
      '`non_payment` suspensions are lifted automatically when the customer pays; `admin` ones only by an administrator',
  })
  @IsOptional()
  @IsIn(SUSPENSION_KINDS)
  suspension_kind?: SuspensionKind;

  @ApiPropertyOptional({ default: true, description: 'Email the customer about it' })
  @IsOptional()
  @IsBoolean()
  notify_customer?: boolean;
}

export class AccountNoticeDto implements UnsuspendAccountRequest {
  @ApiPropertyOptional({ default: true, description: 'Email the customer about it' })
  @IsOptional()
  @IsBoolean()
  notify_customer?: boolean;
}

export class TerminateAccountQueryDto {
  @ApiPropertyOptional({ example: 'Cancelled by the customer', maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}

export class ChangePlanDto implements ChangePlanRequest {
  @ApiProperty({ example: '5d0c7f9e-2c1a-4b6e-9a51-1f3e8c2b7a40', format: 'uuid' })
  @IsUUID()
  plan_id!: string;

  @ApiPropertyOptional({ default: true, description: 'Email the customer about it' })
  @IsOptional()
  @IsBoolean()
  notify_customer?: boolean;
}

export class ResetPanelPasswordDto implements ResetPanelPasswordRequest {
  @ApiPropertyOptional({
    default: true,
    description: 'Email the new password to the customer. It is never returned by the API.',
  })
  @IsOptional()
  @IsBoolean()
  notify_customer?: boolean;
}

export class HostingAccountSummaryDto implements HostingAccountSummary {
  @ApiProperty({ example: 123 }) id!: number;
  @ApiProperty({ example: 2 }) customer_id!: number;
  @ApiProperty({ example: 1 }) server_id!: number;
  @ApiProperty({ example: 'Production Server 1' }) server_name!: string;
  @ApiProperty({ example: 'http://localhost:3000' }) server_url!: string;
  @ApiProperty({ example: 1, nullable: true, type: Number }) license_id!: number | null;
  @ApiProperty({ example: 'johndoe' }) username!: string;
  @ApiProperty({ example: 'customer@example.com' }) email!: string;
  @ApiProperty({ example: 456, nullable: true, type: Number }) nextpanel_user_id!: number | null;
  @ApiProperty({ example: 2, nullable: true, type: Number }) package_id!: number | null;
  @ApiProperty({ enum: HOSTING_ACCOUNT_STATUSES, example: 'active' }) status!: HostingAccountStatus;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'Why it failed, is suspended or was terminated',
  })
  status_reason!: string | null;
  @ApiProperty({ enum: SUSPENSION_KINDS, nullable: true, example: null })
  suspension_kind!: SuspensionKind | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) updated_at!: string;
}

class PanelViewDto {
  @ApiProperty({ example: true }) reachable!: boolean;
  @ApiProperty({ example: 'active', nullable: true, type: String }) status!: string | null;
  @ApiPropertyOptional({ example: 'could not be reached (connection refused)' }) error?: string;
}

export class HostingAccountResponseDto
  extends HostingAccountSummaryDto
  implements HostingAccountResponse
{
  @ApiProperty({
    type: PanelViewDto,
    description: 'What the panel says about the account right now',
  })
  panel!: PanelViewDto;
}

export class HostingAccountStatsResponseDto implements HostingAccountStatsResponse {
  @ApiProperty({ example: 123 }) account_id!: number;
  @ApiProperty({ example: 456 }) user_id!: number;
  @ApiProperty({ example: 'johndoe' }) username!: string;
  @ApiProperty({ example: 'customer@example.com' }) email!: string;
  @ApiProperty({ example: 3 }) total_domains!: number;
  @ApiProperty({ example: 5 }) total_databases!: number;
  @ApiProperty({ example: 10 }) total_email_accounts!: number;
  @ApiProperty({ example: 2 }) total_ssl_certificates!: number;
  @ApiProperty({ example: 0 }) storage_used!: number;
  @ApiProperty({ example: '2025-10-11T10:30:00', nullable: true, type: String }) last_login!:
    string | null;
  @ApiProperty({ example: 30 }) account_age_days!: number;
}

export class HostingAccountListQueryDto extends PageQueryDto implements HostingAccountListQuery {
  @ApiPropertyOptional({ enum: HOSTING_ACCOUNT_STATUSES })
  @IsOptional()
  @IsIn(HOSTING_ACCOUNT_STATUSES)
  status?: HostingAccountStatus;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  customer_id?: number;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  server_id?: number;
}

export class HostingAccountPageDto extends PageMetaDto {
  @ApiProperty({ type: [HostingAccountSummaryDto] })
  items!: HostingAccountSummaryDto[];
}

export class AccountEventResponseDto implements AccountEventResponse {
  @ApiProperty({ example: '17' }) id!: string;
  @ApiProperty({ example: 'active', nullable: true, type: String }) from_status!: string | null;
  @ApiProperty({ example: 'suspended' }) to_status!: string;
  @ApiProperty({
    example: 'admin:1',
    description: '`admin:<id>`, `customer:<id>` or `system:<what>`',
  })
  actor!: string;
  @ApiProperty({ example: 'Payment overdue', nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) created_at!: string;
}

export class AccountActionResponseDto implements AccountActionResponse {
  @ApiProperty({ example: '31' }) id!: string;
  @ApiProperty({ example: 123 }) account_id!: number;
  @ApiProperty({ enum: ACCOUNT_ACTION_TYPES, example: 'suspend' }) action!: AccountActionType;
  @ApiProperty({ enum: ACCOUNT_ACTION_STATUSES, example: 'succeeded' })
  status!: AccountActionStatus;
  @ApiProperty({ example: { reason: 'Payment overdue', suspension_kind: 'admin' } })
  params!: Record<string, unknown>;
  @ApiProperty({ example: 'admin:1' }) requested_by!: string;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiProperty({ example: null, nullable: true, type: String }) last_error!: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-26T10:00:01.000Z', nullable: true, type: String })
  finished_at!: string | null;
}

export class AccountActionResultDto
  extends HostingAccountSummaryDto
  implements AccountActionResult
{
  @ApiProperty({
    type: AccountActionResponseDto,
    nullable: true,
    description: 'The queued action; null when the account already was in the requested state',
  })
  action!: AccountActionResponseDto | null;
}
