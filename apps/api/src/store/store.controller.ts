import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { CustomerDetailsResponse, StoreConfigResponse, UserRole } from '@nextpanel/shared';
import { Auth, AuthenticatedUser, CurrentUser, Public } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseIdPipe } from '../common/validation/id-params';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CustomerDetailsResponseDto } from '../customers/dto/customer.dto';
import { CustomersService } from '../customers/customers.service';
import {
  CheckoutDto,
  CheckoutResponseDto,
  OrderListQueryDto,
  OrderPageDto,
  OrderResponseDto,
} from '../orders/dto/order.dto';
import { OrdersService } from '../orders/orders.service';
import { PaymentsService } from '../payments/payments.service';
import { StripeGateway } from '../stripe/stripe-gateway';

class StoreConfigDto implements StoreConfigResponse {
  @ApiProperty({
    example: true,
    description:
      'false: Stripe keys are not configured; orders wait for an admin to mark them paid',
  })
  payments_enabled!: boolean;
}

class PaymentDto {
  @ApiProperty({ example: 3 }) id!: number;
  @ApiProperty({ example: 2 }) customer_id!: number;
  @ApiProperty({ example: 7, nullable: true, type: Number }) order_id!: number | null;
  @ApiProperty({ enum: ['checkout', 'renewal', 'manual'] }) kind!:
    'checkout' | 'renewal' | 'manual';
  @ApiProperty({ enum: ['succeeded', 'failed'] }) status!: 'succeeded' | 'failed';
  @ApiProperty({ example: 14.99 }) amount!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) failure_reason!: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' }) created_at!: string;
}

@ApiTags('store')
@Controller()
export class StoreController {
  constructor(
    private readonly stripe: StripeGateway,
    private readonly orders: OrdersService,
  ) {}

  @Get('store/config')
  @Public()
  @ApiOperation({ summary: 'What the storefront needs to know: whether online payments are on' })
  @ApiOkResponse({ type: StoreConfigDto })
  config(): StoreConfigDto {
    return { payments_enabled: this.stripe.enabled };
  }

  @Post('checkout')
  @Idempotent()
  @Auth(UserRole.Customer)
  @ApiOperation({
    summary: 'Buy a plan: opens a Stripe Checkout Session and returns its URL',
    description:
      'The order is recorded as `pending`. Without Stripe keys: 503 PAYMENTS_NOT_CONFIGURED (the order stays pending for an admin).',
  })
  @ApiCreatedResponse({ type: CheckoutResponseDto })
  @ApiErrorResponses(400, 404, 409, 502, 503)
  checkout(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CheckoutDto,
  ): Promise<CheckoutResponseDto> {
    return this.orders.checkout(user.id, body);
  }
}

/** The signed-in customer's own data; every query is keyed by their id, so another's ids are 404. */
@ApiTags('my account')
@Auth(UserRole.Customer)
@Controller('my')
export class MyAccountController {
  constructor(
    private readonly customers: CustomersService,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My profile, licenses (keys and quotas) and hosting accounts' })
  @ApiOkResponse({ type: CustomerDetailsResponseDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<CustomerDetailsResponse> {
    return this.customers.getDetails(user.id);
  }

  @Get('orders')
  @ApiOperation({ summary: 'My orders, newest first' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiErrorResponses(400)
  myOrders(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: OrderListQueryDto,
  ): Promise<OrderPageDto> {
    return this.orders.list(query, user.id);
  }

  @Get('orders/:id')
  @ApiOperation({ summary: 'One of my orders' })
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiErrorResponses(400, 404)
  myOrder(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<OrderResponseDto> {
    return this.orders.get(id, user.id);
  }

  @Get('payments')
  @ApiOperation({ summary: 'My payments, newest first' })
  @ApiOkResponse({ type: [PaymentDto] })
  myPayments(@CurrentUser() user: AuthenticatedUser): Promise<PaymentDto[]> {
    return this.payments.listForCustomer(user.id);
  }
}
