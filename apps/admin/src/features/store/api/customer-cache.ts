import type { QueryClient } from '@tanstack/react-query';
import { getMyAccountQueryOptions } from '@/features/my-account/api/get-my-account';

/**
 * Drops every cached answer about "my" account (profile, orders, payments), whose keys all
 * start with the same segment as GET /my's. Called when a customer signs in or out, so nothing
 * of one customer shows in the next one's pages; the admin's cache is left alone.
 */
export function forgetCustomerData(queryClient: QueryClient): void {
  const [scope] = getMyAccountQueryOptions().queryKey;
  queryClient.removeQueries({ queryKey: [scope] });
}
