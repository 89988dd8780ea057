import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateApiKeyRequest, CreatedApiKeyResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getApiKeysQueryOptions } from './get-api-keys';

/**
 * POST /api/v1/api-keys (201). The answer's `secret` is the key itself, shown this once: the API
 * keeps only its hash. Keep it out of the query cache (the list refetches without it).
 */
export function createApiKey(request: CreateApiKeyRequest): Promise<CreatedApiKeyResponse> {
  return api.post<CreatedApiKeyResponse>('/api/v1/api-keys', request);
}

export interface UseCreateApiKeyOptions {
  mutationConfig?: MutationConfig<typeof createApiKey>;
}

export function useCreateApiKey({ mutationConfig }: UseCreateApiKeyOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: createApiKey,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: getApiKeysQueryOptions().queryKey });
      return onSuccess?.(...args);
    },
  });
}
