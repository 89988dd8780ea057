import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JobResponse } from '@nextpanel/shared';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination/page.dto';
import { JOB_STATUSES, JobStatus } from '../job.entity';

export class JobListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: JOB_STATUSES })
  @IsOptional()
  @IsIn(JOB_STATUSES)
  status?: JobStatus;

  @ApiPropertyOptional({ example: 'orders.fulfil' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  queue?: string;
}

export class JobResponseDto implements JobResponse {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: 'orders.fulfil' }) queue!: string;
  @ApiProperty({ example: { order_id: 7 } }) payload!: Record<string, unknown>;
  @ApiProperty({ enum: JOB_STATUSES, example: 'failed' }) status!: JobStatus;
  @ApiProperty({ example: 8 }) attempts!: number;
  @ApiProperty({ example: 8 }) max_attempts!: number;
  @ApiProperty({
    example: 'Server "Production Server 1" could not be reached (connection refused)',
    nullable: true,
    type: String,
  })
  last_error!: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) run_at!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) finished_at!: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) updated_at!: string;
}

export class JobPageDto extends PageMetaDto {
  @ApiProperty({ type: [JobResponseDto] })
  items!: JobResponseDto[];
}
