import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { UserRole } from '@nextpanel/shared';
import { Auth } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseIdPipe } from '../common/validation/id-params';
import { Idempotent } from '../idempotency/idempotent.decorator';
import {
  CreateLicenseDto,
  LicenseListQueryDto,
  LicensePageDto,
  LicenseResponseDto,
} from './dto/license.dto';
import { LicensesService } from './licenses.service';

@ApiTags('licenses')
@Auth(UserRole.Admin)
@Controller('licenses')
export class LicensesController {
  constructor(private readonly licenses: LicensesService) {}

  @Get()
  @ApiOperation({
    summary: 'List licenses, newest first',
    description: 'Filter by status, customer, or part of the license key.',
  })
  @ApiOkResponse({ type: LicensePageDto })
  @ApiErrorResponses(400)
  list(@Query() query: LicenseListQueryDto): Promise<LicensePageDto> {
    return this.licenses.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One license with its plan and subscription' })
  @ApiParam({ name: 'id', type: Number, example: 1 })
  @ApiOkResponse({ type: LicenseResponseDto })
  @ApiErrorResponses(400, 404)
  get(@Param('id', ParseIdPipe) id: number): Promise<LicenseResponseDto> {
    return this.licenses.get(id);
  }
}

/** Selling a license is done from the customer, as the guide's step 3 does. */
@ApiTags('licenses')
@Auth(UserRole.Admin)
@Controller('customers/:customerId/licenses')
export class CustomerLicensesController {
  constructor(private readonly licenses: LicensesService) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Add a product: sell a plan to a customer',
    description:
      'Creates a license with a new `NP-XXXX-XXXX-XXXX` key and the plan’s quotas copied, and (unless ' +
      '`create_subscription: false`) an active subscription at the plan’s price for the billing cycle, ' +
      'paid until one month or one year from now, in one transaction. ' +
      '404 for an unknown customer or plan; 409 `CUSTOMER_INACTIVE` or `PLAN_INACTIVE` when either is deactivated.',
  })
  @ApiParam({ name: 'customerId', type: Number, example: 2 })
  @ApiCreatedResponse({ type: LicenseResponseDto })
  @ApiErrorResponses(400, 404, 409)
  create(
    @Param('customerId', ParseIdPipe) customerId: number,
    @Body() body: CreateLicenseDto,
  ): Promise<LicenseResponseDto> {
    return this.licenses.create(customerId, body);
  }
}
