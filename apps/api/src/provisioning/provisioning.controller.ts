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
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorRef, Auth, AuthenticatedUser, CurrentUser } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseIdPipe } from '../common/validation/id-params';
import { Idempotent } from '../idempotency/idempotent.decorator';
import {
  AccountEventResponseDto,
  HostingAccountListQueryDto,
  HostingAccountPageDto,
  HostingAccountResponseDto,
  HostingAccountStatsResponseDto,
  ProvisionAccountDto,
  ProvisionAccountResponseDto,
  SuspendAccountDto,
  AccountActionResponseDto,
  AccountActionResultDto,
  AccountNoticeDto,
  ChangePlanDto,
  ResetPanelPasswordDto,
  TerminateAccountQueryDto,
} from './dto/provision.dto';
import { AccountActionOutcome, AccountLifecycle } from './account-lifecycle.service';
import { ProvisioningService } from './provisioning.service';

const LIFECYCLE_NOTE =
  'The action is queued durably and run at once; 200 when done. If the panel is unreachable the queue retries with ' +
  'backoff and the answer is 202 with the action `queued`; follow it in `GET /nextpanel/accounts/{id}/actions`. ' +
  'One action per account runs at a time: a different one meanwhile is 409 ACCOUNT_ACTION_IN_PROGRESS.';
const ACCEPTED_NOTE = 'Queued: the panel did not confirm yet and the job queue is retrying';

@ApiTags('provisioning')
@Auth('admin')
@Controller('nextpanel')
export class ProvisioningController {
  constructor(
    private readonly provisioning: ProvisioningService,
    private readonly lifecycle: AccountLifecycle,
  ) {}

  @Post('provision')
  @Idempotent()
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
    return this.provisioning.provision(body, actorRef(user));
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
  @ApiOperation({
    summary: 'Suspend an active account on its panel (idempotent; through the job queue)',
    description: LIFECYCLE_NOTE,
  })
  @ApiOkResponse({ type: AccountActionResultDto })
  @ApiAcceptedResponse({ type: AccountActionResultDto, description: ACCEPTED_NOTE })
  @ApiErrorResponses(400, 404, 409, 502)
  async suspend(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: SuspendAccountDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AccountActionResultDto> {
    return answer(response, await this.lifecycle.request(id, 'suspend', body));
  }

  @Post('accounts/:id/unsuspend')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Unsuspend a suspended account (idempotent; through the job queue)',
    description: LIFECYCLE_NOTE,
  })
  @ApiOkResponse({ type: AccountActionResultDto })
  @ApiAcceptedResponse({ type: AccountActionResultDto, description: ACCEPTED_NOTE })
  @ApiErrorResponses(400, 404, 409, 502)
  async unsuspend(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: AccountNoticeDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AccountActionResultDto> {
    return answer(response, await this.lifecycle.request(id, 'unsuspend', body));
  }

  @Post('accounts/:id/change-plan')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Upgrade or downgrade: push the plan’s package and quotas to the panel, move the license',
    description:
      LIFECYCLE_NOTE +
      ' The license takes the new plan’s quotas (so the quota call-back enforces them) and its subscription renews at the new plan’s price.',
  })
  @ApiOkResponse({ type: AccountActionResultDto })
  @ApiAcceptedResponse({ type: AccountActionResultDto, description: ACCEPTED_NOTE })
  @ApiErrorResponses(400, 404, 409, 502)
  async changePlan(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ChangePlanDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AccountActionResultDto> {
    return answer(response, await this.lifecycle.request(id, 'change_plan', body));
  }

  @Post('accounts/:id/reset-password')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Give the panel account a new generated password and email it to the customer',
    description: LIFECYCLE_NOTE + ' The password is never returned or stored by billing.',
  })
  @ApiOkResponse({ type: AccountActionResultDto })
  @ApiAcceptedResponse({ type: AccountActionResultDto, description: ACCEPTED_NOTE })
  @ApiErrorResponses(400, 404, 409, 502)
  async resetPassword(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ResetPanelPasswordDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AccountActionResultDto> {
    return answer(response, await this.lifecycle.request(id, 'reset_password', body));
  }

  @Get('accounts/:id/actions')
  @ApiOperation({
    summary: 'Lifecycle actions asked for the account, newest first, with their outcome',
  })
  @ApiOkResponse({ type: [AccountActionResponseDto] })
  @ApiErrorResponses(400, 404)
  actions(@Param('id', ParseIdPipe) id: number): Promise<AccountActionResponseDto[]> {
    return this.lifecycle.list(id);
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
      'Terminate: delete on the panel, free the slot, keep the record as terminated (idempotent; through the job queue)',
    description: LIFECYCLE_NOTE,
  })
  @ApiOkResponse({ type: AccountActionResultDto })
  @ApiAcceptedResponse({ type: AccountActionResultDto, description: ACCEPTED_NOTE })
  @ApiErrorResponses(400, 404, 409, 502)
  async terminate(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: TerminateAccountQueryDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AccountActionResultDto> {
    return answer(
      response,
      await this.lifecycle.request(id, 'terminate', { reason: query.reason }),
    );
  }
}

function answer(response: FastifyReply, outcome: AccountActionOutcome): AccountActionResultDto {
  if (!outcome.done) response.status(HttpStatus.ACCEPTED);
  return outcome.result;
}
