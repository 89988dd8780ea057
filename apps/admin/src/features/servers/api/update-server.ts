import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ServerResponse, UpdateServerRequest } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getServerQueryOptions } from './get-server';
import { getServersQueryOptions } from './get-servers';

export interface UpdateServerInput {
  serverId: number;
  /** Only what changed: a credential rotation sends api_key and api_secret, nothing else. */
  data: UpdateServerRequest;
}

/** PATCH /api/v1/nextpanel/servers/{id} (409 CAPACITY_BELOW_USAGE, SERVER_NAME_TAKEN). */
export function updateServer({ serverId, data }: UpdateServerInput): Promise<ServerResponse> {
  return api.patch<ServerResponse>(`/api/v1/nextpanel/servers/${serverId}`, data);
}

export interface UseUpdateServerOptions {
  mutationConfig?: MutationConfig<typeof updateServer>;
}

export function useUpdateServer({ mutationConfig }: UseUpdateServerOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: updateServer,
    onSuccess: async (...args) => {
      const [server] = args;
      queryClient.setQueryData(getServerQueryOptions(server.id).queryKey, server);
      await queryClient.invalidateQueries({ queryKey: getServersQueryOptions().queryKey });
      return onSuccess?.(...args);
    },
  });
}
