import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateServerRequest, ServerResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getServersQueryOptions } from './get-servers';

/** Codes of POST/PATCH /nextpanel/servers refusals the form places on a field. */
export const ServerErrorCode = {
  NameTaken: 'SERVER_NAME_TAKEN',
  CapacityBelowUsage: 'CAPACITY_BELOW_USAGE',
  HasAccounts: 'SERVER_HAS_ACCOUNTS',
  HasHistory: 'SERVER_HAS_HISTORY',
} as const;

/** POST /api/v1/nextpanel/servers (201; 409 SERVER_NAME_TAKEN). */
export function createServer(request: CreateServerRequest): Promise<ServerResponse> {
  return api.post<ServerResponse>('/api/v1/nextpanel/servers', request);
}

export interface UseCreateServerOptions {
  mutationConfig?: MutationConfig<typeof createServer>;
}

export function useCreateServer({ mutationConfig }: UseCreateServerOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: createServer,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: getServersQueryOptions().queryKey });
      return onSuccess?.(...args);
    },
  });
}
