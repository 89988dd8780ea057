import { useMutation } from '@tanstack/react-query';
import type { TestServerConnectionRequest, TestServerConnectionResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

/**
 * POST /api/v1/nextpanel/servers/test: asks the panel's health endpoint with these credentials,
 * before anything is saved. Answers 200 either way; `success: false` carries the precise reason.
 */
export function testServerConnection(
  request: TestServerConnectionRequest,
): Promise<TestServerConnectionResponse> {
  return api.post<TestServerConnectionResponse>('/api/v1/nextpanel/servers/test', request);
}

export interface UseTestServerConnectionOptions {
  mutationConfig?: MutationConfig<typeof testServerConnection>;
}

export function useTestServerConnection({ mutationConfig }: UseTestServerConnectionOptions = {}) {
  return useMutation({ ...mutationConfig, mutationFn: testServerConnection });
}
