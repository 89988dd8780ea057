import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CheckoutRequest, CheckoutResponse } from '@nextpanel/shared';
import { getMyOrdersQueryOptions } from '@/features/my-account/api/get-my-orders';
import { customerApi } from '@/lib/customer-api';
import type { MutationConfig } from '@/lib/react-query';

/** Codes of POST /checkout's refusals the storefront words itself. */
export const CheckoutErrorCode = {
  /** 503: Stripe keys are not configured; the order is recorded as pending for an admin. */
  PaymentsNotConfigured: 'PAYMENTS_NOT_CONFIGURED',
  /** 409: the plan stopped being sold while the customer was looking at it. */
  PlanInactive: 'PLAN_INACTIVE',
  /** 502: Stripe did not open a checkout; nothing was charged. */
  PaymentProviderError: 'PAYMENT_PROVIDER_ERROR',
} as const;

/**
 * POST /api/v1/checkout (customer): records a pending order and opens a Stripe Checkout
 * Session; the browser then goes to `checkout_url`. 503 PAYMENTS_NOT_CONFIGURED still records the
 * order, which an administrator marks as paid.
 */
export function createCheckout(request: CheckoutRequest): Promise<CheckoutResponse> {
  return customerApi.post<CheckoutResponse>('/api/v1/checkout', request);
}

export interface UseCreateCheckoutOptions {
  mutationConfig?: MutationConfig<typeof createCheckout>;
}

export function useCreateCheckout({ mutationConfig }: UseCreateCheckoutOptions = {}) {
  const queryClient = useQueryClient();
  const { onSettled, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: createCheckout,
    // Success and the 503 both leave a new order behind.
    onSettled: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: getMyOrdersQueryOptions().queryKey });
      return onSettled?.(...args);
    },
  });
}
