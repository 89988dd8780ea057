import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators';
import { ApiErrorResponses } from '../common/errors/api-error.dto';
import { ParseIdPipe } from '../common/validation/id-params';
import { OrderListQueryDto, OrderPageDto, OrderResponseDto } from './dto/order.dto';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@Auth('admin')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOperation({ summary: 'Orders, newest first; filter by status or customer' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiErrorResponses(400)
  list(@Query() query: OrderListQueryDto): Promise<OrderPageDto> {
    return this.orders.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One order' })
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiErrorResponses(400, 404)
  get(@Param('id', ParseIdPipe) id: number): Promise<OrderResponseDto> {
    return this.orders.get(id);
  }

  @Post(':id/mark-paid')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Record a payment made outside Stripe',
    description:
      'Runs the same flow as a Stripe payment: license, provisioning, welcome email. Only for pending orders.',
  })
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiErrorResponses(400, 404, 409)
  markPaid(@Param('id', ParseIdPipe) id: number): Promise<OrderResponseDto> {
    return this.orders.markPaid(id);
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Run a failed or capacity-waiting order’s provisioning again now' })
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiErrorResponses(400, 404, 409)
  retry(@Param('id', ParseIdPipe) id: number): Promise<OrderResponseDto> {
    return this.orders.retry(id);
  }
}
