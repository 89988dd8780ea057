import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BILLING_CYCLES,
  BillingCycle,
  CheckoutRequest,
  CheckoutResponse,
  ORDER_STATUSES,
  OrderResponse,
  OrderStatus,
} from '@nextpanel/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/pagination/page.dto';

export class CheckoutDto implements CheckoutRequest {
  @ApiProperty({ example: '5f0c6e1e-3b1a-4d5e-9d0b-2f6f1c2d3e4f' })
  @IsUUID('all', { message: 'plan_id must be a plan id (UUID)' })
  plan_id!: string;

  @ApiProperty({ enum: BILLING_CYCLES, example: 'monthly' })
  @IsIn(BILLING_CYCLES)
  billing_cycle!: BillingCycle;
}

export class CheckoutResponseDto implements CheckoutResponse {
  @ApiProperty({ example: 7 }) order_id!: number;
  @ApiProperty({ example: 'https://checkout.stripe.com/c/pay/cs_test_…' }) checkout_url!: string;
  @ApiProperty({ example: 'cs_test_a1b2c3' }) session_id!: string;
}

export class OrderListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ example: 2, description: 'Admins only' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  customer_id?: number;
}

export class OrderResponseDto implements OrderResponse {
  @ApiProperty({ example: 7 }) id!: number;
  @ApiProperty({ example: 2 }) customer_id!: number;
  @ApiProperty({ example: '5f0c6e1e-3b1a-4d5e-9d0b-2f6f1c2d3e4f' }) plan_id!: string;
  @ApiProperty({ example: 'Professional Hosting' }) plan_name!: string;
  @ApiProperty({ enum: BILLING_CYCLES, example: 'monthly' }) billing_cycle!: BillingCycle;
  @ApiProperty({ enum: ORDER_STATUSES, example: 'completed' }) status!: OrderStatus;
  @ApiProperty({ example: null, nullable: true, type: String }) status_reason!: string | null;
  @ApiProperty({ example: 14.99 }) amount!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: 3, nullable: true, type: Number }) license_id!: number | null;
  @ApiProperty({ example: 5, nullable: true, type: Number }) hosting_account_id!: number | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'Stripe Checkout link while the order is pending',
  })
  checkout_url!: string | null;
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z', nullable: true, type: String }) paid_at!:
    string | null;
  @ApiProperty({ example: '2026-11-26T10:00:05.000Z', nullable: true, type: String })
  completed_at!: string | null;
  @ApiProperty({ example: '2026-11-26T09:59:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-26T10:00:05.000Z' }) updated_at!: string;
}

export class OrderPageDto extends PageMetaDto {
  @ApiProperty({ type: [OrderResponseDto] }) items!: OrderResponseDto[];
}
