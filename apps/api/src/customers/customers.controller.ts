import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
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
import { CustomersService } from './customers.service';
import {
  CreateCustomerDto,
  CustomerDetailsResponseDto,
  CustomerListQueryDto,
  CustomerPageDto,
  CustomerResponseDto,
  UpdateCustomerDto,
} from './dto/customer.dto';

const CUSTOMER_ID = { name: 'id', type: Number, example: 2 };

/**
 * There is deliberately no DELETE: licenses and hosting accounts hang on a customer, so customers
 * are deactivated (`PATCH {"is_active": false}`), never deleted.
 */
@ApiTags('customers')
@Auth(UserRole.Admin)
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Create a customer who can sign in with the given password',
    description:
      '409 `CUSTOMER_EMAIL_TAKEN` when any user already has the email, in any letter case.',
  })
  @ApiCreatedResponse({ type: CustomerResponseDto })
  @ApiErrorResponses(400, 409)
  create(@Body() body: CreateCustomerDto): Promise<CustomerResponseDto> {
    return this.customers.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List customers: search, filter by active, sort, paginate' })
  @ApiOkResponse({ type: CustomerPageDto })
  @ApiErrorResponses(400)
  list(@Query() query: CustomerListQueryDto): Promise<CustomerPageDto> {
    return this.customers.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A customer with all their licenses and provisioned hosting accounts' })
  @ApiParam(CUSTOMER_ID)
  @ApiOkResponse({ type: CustomerDetailsResponseDto })
  @ApiErrorResponses(400, 404)
  get(@Param('id', ParseIdPipe) id: number): Promise<CustomerDetailsResponseDto> {
    return this.customers.getDetails(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a customer, or deactivate them with `is_active: false`',
    description:
      'Send any subset of the fields. A new password replaces the old one; a new email must be free ' +
      '(409 `CUSTOMER_EMAIL_TAKEN`). Customers are never deleted, because licenses and hosting accounts ' +
      'refer to them: deactivate instead. A deactivated customer cannot sign in and their existing ' +
      'tokens stop working at once; `is_active: true` restores access.',
  })
  @ApiParam(CUSTOMER_ID)
  @ApiOkResponse({ type: CustomerResponseDto })
  @ApiErrorResponses(400, 404, 409)
  update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateCustomerDto,
  ): Promise<CustomerResponseDto> {
    return this.customers.update(id, body);
  }
}
