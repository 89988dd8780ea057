import type { ApiKeyResponse } from '@nextpanel/shared';
import { ConfirmDialog } from '@/components/ui/dialog';
import { toast } from '@/components/ui/toast';
import { describeError } from '@/lib/errors';
import { formatRelativeTime } from '@/lib/format';
import { useRevokeApiKey } from '../api/revoke-api-key';
import styles from './api-keys.module.css';

export interface RevokeApiKeyDialogProps {
  /** The key to revoke; `null` closes the dialog. */
  apiKey: ApiKeyResponse | null;
  onClose: () => void;
}

export function RevokeApiKeyDialog({ apiKey, onClose }: RevokeApiKeyDialogProps) {
  const revokeApiKey = useRevokeApiKey();

  const close = () => {
    revokeApiKey.reset();
    onClose();
  };

  return (
    <ConfirmDialog
      open={apiKey !== null}
      onClose={close}
      title={`Revoke ${apiKey?.name ?? 'API key'}?`}
      confirmLabel="Revoke key"
      tone="danger"
      isPending={revokeApiKey.isPending}
      onConfirm={() => {
        if (apiKey === null) return;
        revokeApiKey.mutate(
          { apiKeyId: apiKey.id },
          {
            onSuccess: () => {
              toast.success('API key revoked', `${apiKey.name} no longer works.`);
              close();
            },
          },
        );
      }}
      error={
        revokeApiKey.error ? (
          <>
            <strong>The key was not revoked.</strong> {describeError(revokeApiKey.error)}
          </>
        ) : null
      }
    >
      {apiKey ? (
        <p>
          Requests with <span className={styles.mono}>{apiKey.key_prefix}…</span> are refused from
          now on (last used {formatRelativeTime(apiKey.last_used_at)}). This cannot be undone; the
          key stays listed as revoked.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
