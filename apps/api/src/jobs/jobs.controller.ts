import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseBigIntIdPipe } from './parse-bigint-id.pipe';
import { JobListQueryDto, JobPageDto, JobResponseDto } from './dto/job.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Auth('admin')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({
    summary: 'The background job queue (provisioning, emails), newest activity first',
  })
  @ApiOkResponse({ type: JobPageDto })
  @ApiErrorResponses(400)
  list(@Query() query: JobListQueryDto): Promise<JobPageDto> {
    return this.jobs.list(query);
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Run a failed job again with a fresh set of attempts' })
  @ApiOkResponse({ type: JobResponseDto })
  @ApiErrorResponses(400, 404, 409)
  retry(@Param('id', ParseBigIntIdPipe) id: string): Promise<JobResponseDto> {
    return this.jobs.retry(id);
  }
}
