import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKeyResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getApiKeysQueryOptions } from './get-api-keys';

/** DELETE /api/v1/api-keys/{id}: the key stops working at once and stays listed as revoked. */
export function revokeApiKey({ apiKeyId }: { apiKeyId: number }): Promise<ApiKeyResponse> {
  return api.delete<ApiKeyResponse>(`/api/v1/api-keys/${apiKeyId}`);
}

export interface UseRevokeApiKeyOptions {
  mutationConfig?: MutationConfig<typeof revokeApiKey>;
}

export function useRevokeApiKey({ mutationConfig }: UseRevokeApiKeyOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: revokeApiKey,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: getApiKeysQueryOptions().queryKey });
      return onSuccess?.(...args);
    },
  });
}
