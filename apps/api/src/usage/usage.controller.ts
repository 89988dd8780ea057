import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UserRole } from '@nextpanel/shared';
import { Auth, AuthenticatedUser, CurrentUser } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseIdPipe } from '../common/validation/id-params';
import {
  AccountUsageQueryDto,
  AccountUsageResponseDto,
  UpdateUsageSettingsDto,
  UsageSettingsDto,
} from './dto/usage.dto';
import { UsageSettingsService } from './usage-settings.service';
import { UsageService } from './usage.service';

const USAGE_DESCRIPTION =
  'The latest sample against the license’s quotas, and the samples over [from, to] (default: the last 7 days). ' +
  'Ranges with more than 500 samples come back as per-bucket peaks (`bucket_seconds`).';

@ApiTags('usage')
@Auth(UserRole.Admin)
@Controller('nextpanel/accounts')
export class AccountUsageController {
  constructor(private readonly usage: UsageService) {}

  @Get(':id/usage')
  @ApiOperation({ summary: 'Usage history of a hosting account', description: USAGE_DESCRIPTION })
  @ApiOkResponse({ type: AccountUsageResponseDto })
  @ApiErrorResponses(400, 404)
  usageOf(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: AccountUsageQueryDto,
  ): Promise<AccountUsageResponseDto> {
    return this.usage.accountUsage(id, query);
  }
}

/** The signed-in customer's own accounts only: another customer's account id is a 404. */
@ApiTags('my account')
@Auth(UserRole.Customer)
@Controller('my/accounts')
export class MyAccountUsageController {
  constructor(private readonly usage: UsageService) {}

  @Get(':id/usage')
  @ApiOperation({
    summary: 'Usage history of one of my hosting accounts',
    description: USAGE_DESCRIPTION,
  })
  @ApiOkResponse({ type: AccountUsageResponseDto })
  @ApiErrorResponses(400, 404)
  myUsage(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: AccountUsageQueryDto,
  ): Promise<AccountUsageResponseDto> {
    return this.usage.accountUsage(id, query, user.id);
  }
}

@ApiTags('usage')
@Auth(UserRole.Admin)
@Controller('usage/settings')
export class UsageSettingsController {
  constructor(private readonly settings: UsageSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'When customers are warned about their usage' })
  @ApiOkResponse({ type: UsageSettingsDto })
  get(): Promise<UsageSettingsDto> {
    return this.settings.read();
  }

  @Patch()
  @ApiOperation({
    summary: 'Change the usage warning threshold or its hysteresis (audited)',
    description:
      'Defaults come from `USAGE_WARNING_PERCENT` and `USAGE_WARNING_HYSTERESIS_PERCENT`.',
  })
  @ApiOkResponse({ type: UsageSettingsDto })
  @ApiErrorResponses(400)
  update(@Body() body: UpdateUsageSettingsDto): Promise<UsageSettingsDto> {
    return this.settings.update(body);
  }
}
