import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseIdPipe } from '../common/validation/id-params';
import { Idempotent } from '../idempotency/idempotent.decorator';
import {
  LicenseEventResponseDto,
  LicenseRenewalDto,
  LicenseRenewalResponseDto,
  LicenseStatusChangeDto,
  LicenseStatusChangeResponseDto,
} from './dto/license-lifecycle.dto';
import { LicenseLifecycle } from './license-lifecycle.service';

@ApiTags('licenses')
@Auth('admin')
@Controller('licenses/:id')
export class LicenseLifecycleController {
  constructor(private readonly lifecycle: LicenseLifecycle) {}

  @Post('suspend')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Suspend a license (the quota call-back then refuses it) and, by default, its accounts',
  })
  @ApiOkResponse({ type: LicenseStatusChangeResponseDto })
  @ApiErrorResponses(400, 404, 409)
  suspend(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: LicenseStatusChangeDto,
  ): Promise<LicenseStatusChangeResponseDto> {
    return this.lifecycle.change(id, 'suspended', {
      reason: body.reason,
      includeAccounts: body.include_accounts ?? true,
      suspensionKind: body.suspension_kind,
    });
  }

  @Post('reactivate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Make a suspended or expired license active again and, by default, unsuspend its accounts',
  })
  @ApiOkResponse({ type: LicenseStatusChangeResponseDto })
  @ApiErrorResponses(400, 404, 409)
  reactivate(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: LicenseStatusChangeDto,
  ): Promise<LicenseStatusChangeResponseDto> {
    return this.lifecycle.change(id, 'active', {
      reason: body.reason,
      includeAccounts: body.include_accounts ?? true,
    });
  }

  @Post('cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Cancel a license for good; with include_accounts its accounts are terminated',
  })
  @ApiOkResponse({ type: LicenseStatusChangeResponseDto })
  @ApiErrorResponses(400, 404, 409)
  cancel(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: LicenseStatusChangeDto,
  ): Promise<LicenseStatusChangeResponseDto> {
    return this.lifecycle.change(id, 'cancelled', {
      reason: body.reason,
      includeAccounts: body.include_accounts ?? false,
    });
  }

  @Post('renew')
  @HttpCode(HttpStatus.OK)
  @Idempotent()
  @ApiOperation({
    summary: 'Record a renewal paid outside Stripe: the period moves on one billing cycle',
    description:
      'Records a manual payment at the subscription’s price and emails the receipt; the automation then reactivates ' +
      'the license and lifts the suspensions non-payment caused (never an admin’s). 409 for a Stripe-billed, ' +
      'cancelled or subscription-less license. Send an Idempotency-Key so a retried request records one payment.',
  })
  @ApiOkResponse({ type: LicenseRenewalResponseDto })
  @ApiErrorResponses(400, 404, 409)
  renew(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: LicenseRenewalDto,
  ): Promise<LicenseRenewalResponseDto> {
    return this.lifecycle.renewManually(id, body.reference ?? null);
  }

  @Get('events')
  @ApiOperation({ summary: 'Every status change of the license, newest first, with who caused it' })
  @ApiOkResponse({ type: [LicenseEventResponseDto] })
  @ApiErrorResponses(400, 404)
  events(@Param('id', ParseIdPipe) id: number): Promise<LicenseEventResponseDto[]> {
    return this.lifecycle.events(id);
  }
}
