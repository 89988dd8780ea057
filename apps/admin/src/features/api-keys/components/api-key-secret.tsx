import type { CreatedApiKeyResponse } from '@nextpanel/shared';
import { OneTimeSecret } from '@/components/ui/one-time-secret';
import { env } from '@/config/env';

export interface ApiKeySecretProps {
  apiKey: CreatedApiKeyResponse;
  onDone: () => void;
}

/** The key, once: billing keeps only its hash, so closing this is the last chance to copy it. */
export function ApiKeySecret({ apiKey, onDone }: ApiKeySecretProps) {
  const example = `curl ${env.API_URL}/api/v1/customers \\\n  -H "Authorization: Bearer ${apiKey.key_prefix}…"`;
  return (
    <OneTimeSecret
      secret={apiKey.secret}
      secretLabel={`API key ${apiKey.name}`}
      copyLabel="Copy API key"
      warningTitle="Copy the key now"
      warning="It is shown only this once: billing stores a hash of it, not the key. If it is lost, revoke it and create another."
      example={example}
      doneLabel="I have copied the key"
      onDone={onDone}
    >
      Send it as a bearer token. It can do only what its scopes allow: {apiKey.scopes.join(', ')}.
    </OneTimeSecret>
  );
}
