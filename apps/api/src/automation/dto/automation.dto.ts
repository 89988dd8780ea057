import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUTOMATION_ITEM_KINDS,
  AUTOMATION_ITEM_OUTCOMES,
  AUTOMATION_RUN_STATUSES,
  AUTOMATION_SETTING_LIMITS,
  AUTOMATION_TRIGGERS,
  AutomationItemKind,
  AutomationItemOutcome,
  AutomationRunDetailResponse,
  AutomationRunItemResponse,
  AutomationRunListQuery,
  AutomationRunResponse,
  AutomationRunStatus,
  AutomationSettings,
  AutomationTrigger,
  UpdateAutomationSettingsRequest,
} from '@nextpanel/shared';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination/page.dto';
import { IsOptionalNotNull, queryBoolean } from '../../common/validation/transforms';

const LIMITS = AUTOMATION_SETTING_LIMITS;

export class AutomationSettingsDto implements AutomationSettings {
  @ApiProperty({ example: true, description: 'Off: nothing runs automatically' })
  enabled!: boolean;

  @ApiProperty({ example: [7, 1], type: [Number] })
  expiry_warning_days!: number[];

  @ApiProperty({ example: 7 }) renewal_reminder_days!: number;
  @ApiProperty({ example: true }) suspend_enabled!: boolean;
  @ApiProperty({ example: 3 }) suspend_after_days_overdue!: number;
  @ApiProperty({ example: true }) unsuspend_on_payment!: boolean;
  @ApiProperty({ example: false }) terminate_enabled!: boolean;
  @ApiProperty({ example: 30 }) terminate_after_days_suspended!: number;
}

export class UpdateAutomationSettingsDto implements UpdateAutomationSettingsRequest {
  @ApiPropertyOptional({ example: true, description: 'Master switch' })
  @IsOptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    example: [7, 1],
    type: [Number],
    description: `Days before a period that will not renew by itself ends that the customer is warned, one email per threshold and period; at most ${LIMITS.expiry_warning_days.maxCount}, each ${LIMITS.expiry_warning_days.min}–${LIMITS.expiry_warning_days.max}; [] for none`,
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(LIMITS.expiry_warning_days.maxCount)
  @IsInt({ each: true })
  @Min(LIMITS.expiry_warning_days.min, { each: true })
  @Max(LIMITS.expiry_warning_days.max, { each: true })
  expiry_warning_days?: number[];

