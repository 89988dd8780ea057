import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UserRole } from '@nextpanel/shared';
import { RefuseApiKeys } from '../api-keys/api-key-access';
import { Auth } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseBigIntIdPipe } from '../jobs/parse-bigint-id.pipe';
import { AutomationRunsService } from './automation-runs.service';
import { AutomationSettingsService } from './automation-settings.service';
import {
  AutomationRunDetailResponseDto,
  AutomationRunListQueryDto,
  AutomationRunPageDto,
  AutomationRunResponseDto,
  AutomationSettingsDto,
  UpdateAutomationSettingsDto,
} from './dto/automation.dto';

/**
 * The billing automation (expiry warnings, renewal reminders, overdue suspension, expiry,
 * termination, reactivation on payment): its settings and its runs. Admins only; API keys are
 * refused, since these settings decide when customers' accounts are suspended or deleted.
 */
@ApiTags('automation')
@Auth(UserRole.Admin)
@RefuseApiKeys()
@Controller('automation')
export class AutomationController {
  constructor(
    private readonly runs: AutomationRunsService,
    private readonly settings: AutomationSettingsService,
  ) {}

  @Get('settings')
  @ApiOperation({ summary: 'What the automation does, and after how many days' })
  @ApiOkResponse({ type: AutomationSettingsDto })
  getSettings(): Promise<AutomationSettingsDto> {
    return this.settings.read();
  }

  @Put('settings')
  @ApiOperation({
    summary: 'Change the automation settings (audited)',
    description:
      'Fields left out keep their value. Defaults come from the `AUTOMATION_*` environment variables.',
  })
  @ApiOkResponse({ type: AutomationSettingsDto })
  @ApiErrorResponses(400)
  updateSettings(@Body() body: UpdateAutomationSettingsDto): Promise<AutomationSettingsDto> {
    return this.settings.update(body);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Automation runs, newest first: when, why, how they ended, counts' })
  @ApiOkResponse({ type: AutomationRunPageDto })
  @ApiErrorResponses(400)
  listRuns(@Query() query: AutomationRunListQueryDto): Promise<AutomationRunPageDto> {
    return this.runs.list(query);
  }

  @Get('runs/:id')
  @ApiOperation({
    summary: 'One run with every item: what it did per license and account, and what failed',
  })
  @ApiOkResponse({ type: AutomationRunDetailResponseDto })
  @ApiErrorResponses(400, 404)
  getRun(@Param('id', ParseBigIntIdPipe) id: string): Promise<AutomationRunDetailResponseDto> {
    return this.runs.get(id);
  }

  @Post('run')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Run the automation now',
    description:
      'Queues a run judged against the moment it starts; follow it with `GET /automation/runs/{id}`. ' +
      'One run at a time: 409 `AUTOMATION_RUN_IN_PROGRESS` while one is queued or running, ' +
      '409 `AUTOMATION_DISABLED` when the automation is switched off.',
  })
  @ApiAcceptedResponse({ type: AutomationRunResponseDto })
  @ApiErrorResponses(409)
  runNow(): Promise<AutomationRunResponseDto> {
    return this.runs.request();
  }
}
