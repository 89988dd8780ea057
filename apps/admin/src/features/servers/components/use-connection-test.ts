import { useState } from 'react';
import type { TestServerConnectionRequest, TestServerConnectionResponse } from '@nextpanel/shared';
import { useTestServerConnection } from '../api/test-server-connection';

function fingerprint(request: TestServerConnectionRequest): string {
  return JSON.stringify([request.base_url.trim(), request.api_key.trim(), request.api_secret]);
}

/**
 * Runs "Test connection" and remembers for which URL and key pair the answer holds, so a result
 * disappears as soon as the admin edits what was tested instead of vouching for new values.
 */
export function useConnectionTest() {
  const mutation = useTestServerConnection();
  const [tested, setTested] = useState<{
    key: string;
    result: TestServerConnectionResponse;
  } | null>(null);

  return {
    isPending: mutation.isPending,
    error: mutation.error,
    run: (request: TestServerConnectionRequest, onError?: (error: Error) => void) => {
      setTested(null);
      mutation.mutate(request, {
        onSuccess: (result) => setTested({ key: fingerprint(request), result }),
        onError,
      });
    },
    /** The result for these values, or null when they changed since the test. */
    resultFor: (request: TestServerConnectionRequest): TestServerConnectionResponse | null =>
      tested !== null && tested.key === fingerprint(request) ? tested.result : null,
    reset: () => {
      mutation.reset();
      setTested(null);
    },
  };
}