  @ApiPropertyOptional({
    example: 7,
    minimum: LIMITS.renewal_reminder_days.min,
    maximum: LIMITS.renewal_reminder_days.max,
    description: 'Days before an automatic renewal that the customer is reminded; 0 for none',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(LIMITS.renewal_reminder_days.min)
  @Max(LIMITS.renewal_reminder_days.max)
  renewal_reminder_days?: number;

  @ApiPropertyOptional({ example: true, description: 'Suspend overdue licenses and accounts' })
  @IsOptionalNotNull()
  @IsBoolean()
  suspend_enabled?: boolean;

  @ApiPropertyOptional({
    example: 3,
    minimum: LIMITS.suspend_after_days_overdue.min,
    maximum: LIMITS.suspend_after_days_overdue.max,
    description: 'Days after the paid period ended without a renewal before the suspension',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(LIMITS.suspend_after_days_overdue.min)
  @Max(LIMITS.suspend_after_days_overdue.max)
  suspend_after_days_overdue?: number;

  @ApiPropertyOptional({
    example: true,
    description: 'Lift non-payment suspensions when the renewal is paid (never an admin’s own)',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  unsuspend_on_payment?: boolean;

  @ApiPropertyOptional({
    example: false,
    description: 'Terminate accounts left suspended for non-payment (irreversible)',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  terminate_enabled?: boolean;

  @ApiPropertyOptional({
    example: 30,
    minimum: LIMITS.terminate_after_days_suspended.min,
    maximum: LIMITS.terminate_after_days_suspended.max,
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(LIMITS.terminate_after_days_suspended.min)
  @Max(LIMITS.terminate_after_days_suspended.max)
  terminate_after_days_suspended?: number;
}

export class AutomationRunListQueryDto extends PageQueryDto implements AutomationRunListQuery {
  @ApiPropertyOptional({ enum: AUTOMATION_RUN_STATUSES })
  @IsOptional()
  @IsIn(AUTOMATION_RUN_STATUSES)
  status?: AutomationRunStatus;

  @ApiPropertyOptional({ enum: AUTOMATION_TRIGGERS })
  @IsOptional()
  @IsIn(AUTOMATION_TRIGGERS)
  trigger?: AutomationTrigger;

  @ApiPropertyOptional({ type: Boolean, description: 'Only runs that did or tried something' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  with_items?: boolean;
}

export class AutomationRunResponseDto implements AutomationRunResponse {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ enum: AUTOMATION_TRIGGERS, example: 'schedule' }) trigger!: AutomationTrigger;
  @ApiProperty({ enum: AUTOMATION_RUN_STATUSES, example: 'succeeded' })
  status!: AutomationRunStatus;
  @ApiProperty({
    example: '2026-11-26T12:00:00.000Z',
    description: 'The moment dates were judged against (a scheduled run’s time slot)',
  })
  as_of!: string;
  @ApiProperty({ example: 'admin:1', nullable: true, type: String })
  requested_by!: string | null;
  @ApiProperty({ example: '2026-11-26T12:00:01.000Z', nullable: true, type: String })
  started_at!: string | null;
  @ApiProperty({ example: '2026-11-26T12:00:03.500Z', nullable: true, type: String })
  finished_at!: string | null;
  @ApiProperty({ example: 2500, nullable: true, type: Number }) duration_ms!: number | null;
  @ApiProperty({
    example: { expiry_warning: 2, suspend_license: 1, suspend_account: 1 },
    description: 'Actions taken (done or queued), per kind',
    type: Object,
  })
  counts!: Partial<Record<AutomationItemKind, number>>;
  @ApiProperty({ example: 4 }) total_items!: number;
  @ApiProperty({ example: 0 }) failed_items!: number;
  @ApiProperty({ example: 0 }) skipped_items!: number;
  @ApiProperty({ example: null, nullable: true, type: String }) error!: string | null;
  @ApiProperty({ example: '2026-11-26T12:00:00.500Z' }) created_at!: string;
}

export class AutomationAccountActionDto {
  @ApiProperty({ example: '311' }) id!: string;
  @ApiProperty({ example: 'queued' }) status!: string;
  @ApiProperty({ example: 'The panel server is unreachable', nullable: true, type: String })
  last_error!: string | null;
}

export class AutomationRunItemResponseDto implements AutomationRunItemResponse {
  @ApiProperty({ example: '1201' }) id!: string;
  @ApiProperty({ enum: AUTOMATION_ITEM_KINDS, example: 'suspend_account' })
  kind!: AutomationItemKind;
  @ApiProperty({ enum: AUTOMATION_ITEM_OUTCOMES, example: 'done' })
  outcome!: AutomationItemOutcome;
  @ApiProperty({ example: 7, nullable: true, type: Number }) license_id!: number | null;
  @ApiProperty({ example: 'NP-AB12-CD34-EF56', nullable: true, type: String })
  license_key!: string | null;
  @ApiProperty({ example: 12, nullable: true, type: Number }) account_id!: number | null;
  @ApiProperty({ example: 'johndoe', nullable: true, type: String })
  account_username!: string | null;
  @ApiProperty({ example: 7, nullable: true, type: Number }) subscription_id!: number | null;
  @ApiProperty({ example: 2, nullable: true, type: Number }) customer_id!: number | null;
  @ApiProperty({ example: 'john@example.com', nullable: true, type: String })
  customer_email!: string | null;
  @ApiProperty({
    example: 'Payment overdue: the period ended on 2026-11-23 and was not renewed',
    nullable: true,
    type: String,
  })
  detail!: string | null;
  @ApiProperty({ type: AutomationAccountActionDto, nullable: true })
  account_action!: AutomationAccountActionDto | null;
  @ApiProperty({ example: '2026-11-26T12:00:02.000Z' }) created_at!: string;
}

export class AutomationRunDetailResponseDto
  extends AutomationRunResponseDto
  implements AutomationRunDetailResponse
{
  @ApiProperty({ type: [AutomationRunItemResponseDto] })
  items!: AutomationRunItemResponseDto[];
}

export class AutomationRunPageDto extends PageMetaDto {
  @ApiProperty({ type: [AutomationRunResponseDto] })
  items!: AutomationRunResponseDto[];
}
