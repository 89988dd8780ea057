import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthenticatedUser, CurrentUser } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseIdPipe } from '../common/validation/id-params';
import {
  AccountEventResponseDto,
  HostingAccountListQueryDto,
  HostingAccountPageDto,
  HostingAccountResponseDto,
  HostingAccountStatsResponseDto,
  HostingAccountSummaryDto,
  ProvisionAccountDto,
  ProvisionAccountResponseDto,
  SuspendAccountDto,
} from './dto/provision.dto';
import { ProvisioningService } from './provisioning.service';

@ApiTags('provisioning')
@Auth('admin')
@Controller('nextpanel')
export class ProvisioningController {
  constructor(private readonly provisioning: ProvisioningService) {}

  @Post('provision')
  @ApiOperation({
    summary: 'Create a hosting account on a panel server',
    description:
      'Without `server_id` the least-used active, online server with room is chosen. 409 when there is no capacity or the ' +
      'username exists; 502 with the panel’s reason when the panel fails (the account is then recorded as `failed`).',
  })
  @ApiCreatedResponse({ type: ProvisionAccountResponseDto })
  @ApiErrorResponses(400, 404, 409, 502)
  provision(
    @Body() body: ProvisionAccountDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProvisionAccountResponseDto> {
    return this.provisioning.provision(body, `admin:${user.id}`);
  }

  @Get('accounts')
  @ApiOperation({
    summary: 'Hosting accounts, most recently changed first; filter by status, customer or server',
  })
  @ApiOkResponse({ type: HostingAccountPageDto })
  @ApiErrorResponses(400)
  list(@Query() query: HostingAccountListQueryDto): Promise<HostingAccountPageDto> {
    return this.provisioning.list(query);
  }

  @Get('accounts/:id')
  @ApiOperation({ summary: 'A provisioned account, with what its panel says about it now' })
  @ApiOkResponse({ type: HostingAccountResponseDto })
  @ApiErrorResponses(400, 404)
  get(@Param('id', ParseIdPipe) id: number): Promise<HostingAccountResponseDto> {
    return this.provisioning.get(id);
  }

  @Post('accounts/:id/suspend')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Suspend an active account on its panel (idempotent)' })
  @ApiOkResponse({ type: HostingAccountSummaryDto })
  @ApiErrorResponses(400, 404, 409, 502)
  suspend(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: SuspendAccountDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<HostingAccountSummaryDto> {
    return this.provisioning.suspend(id, body.reason, `admin:${user.id}`);
  }

  @Post('accounts/:id/unsuspend')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Unsuspend a suspended account (idempotent)' })
  @ApiOkResponse({ type: HostingAccountSummaryDto })
  @ApiErrorResponses(400, 404, 409, 502)
  unsuspend(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<HostingAccountSummaryDto> {
    return this.provisioning.unsuspend(id, `admin:${user.id}`);
  }

  @Get('accounts/:id/events')
  @ApiOperation({
    summary: 'Every state change of the account, newest first, with who or what caused it',
  })
  @ApiOkResponse({ type: [AccountEventResponseDto] })
  @ApiErrorResponses(400, 404)
  events(@Param('id', ParseIdPipe) id: number): Promise<AccountEventResponseDto[]> {
    return this.provisioning.events(id);
  }

  @Get('accounts/:id/stats')
  @ApiOperation({ summary: 'Usage statistics from the panel' })
  @ApiOkResponse({ type: HostingAccountStatsResponseDto })
  @ApiErrorResponses(400, 404, 409, 502)
  stats(@Param('id', ParseIdPipe) id: number): Promise<HostingAccountStatsResponseDto> {
    return this.provisioning.stats(id);
  }

  @Delete('accounts/:id')
  @ApiOperation({
    summary:
      'Terminate: delete on the panel, free the slot, keep the record as terminated (idempotent)',
  })
  @ApiOkResponse({ type: HostingAccountSummaryDto })
  @ApiErrorResponses(400, 404, 409, 502)
  terminate(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<HostingAccountSummaryDto> {
    return this.provisioning.terminate(id, `admin:${user.id}`);
  }
}
