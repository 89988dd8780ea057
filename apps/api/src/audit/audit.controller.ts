import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { AuditLog } from './audit-log.service';
import { AuditListQueryDto, AuditPageDto } from './dto/audit.dto';

@ApiTags('audit')
@Auth('admin')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({
    summary:
      'Every change to the data: who (admin, API key or automation), what, when, from which IP',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrorResponses(400)
  list(@Query() query: AuditListQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
