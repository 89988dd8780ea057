import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { clearSession } from '@/lib/session';

/**
 * Signs the admin out. The API keeps no server-side session (a bearer token simply expires), so
 * this forgets the token and every cached answer; the protected routes then show the login page.
 */
export function useSignOut(): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    clearSession('signed-out');
    queryClient.removeQueries();
  }, [queryClient]);
}
