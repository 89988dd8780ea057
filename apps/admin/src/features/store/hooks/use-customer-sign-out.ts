import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { clearCustomerSession } from '@/lib/customer-session';
import { forgetCustomerData } from '../api/customer-cache';

/**
 * Signs the customer out of the store and /my (the header then offers "Sign in" again; /my sends
 * them to the plans). An admin signed in to the dashboard in the same browser stays signed in.
 */
export function useCustomerSignOut(): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    clearCustomerSession('signed-out');
    forgetCustomerData(queryClient);
  }, [queryClient]);
}
