import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getServerQueryOptions } from './get-server';
import { getServersQueryOptions } from './get-servers';

/**
 * DELETE /api/v1/nextpanel/servers/{id} (204). Only a server that never held an account goes;
 * otherwise 409 SERVER_HAS_ACCOUNTS or SERVER_HAS_HISTORY, and the admin deactivates it instead.
 */
export function deleteServer({ serverId }: { serverId: number }): Promise<void> {
  return api.delete<void>(`/api/v1/nextpanel/servers/${serverId}`);
}

export interface UseDeleteServerOptions {
  mutationConfig?: MutationConfig<typeof deleteServer>;
}

export function useDeleteServer({ mutationConfig }: UseDeleteServerOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: deleteServer,
    onSuccess: async (...args) => {
      const [, { serverId }] = args;
      queryClient.removeQueries({ queryKey: getServerQueryOptions(serverId).queryKey });
      await queryClient.invalidateQueries({ queryKey: getServersQueryOptions().queryKey });
      return onSuccess?.(...args);
    },
  });
}
