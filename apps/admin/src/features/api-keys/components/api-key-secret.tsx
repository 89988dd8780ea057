import type { CreatedApiKeyResponse } from '@nextpanel/shared';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { DialogActions } from '@/components/ui/dialog';
import { env } from '@/config/env';
import styles from './api-keys.module.css';

export interface ApiKeySecretProps {
  apiKey: CreatedApiKeyResponse;
  onDone: () => void;
}

/** The key, once: billing keeps only its hash, so closing this is the last chance to copy it. */
export function ApiKeySecret({ apiKey, onDone }: ApiKeySecretProps) {
  const example = `curl ${env.API_URL}/api/v1/customers \\\n  -H "Authorization: Bearer ${apiKey.key_prefix}…"`;
  return (
    <div className={styles.secret}>
      <Alert variant="warning" title="Copy the key now">
        It is shown only this once: billing stores a hash of it, not the key. If it is lost, revoke
        it and create another.
      </Alert>
      <div className={styles.secretValue}>
        <code aria-label={`API key ${apiKey.name}`}>{apiKey.secret}</code>
        <CopyButton value={apiKey.secret} label="Copy API key" />
      </div>
      <div>
        <p className={styles.hint}>
          Send it as a bearer token. It can do only what its scopes allow:{' '}
          {apiKey.scopes.join(', ')}.
        </p>
        <pre className={styles.example}>{example}</pre>
      </div>
      <DialogActions>
        <Button onClick={onDone}>I have copied the key</Button>
      </DialogActions>
    </div>
  );
}
