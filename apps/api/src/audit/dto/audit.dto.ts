import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUDIT_ACTOR_TYPES,
  AuditActorType,
  AuditEntryResponse,
  AuditListQuery,
} from '@nextpanel/shared';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination/page.dto';

export class AuditListQueryDto extends PageQueryDto implements AuditListQuery {
  @ApiPropertyOptional({ enum: AUDIT_ACTOR_TYPES })
  @IsOptional()
  @IsIn(AUDIT_ACTOR_TYPES)
  actor_type?: AuditActorType;

  @ApiPropertyOptional({ example: 'admin@test.com', description: 'Part of the actor label' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  actor?: string;

  @ApiPropertyOptional({
    example: 'account.',
    description: 'An exact action (`account.suspend`) or a prefix ending in a dot (`account.`)',
  })
  @IsOptional()
  @Matches(/^[a-z_]+(\.[a-z_]*)*$/, { message: 'action must look like entity.verb or entity.' })
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ example: 'account' })
  @IsOptional()
  @Matches(/^[a-z_]{1,50}$/, { message: 'entity_type must be lower-case letters and underscores' })
  entity_type?: string;

  @ApiPropertyOptional({ example: '42' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entity_id?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditEntryResponseDto implements AuditEntryResponse {
  @ApiProperty({ example: '1042' }) id!: string;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) occurred_at!: string;
  @ApiProperty({ enum: AUDIT_ACTOR_TYPES, example: 'admin' }) actor_type!: AuditActorType;
  @ApiProperty({ example: '1', nullable: true, type: String }) actor_id!: string | null;
  @ApiProperty({ example: 'admin@test.com' }) actor_label!: string;
  @ApiProperty({ example: 'account.suspend' }) action!: string;
  @ApiProperty({ example: 'account' }) entity_type!: string;
  @ApiProperty({ example: '7', nullable: true, type: String }) entity_id!: string | null;
  @ApiProperty({ example: { status: 'active' }, nullable: true, type: Object })
  before!: Record<string, unknown> | null;
  @ApiProperty({
    example: { status: 'suspended', status_reason: 'Abuse report' },
    nullable: true,
    type: Object,
  })
  after!: Record<string, unknown> | null;
  @ApiProperty({ example: '203.0.113.9', nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ example: 'b1c2…', nullable: true, type: String }) request_id!: string | null;
}

export class AuditPageDto extends PageMetaDto {
  @ApiProperty({ type: [AuditEntryResponseDto] })
  items!: AuditEntryResponseDto[];
}
