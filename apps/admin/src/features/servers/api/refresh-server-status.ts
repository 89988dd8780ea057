import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ServerStatusResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getServersQueryOptions } from './get-servers';

/**
 * GET /api/v1/nextpanel/servers/status: checks every panel's health now and records the result.
 * A GET, but run on demand ("Refresh status") and with a side effect on the stored status, so the
 * dashboard treats it as an action and refetches the server list afterwards.
 */
export function refreshServerStatus(): Promise<ServerStatusResponse[]> {
  return api.get<ServerStatusResponse[]>('/api/v1/nextpanel/servers/status');
}

export interface UseRefreshServerStatusOptions {
  mutationConfig?: MutationConfig<typeof refreshServerStatus>;
}

export function useRefreshServerStatus({ mutationConfig }: UseRefreshServerStatusOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: refreshServerStatus,
    onSuccess: async (...args) => {
      // Prefix of every server query: the list and each server's detail.
      await queryClient.invalidateQueries({
        queryKey: getServersQueryOptions().queryKey.slice(0, 1),
      });
      return onSuccess?.(...args);
    },
  });
}
