import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { PaymentResponse } from '@nextpanel/shared';
import { Repository } from 'typeorm';
import { centsToAmount } from '../plans/plan-money';
import { Payment } from './payment.entity';

const RECENT_PAYMENTS = 200;

@Injectable()
export class PaymentsService {
  constructor(@InjectRepository(Payment) private readonly payments: Repository<Payment>) {}

  /** A customer's payments, newest first (the most recent 200). */
  async listForCustomer(customerId: number): Promise<PaymentResponse[]> {
    const payments = await this.payments.find({
      where: { customerId },
      order: { id: 'DESC' },
      take: RECENT_PAYMENTS,
    });
    return payments.map(toPaymentResponse);
  }
}

export function toPaymentResponse(payment: Payment): PaymentResponse {
  return {
    id: payment.id,
    customer_id: payment.customerId,
    order_id: payment.orderId,
    kind: payment.kind,
    status: payment.status,
    amount: centsToAmount(payment.amountCents),
    currency: payment.currency,
    failure_reason: payment.failureReason,
    created_at: payment.createdAt.toISOString(),
  };
}
